export { DEFAULT_CASE_PATH, loadCaseFile, parseCase } from "./case-file.ts";
export type { CaseFile, PublishedNumber, SourceLocation, SymbolEntry } from "./case-file.ts";
export { InputError, jsonPath } from "./input-error.ts";
export { FIXTURES_DIR, parseJson, schemaValidator, validateAgainst } from "./schema.ts";
export { canonicalJson, firstDifference } from "./canonical-json.ts";
export {
  caseGenerators,
  caseIds,
  checkFixtures,
  regenerate,
  undescribedFields,
  validateFixture,
} from "./fixture-set.ts";
export type { FixtureGenerator, FixtureProblem } from "./fixture-set.ts";
export { GUARD_DIGITS, RECORDED_DIGITS, WORKING_DIGITS, goldenValues } from "./golden-values.ts";
export type { GoldenFile, GoldenGroup, GoldenQuantity } from "./golden-values.ts";

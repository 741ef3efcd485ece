export { DEFAULT_CASE_PATH, loadCaseFile, parseCase } from "./case-file.ts";
export type { CaseFile, PublishedNumber, SourceLocation, SymbolEntry } from "./case-file.ts";
export { InputError, jsonPath } from "./input-error.ts";
export { LIMITS } from "./limits.ts";
export { writeFileAtomic } from "./atomic-write.ts";
export { MAX_FILE_BYTES, MAX_JSON_DEPTH, decodeUtf8, readInputFile } from "./json-text.ts";
export { FIXTURES_DIR, SCHEMAS, fixtureExists, readFixtureText } from "./embedded-fixtures.ts";
export { parseJson, schemaValidator, validateAgainst, validateAll } from "./schema.ts";
export type { SchemaViolation } from "./schema.ts";
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
export { CAUSES, VERDICTS, classifyPublished } from "./classify.ts";
export { MAX_CARRIED_FORWARD, MAX_REPLAYS } from "./explanations.ts";
export type { Cause, PublishedVerdict, Verdict } from "./classify.ts";
export {
  matchesPrinted,
  printedDecimals,
  roundLikePrinted,
  roundToDecimals,
  roundToSignificant,
} from "./printed-decimal.ts";
export { ERRATUM_KINDS, errataPath, loadErrataFile } from "./errata-file.ts";
export type { Erratum, ErratumEntry, ErratumKind, ErrataFile, ExpectedVerdict } from "./errata-file.ts";
export { verdictGenerators, verdictsFile } from "./verdicts-file.ts";

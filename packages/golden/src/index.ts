export {
  DEFAULT_CASE_PATH,
  DEFAULT_CONVENTIONS,
  DELTA_CONVENTIONS,
  GRADIENT_CONVENTIONS,
  UPDATE_CONVENTIONS,
  loadCaseFile,
  parseCase,
  readCase,
} from "./case-file.ts";
export type { CaseFile, Conventions, PublishedNumber, SourceLocation, SymbolEntry } from "./case-file.ts";
export { canonicalQuantity, transpose } from "./case-normalise.ts";
export { upgradeCase } from "./case-upgrade.ts";
export type { RawCase, RawLayer, RawPublished } from "./case-normalise.ts";
export {
  caseFormatOf,
  formatCaseText,
  readCaseText,
  withPositions,
  writePlacedQuantities,
} from "./case-text.ts";
export type { CaseComment, CaseFormat, CaseText, TextPosition } from "./case-text.ts";
export { placeEntry, placementsOf, quantityOfSymbol } from "./locate.ts";
export type { EntryToPlace, PlacedBy, Placement } from "./locate.ts";
export { InputError, jsonPath } from "./input-error.ts";
export { LIMITS } from "./limits.ts";
export { writeFileAtomic } from "./atomic-write.ts";
export { MAX_FILE_BYTES, MAX_JSON_DEPTH, decodeUtf8, readInputFile } from "./json-text.ts";
export { FIXTURES_DIR, SCHEMAS, fixtureExists, readFixtureText } from "./embedded-fixtures.ts";
export { parseJson, schemaNameFor, schemaValidator, validateAgainst, validateAll } from "./schema.ts";
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
export { CAUSES, CAUSE_REGISTRY, VERDICTS, VERDICT_REGISTRY } from "./causes.ts";
export type { Cause, CauseRecord, Verdict } from "./causes.ts";
export { SEARCH_OPS_PER_NUMBER, classifyCase, classifyPublished } from "./classify.ts";
export { MAX_CARRIED_FORWARD } from "./explanations.ts";
export type { Classification, Explanation, PublishedVerdict, SourceConvention } from "./classify.ts";
export {
  matchesPrinted,
  notAPrintedNumber,
  printedAsDecimal,
  printedDecimals,
  roundLikePrinted,
  roundToDecimals,
  roundToSignificant,
} from "./printed-decimal.ts";
export { ERRATUM_KINDS, errataPath, loadErrataFile } from "./errata-file.ts";
export type { Erratum, ErratumEntry, ErratumKind, ErrataFile, ExpectedVerdict } from "./errata-file.ts";
export { verdictGenerators, verdictsFile } from "./verdicts-file.ts";
export { Planter, printSignificant, syntheticCase, syntheticCaseFile } from "./synthetic-source.ts";
export { HABITS } from "./worlds.ts";
export type { Habit } from "./worlds.ts";

export { DEFAULT_CASE_PATH, loadCaseFile, parseCase } from "./case-file.ts";
export type { CaseFile, PublishedNumber, SourceLocation, SymbolEntry } from "./case-file.ts";
export { InputError, jsonPath } from "./input-error.ts";
export { FIXTURES_DIR, parseJson, schemaValidator, validateAgainst } from "./schema.ts";
export { CAUSES, VERDICTS, classifyPublished } from "./classify.ts";
export type { Cause, PublishedVerdict, Verdict } from "./classify.ts";
export {
  matchesPrinted,
  printedDecimals,
  roundLikePrinted,
  roundToDecimals,
  roundToSignificant,
} from "./printed-decimal.ts";
export { ERRATUM_KINDS, errataPath, loadErrataFile } from "./errata-file.ts";
export type { Erratum, ErratumKind, ErrataFile, ExpectedVerdict } from "./errata-file.ts";

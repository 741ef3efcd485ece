export { DEFAULT_CASE_PATH, loadCaseFile, parseCase } from "./case-file.ts";
export type { CaseFile, PublishedNumber, SourceLocation, SymbolEntry } from "./case-file.ts";
export { InputError, jsonPath } from "./input-error.ts";
export { FIXTURES_DIR, parseJson, schemaValidator, validateAgainst } from "./schema.ts";

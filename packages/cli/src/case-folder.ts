import { dirname, join, relative, resolve } from "node:path";
import { DEFAULT_CASE_PATH, FIXTURES_DIR, InputError, fixtureExists, type CaseFile } from "@bpcheck/golden";

/**
 * The folder holding a case's hand-written companions (errata.json, program-output.json):
 * the case file's own folder, or for a case read from stdin the fixture folder named by
 * its id (`fixtures/<id>/`, when there is one).
 */
function caseFolder(positionals: readonly string[], c: CaseFile): string {
  const file = positionals[0] ?? DEFAULT_CASE_PATH;
  return file === "-" ? join(FIXTURES_DIR, c.id) : dirname(resolve(file));
}

/** The path of a companion file of the case, or null when the case has none. */
function companionFile(positionals: readonly string[], c: CaseFile, name: string): string | null {
  const path = join(caseFolder(positionals, c), name);
  return fixtureExists(path) ? path : null;
}

/**
 * A companion file of the case read with `load`, or null when the case has none; one
 * that names another case is an InputError (it would judge the case by another's facts).
 */
export function loadCompanion<T extends { readonly case: string }>(
  positionals: readonly string[],
  c: CaseFile,
  name: string,
  load: (file: string) => T,
): { readonly file: string; readonly value: T } | null {
  const file = companionFile(positionals, c, name);
  if (file === null) return null;
  const value = load(file);
  if (value.case !== c.id) {
    throw new InputError(file, "$.case", `expected "${c.id}" (the case it sits beside), got "${value.case}"`);
  }
  return { file, value };
}

/** A path as shown to the user: `fixtures/…` inside the repository's fixtures, else relative to the working directory when inside it. */
export function shownPath(path: string): string {
  const abs = resolve(path);
  if (abs.startsWith(FIXTURES_DIR)) return `fixtures/${abs.slice(FIXTURES_DIR.length)}`;
  const rel = relative(".", abs);
  return rel.startsWith("..") ? abs : rel;
}

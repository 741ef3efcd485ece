import { existsSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { DEFAULT_CASE_PATH, FIXTURES_DIR, type CaseFile } from "@bpcheck/golden";

/**
 * The folder holding a case's hand-written companions (errata.json, program-output.json):
 * the case file's own folder, or for a case read from stdin the fixture folder named by
 * its id (`fixtures/<id>/`, when there is one).
 */
export function caseFolder(positionals: readonly string[], c: CaseFile): string {
  const file = positionals[0] ?? DEFAULT_CASE_PATH;
  return file === "-" ? join(FIXTURES_DIR, c.id) : dirname(resolve(file));
}

/** The path of a companion file of the case, or null when the case has none. */
export function companionFile(positionals: readonly string[], c: CaseFile, name: string): string | null {
  const path = join(caseFolder(positionals, c), name);
  return existsSync(path) ? path : null;
}

/** A path as shown to the user: `fixtures/…` inside the repository's fixtures, else relative to the working directory. */
export function shownPath(path: string): string {
  const abs = resolve(path);
  return abs.startsWith(FIXTURES_DIR) ? `fixtures/${abs.slice(FIXTURES_DIR.length)}` : relative(".", abs);
}

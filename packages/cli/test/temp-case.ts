import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DEFAULT_CASE_PATH, FIXTURES_DIR } from "@bpcheck/golden";
import { afterEach } from "vitest";

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A private temporary folder, removed after the test (tests never write into fixtures/). */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "bpcheck-cli-"));
  temps.push(dir);
  return dir;
}

/** A copy of the seed's folder with some of its files, each edited by `edit` (parsed JSON in, JSON out). */
export function seedCopy(files: Record<string, (json: any) => unknown>): string {
  const dir = tempDir();
  for (const [name, edit] of Object.entries(files)) {
    const json = JSON.parse(readFileSync(join(FIXTURES_DIR, "bp-worked-example-zh", name), "utf8"));
    writeFileSync(join(dir, name), JSON.stringify(edit(json)));
  }
  return dir;
}

/** A copy of the whole fixtures/ folder. */
export function fixturesCopy(): string {
  const dir = tempDir();
  cpSync(FIXTURES_DIR, dir, { recursive: true });
  return dir;
}

/** The seed case under another id, as text: a case without errata.json or a published program. */
export const otherCase = JSON.stringify({
  ...JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8")),
  id: "my-case",
});

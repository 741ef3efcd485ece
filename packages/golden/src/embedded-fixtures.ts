import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import seedCase from "../../../fixtures/bp-worked-example-zh/case.json" with { type: "json" };
import seedErrata from "../../../fixtures/bp-worked-example-zh/errata.json" with { type: "json" };
import seedProgramOutput from "../../../fixtures/bp-worked-example-zh/program-output.json" with { type: "json" };
import caseV1Schema from "../../../fixtures/schema/case-v1.schema.json" with { type: "json" };
import caseSchema from "../../../fixtures/schema/case.schema.json" with { type: "json" };
import commonSchema from "../../../fixtures/schema/common.schema.json" with { type: "json" };
import corpusSchema from "../../../fixtures/schema/corpus.schema.json" with { type: "json" };
import errataSchema from "../../../fixtures/schema/errata.schema.json" with { type: "json" };
import goldenSchema from "../../../fixtures/schema/golden.schema.json" with { type: "json" };
import programOutputSchema from "../../../fixtures/schema/program-output.schema.json" with { type: "json" };
import replaySchema from "../../../fixtures/schema/replay.schema.json" with { type: "json" };
import trajectoriesSchema from "../../../fixtures/schema/trajectories.schema.json" with { type: "json" };
import verdictsSchema from "../../../fixtures/schema/verdicts.schema.json" with { type: "json" };

/**
 * Folder of the repository's fixtures (schemas and one folder per case). The installed
 * CLI is one bundled file without this folder: what it needs from it at run time (the
 * schemas and the seed case's hand-written files) is embedded below by import, so it is
 * read from the same files the repository holds.
 */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../fixtures/", import.meta.url));

/** The shared definitions every schema references (`common.schema.json#/$defs/…`); not a format of its own. */
export const COMMON_SCHEMA = "common";

/** Every published schema by name (`bpcheck-<name>` → `fixtures/schema/<name>.schema.json`). */
export const SCHEMAS: Readonly<Record<string, object>> = {
  case: caseSchema,
  "case-v1": caseV1Schema,
  common: commonSchema,
  corpus: corpusSchema,
  errata: errataSchema,
  golden: goldenSchema,
  "program-output": programOutputSchema,
  replay: replaySchema,
  trajectories: trajectoriesSchema,
  verdicts: verdictsSchema,
};

/** The seed case's hand-written files, by their path under fixtures/. */
const EMBEDDED: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["bp-worked-example-zh/case.json", seedCase],
  ["bp-worked-example-zh/errata.json", seedErrata],
  ["bp-worked-example-zh/program-output.json", seedProgramOutput],
]);

function embedded(file: string): unknown {
  return file.startsWith(FIXTURES_DIR) ? EMBEDDED.get(file.slice(FIXTURES_DIR.length)) : undefined;
}

/** An embedded fixture's text (re-serialised), or undefined for any other file. */
export function embeddedFixtureText(file: string): string | undefined {
  const value = embedded(file);
  return value === undefined ? undefined : JSON.stringify(value, null, 2);
}

/** Whether a file exists: an embedded fixture, or a file on disk. */
export function fixtureExists(file: string): boolean {
  return embedded(file) !== undefined || existsSync(file);
}

/**
 * The text of a file: an embedded fixture's (the same JSON, re-serialised), else the
 * file's on disk. Throws the file system's error for a file that is neither.
 */
export function readFixtureText(file: string): string {
  const value = embedded(file);
  return value === undefined ? readFileSync(file, "utf8") : JSON.stringify(value, null, 2);
}

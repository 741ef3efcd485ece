import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CASE_PATH, FIXTURES_DIR } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { badInputs, type BadInput } from "../../../scripts/bad-input.ts";
import { cli } from "./cli.ts";
import { tempDir } from "./temp-case.ts";

/**
 * The systematic bad-input corpus (scripts/bad-input.ts): every mutation of every field of
 * every fixture schema, given to the command that reads that kind of file. A case
 * (`run`), an errata.json or a program-output.json beside a case (`errata`) is refused
 * with exit 2 and one line naming the file and the field's path, no stack trace, nothing
 * written. The generated fixtures (golden, verdicts, trajectories, replay, the corpus
 * index) are read by `validate` alone, whose contract is to list every schema error on
 * stdout and exit 1 (exit 2, one line, when the file cannot be read at all, as a value
 * nested too deep).
 */
const corpus = badInputs();
const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));

/** Writes the entry beside a seed case (with no published numbers for a program-output, so that nothing is judged). */
function besideCase(entry: BadInput, file: string): string {
  const dir = tempDir();
  const c = entry.schema === "program-output" ? { ...seed, published: [] } : seed;
  writeFileSync(join(dir, "case.json"), JSON.stringify(c));
  writeFileSync(join(dir, file), entry.text);
  copyFileSync(join(FIXTURES_DIR, "bp-worked-example-zh", "program.py"), join(dir, "program.py"));
  return dir;
}

async function refusal(entry: BadInput) {
  switch (entry.schema) {
    case "case":
    case "case-v1":
      return { ...(await cli(["run", "-"], { stdin: entry.text })), file: "<stdin>" };
    case "errata":
    case "program-output": {
      const file = `${entry.schema}.json`;
      const dir = besideCase(entry, file);
      return { ...(await cli(["errata", join(dir, "case.json")])), file: join(dir, file) };
    }
    default: {
      expect(READ_BY_VALIDATE_ONLY.has(entry.schema)).toBe(true);
      const file = join(tempDir(), "fixture.json");
      writeFileSync(file, entry.text);
      return { ...(await cli(["validate", file])), file };
    }
  }
}

const lines = (s: string) => s.split("\n").filter(Boolean);
const READ_BY_VALIDATE_ONLY = new Set(["golden", "verdicts", "trajectories", "replay", "corpus"]);

describe("the bad-input corpus", () => {
  it("has every mutation kind, over every schema", () => {
    expect(new Set(corpus.map((e) => e.mutation)).size).toBe(9);
    expect(new Set(corpus.map((e) => e.schema)).size).toBe(9);
  });

  it.each(corpus.map((e) => [e.name, e.path, e.mutation, e] as const))(
    "%s (%s, %s) is refused in one line naming the field",
    async (_name, _path, _mutation, entry) => {
      const { code, out, err, files, file } = await refusal(entry);
      expect(err).not.toMatch(/\n\s+at /);
      expect(files.size).toBe(0);
      if (code === 1 && READ_BY_VALIDATE_ONLY.has(entry.schema)) {
        // validate: every schema error listed on stdout, the field's among them.
        expect(err).toBe("");
        expect(out).toContain(`${file}: ${entry.expected}`);
        return;
      }
      expect(code, err).toBe(2);
      expect(lines(err), err).toHaveLength(1);
      expect(err.startsWith(`bpcheck: ${file}: `), err).toBe(true);
      expect(err).toContain(entry.expected);
    },
  );
});

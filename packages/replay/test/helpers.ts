import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES_DIR, loadCaseFile, type CaseFile } from "@bpcheck/golden";
import { afterAll } from "vitest";
import { loadPublishedProgram, type PublishedProgram } from "../src/index.ts";

const temps: string[] = [];
afterAll(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A private copy of a case folder, with its program text and program-output.json edited. */
export function caseCopy(
  id: string,
  edit: { program?: (text: string) => string; output?: (o: any) => void; case?: (c: any) => void } = {},
): { dir: string; c: CaseFile; program: PublishedProgram } {
  const dir = mkdtempSync(join(tmpdir(), "bpcheck-replay-"));
  temps.push(dir);
  cpSync(join(FIXTURES_DIR, id), dir, { recursive: true });
  const rewrite = (name: string, f: (text: string) => string) =>
    writeFileSync(join(dir, name), f(readFileSync(join(dir, name), "utf8")));
  if (edit.program) rewrite("program.py", edit.program);
  const json = (f: (o: any) => void) => (text: string) => {
    const o = JSON.parse(text);
    f(o);
    return JSON.stringify(o);
  };
  if (edit.output) rewrite("program-output.json", json(edit.output));
  if (edit.case) rewrite("case.json", json(edit.case));
  return {
    dir,
    c: loadCaseFile(join(dir, "case.json")),
    program: loadPublishedProgram(join(dir, "program-output.json")),
  };
}

/** A folder holding one small program (source lines 1…) whose whole output is one line with one number. */
export function tinyProgram(text: string, shown = "value: 1.5"): { c: CaseFile; program: PublishedProgram } {
  return caseCopy("hmkcode-2018", {
    program: () => text,
    output: (o) => {
      const lines = text.split("\n").filter((l, k, all) => k < all.length - 1 || l !== "").length;
      o.source.program.lastLine = lines;
      o.constants = [];
      o.patches = [];
      o.errata = [];
      o.output = { stdoutLine: 1, lines: [{ line: 1, text: shown }] };
      o.printed = [{ id: "value", line: 1, ordinal: 0, printed: "1.5" }];
    },
  });
}

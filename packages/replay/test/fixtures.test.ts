import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError, schemaValidator } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { BUGS, DEFAULT_PROGRAM_OUTPUT_PATH, fixtureGenerators, loadProgramOutput } from "../src/index.ts";

/** The seed's program-output.json with one edit applied. */
function edited(edit: (o: any) => void): string {
  const o = JSON.parse(readFileSync(DEFAULT_PROGRAM_OUTPUT_PATH, "utf8"));
  edit(o);
  return JSON.stringify(o);
}

const scratch = mkdtempSync(join(tmpdir(), "bpcheck-replay-"));
function fileWith(text: string): string {
  const file = join(scratch, `f${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, text);
  return file;
}

describe("program-output.json (hand-written facts about §4)", () => {
  const output = loadProgramOutput();

  it("validates against its schema and holds the 21 numbers of epochs 1–3", () => {
    expect(output.printed).toHaveLength(21);
    expect(output.output).toHaveLength(26);
  });

  it("places every printed number on an output line that contains it", () => {
    for (const p of output.printed) {
      const line = output.output.find((l) => l.line === p.location.line)!;
      expect(line.text.trim(), p.id).toBe(p.location.text);
      expect(line.text, p.id).toContain(p.printed);
    }
  });

  it("uses only kinds its notes define, with unique ids", () => {
    const ids = output.errata.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of output.errata) expect(Object.keys(output.notes)).toContain(e.kind);
  });

  it.each([
    ["malformed JSON", "{", /^.+: line 1 column 2: invalid JSON: expected a property name/],
    [
      "a wrong schema name",
      edited((o) => (o.schema = "x")),
      /\$\.schema: expected "bpcheck-program-output", got "x"/,
    ],
    [
      "an unknown erratum kind",
      edited((o) => (o.errata[0].kind = "bug")),
      /\$\.errata\[0\]\.kind: unknown value "bug"/,
    ],
    [
      "a printed number that is not a string",
      edited((o) => (o.printed[0].printed = 0.21810748)),
      /\$\.printed\[0\]\.printed: expected string, got 0\.21810748/,
    ],
  ])("refuses %s with an InputError", (_what, text, message) => {
    const file = fileWith(text);
    expect(() => loadProgramOutput(file)).toThrow(InputError);
    expect(() => loadProgramOutput(file)).toThrow(message);
  });

  it("refuses a missing file with an InputError", () => {
    expect(() => loadProgramOutput(join(scratch, "none.json"))).toThrow(
      /none\.json: \$: expected a readable program-output file \(ENOENT\)/,
    );
  });
});

describe("the generated fixtures", () => {
  const generated = new Map(fixtureGenerators.map((g) => [g.file, g.generate() as any]));

  it("are replay.json and trajectories.json of the seed case", () => {
    expect([...generated.keys()]).toEqual([
      "bp-worked-example-zh/replay.json",
      "bp-worked-example-zh/trajectories.json",
    ]);
  });

  it.each([
    ["bp-worked-example-zh/replay.json", "replay"],
    ["bp-worked-example-zh/trajectories.json", "trajectories"],
  ])("%s validates against the %s schema", (file, schema) => {
    const validate = schemaValidator(schema);
    expect(validate(generated.get(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("replay.json: every printed number matches, with at least 40 certified digits", () => {
    const r = generated.get("bp-worked-example-zh/replay.json");
    expect(r.numbers).toHaveLength(21);
    for (const n of r.numbers) {
      expect(n.result, n.printedId).toBe("match");
      expect(n.certifiedDigits, n.printedId).toBeGreaterThanOrEqual(40);
    }
    expect(r.ablation.map((a: any) => a.tcId)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.bugs.map((b: any) => b.name)).toEqual([...BUGS]);
  });

  it("trajectories.json: 200 losses and 6 final weights per learning rate, at least 40 certified digits each", () => {
    const t = generated.get("bp-worked-example-zh/trajectories.json");
    expect(t.groups.map((g: any) => g.learningRate)).toEqual(["0.01", "1"]);
    for (const g of t.groups) {
      expect(g.loss).toHaveLength(200);
      expect(g.final).toHaveLength(6);
      for (const q of [...g.loss, ...g.final]) expect(q.certifiedDigits, q.name).toBeGreaterThanOrEqual(40);
    }
    // The first loss is ½(y − ŷ)² of the worked example (§2 prints 0.0181).
    expect(t.groups[0].loss[0].value).toMatch(/^0\.01810390383656677930/);
  });

  it("are plain JSON, with no value JSON cannot hold", () => {
    for (const [file, value] of generated) {
      expect(JSON.parse(JSON.stringify(value)), file).toEqual(value);
    }
  });
});

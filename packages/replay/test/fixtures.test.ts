import { schemaValidator } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { fixtureGenerators, programCaseIds } from "../src/index.ts";

describe("the generated fixtures", () => {
  const generated = new Map(fixtureGenerators().map((g) => [g.file, g.generate() as any]));

  it("are replay.json and trajectories.json of every case with a published program", () => {
    expect(programCaseIds()).toEqual(["bp-worked-example-zh", "hmkcode-2018"]);
    expect([...generated.keys()]).toEqual([
      "bp-worked-example-zh/replay.json",
      "bp-worked-example-zh/trajectories.json",
      "hmkcode-2018/replay.json",
      "hmkcode-2018/trajectories.json",
    ]);
  });

  it.each([...generated.keys()])("%s validates against its schema", (file) => {
    const validate = schemaValidator(file.endsWith("replay.json") ? "replay" : "trajectories");
    expect(validate(generated.get(file)), JSON.stringify(validate.errors)).toBe(true);
  });

  it("replay.json of the seed: every printed number matches in both modes, and the 120-digit rerun prints the same", () => {
    const r = generated.get("bp-worked-example-zh/replay.json");
    expect(r.numbers).toHaveLength(21);
    for (const n of r.numbers) {
      expect([n.exact, n.exactRerun, n.float64], n.id).toEqual([n.printed, n.printed, n.printed]);
      expect(n.match, n.id).toEqual({ exact: true, float64: true });
    }
    expect(r.ablation.map((a: any) => [a.name, a.exact.matched.length])).toEqual([
      ["as-written", 21],
      ["fix-sqrt-loss", 18],
      ["fix-missing-learning-rate", 1],
      ["fix-row-l1-error", 3],
      ["fix-row-broadcast-w0-update", 1],
      ["fix-both-shapes", 3],
      ["corrected", 0],
    ]);
    expect(r.ablation.map((a: any) => a.float64)).toEqual(r.ablation.map((a: any) => a.exact));
  });

  it("trajectories.json: the case's learning rate first, then the program-output file's", () => {
    const t = generated.get("bp-worked-example-zh/trajectories.json");
    expect(t.groups.map((g: any) => g.learningRate)).toEqual(["0.01", "1"]);
    for (const g of t.groups) {
      expect(g.loss).toHaveLength(200);
      expect(g.final).toHaveLength(6);
      for (const q of [...g.loss, ...g.final]) expect(q.certifiedDigits, q.name).toBeGreaterThanOrEqual(40);
    }
    // The first loss is ½(y − ŷ)² of the worked example (§2 prints 0.0181).
    expect(t.groups[0].loss[0].value).toMatch(/^0\.01810390383656677930/);
    expect(generated.get("hmkcode-2018/trajectories.json").groups.map((g: any) => g.learningRate)).toEqual([
      "0.05",
    ]);
  });

  it("are plain JSON, with no value JSON cannot hold", () => {
    for (const [file, value] of generated) {
      expect(JSON.parse(JSON.stringify(value)), file).toEqual(value);
    }
  });
});

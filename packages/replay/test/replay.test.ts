import { float64 } from "@bpcheck/core";
import { loadCaseFile } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import {
  applyPatches,
  correctedTrajectory,
  loadPublishedProgram,
  numbersOfLine,
  replayProgram,
  runPrograms,
  type ModeReplay,
} from "../src/index.ts";
import { caseCopy } from "./helpers.ts";
import { FIXTURES_DIR } from "@bpcheck/golden";
import { join } from "node:path";

const seedCase = loadCaseFile();
const seed = loadPublishedProgram();
// One runner process for both modes and every variant.
const seedReplay = replayProgram(seedCase, seed, { modes: [{ mode: "exact" }, { mode: "float64" }] });
const [exact, float] = seedReplay.modes as [ModeReplay, ModeReplay];
const ids = seed.output.printed.map((p) => p.id);
const except = (...kept: string[]) => ids.filter((id) => !kept.includes(id));
const broken = (m: ModeReplay, name: string) => {
  const v = m.variants.find((x) => x.name === name)!;
  return ids.filter((id) => !v.matched.includes(id));
};

describe.each([
  ["exact", exact],
  ["float64", float],
])("the seed's program as written, run in %s", (_name, m) => {
  it("reproduces all 21 printed numbers digit for digit", () => {
    const asWritten = m.variants[0]!;
    expect(asWritten.numbers.map((n) => [n.id, n.replayed])).toEqual(
      seed.output.printed.map((p) => [p.id, p.printed]),
    );
    expect(asWritten.matched).toHaveLength(21);
  });

  it("names the line that printed each number: the loss on line 100, the weights on line 106", () => {
    for (const n of m.variants[0]!.numbers) expect(n.printedBy, n.id).toBe(n.id.endsWith("loss") ? 100 : 106);
  });

  it.each([
    ["as-written", [], null],
    // The loss is printed before any update, so only the loss lines depend on it.
    ["fix-sqrt-loss", ["e1-loss", "e2-loss", "e3-loss"], null],
    // Only the epoch-1 loss is computed before the first update.
    ["fix-missing-learning-rate", except("e1-loss"), null],
    // The W1 update of epoch 1 does not use l1_delta; everything after it does.
    ["fix-row-l1-error", except("e1-loss", "e1-w1-0-0", "e1-w1-0-1"), null],
    // With a (2,2) l1_delta the correct outer product cannot even be formed: numpy raises.
    ["fix-row-broadcast-w0-update", except("e1-loss"), 105],
    ["fix-both-shapes", except("e1-loss", "e1-w1-0-0", "e1-w1-0-1"), null],
    ["corrected", ids, null],
  ])("ablation: %s breaks exactly the expected printed numbers", (name, want, stopLine) => {
    expect(broken(m, name)).toEqual(want);
    expect(m.variants.find((v) => v.name === name)!.stop?.line ?? null).toBe(stopLine);
  });
});

describe("the seed's ablation", () => {
  it("stops the W0 fix alone with numpy's own ValueError on line 105, after the epoch-1 loss", () => {
    const v = exact.variants.find((x) => x.name === "fix-row-broadcast-w0-update")!;
    expect(v.stop).toEqual({
      kind: "raised",
      line: 105,
      code: "W0 += l1_delta.dot(l0.T)",
      type: "ValueError",
      message: "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)",
    });
    expect(v.matched).toEqual(["e1-loss"]);
    expect(v.notPrinted).toEqual(except("e1-loss"));
  });

  it("agrees in both modes, and with every erratum's proof in program-output.json", () => {
    expect(float.variants.map((v) => [v.name, v.matched])).toEqual(
      exact.variants.map((v) => [v.name, v.matched]),
    );
    for (const e of seed.output.errata.filter((x) => x.proof.patch !== null)) {
      expect(broken(exact, `fix-${e.proof.patch}`), e.id).toEqual(e.proof.explains);
    }
  });

  it("finds every constant of the program equal to the case's", () => {
    expect(seedReplay.disagreements).toEqual([]);
  });
});

describe("a changed case changes the replay", () => {
  const { c, program } = caseCopy("bp-worked-example-zh", {
    case: (k) =>
      (k.network.layers[0].weights = [
        ["0.5", "0.5"],
        ["0.5", "0.5"],
      ]),
  });
  const r = replayProgram(c, program, { modes: [{ mode: "float64" }], asWrittenOnly: true });

  it("reports the program's W0 as differing from the case, entry by entry", () => {
    expect(r.disagreements.map((d) => [d.id, d.line, d.differences.length])).toEqual([["weights-w0", 87, 4]]);
    expect(r.disagreements[0]!.differences[0]).toEqual({ at: [0, 0], program: "0.1", case: "0.5" });
  });

  it("runs with the case's W0 all 0.5 and no longer reproduces the printed weights", () => {
    const asWritten = r.modes[0]!.variants[0]!;
    // The loss of epoch 1 and every W0 number move with W0; 0.5 everywhere changes all of them.
    expect(asWritten.matched).toEqual([]);
    expect(asWritten.mismatched).toHaveLength(21);
  });
});

describe("hmkcode-2018: a program written for the case, with a planted bug", () => {
  const dir = join(FIXTURES_DIR, "hmkcode-2018");
  const c = loadCaseFile(join(dir, "case.json"));
  const program = loadPublishedProgram(join(dir, "program-output.json"));
  const r = replayProgram(c, program, { modes: [{ mode: "exact" }, { mode: "float64" }] });

  it("reproduces its 12 printed numbers in both modes", () => {
    for (const m of r.modes) expect(m.variants[0]!.matched, m.mode).toHaveLength(12);
    expect(r.disagreements).toEqual([]);
  });

  it("attributes the new W0 and the second prediction, and nothing else, to the planted bug", () => {
    for (const m of r.modes) {
      const fix = m.variants.find((v) => v.name === "fix-old-output-weights")!;
      expect(fix.mismatched, m.mode).toEqual(["new-w1", "new-w2", "new-w3", "new-w4", "second-prediction"]);
      expect(fix.mismatched).toEqual(program.output.errata[0]!.proof.explains);
    }
  });
});

describe("the corrected seed program is the engine's training of the seed case", () => {
  it("prints, in float64 over all 200 epochs, every loss and the final weights of the engine to the printed digits", () => {
    const [run] = runPrograms(seed.programFile, 71, [
      {
        id: "corrected",
        text: applyPatches(
          seed,
          seed.output.patches.map((p) => p.id),
        ),
        mode: "float64",
        constants: [],
      },
    ]);
    const stdout = run!.stdout.map((l) => l.text);
    const losses = stdout
      .filter((l) => l.startsWith("The Current Loss"))
      .map((l) => Number(numbersOfLine(l)[0]));
    const last = stdout.slice(-7);
    const weights = [last[2]!, last[3]!, last[5]!].flatMap(numbersOfLine).map(Number);
    const engine = correctedTrajectory(float64, seedCase, "0.01");
    expect([...losses, ...weights]).toHaveLength(engine.length);
    engine.forEach((q, k) =>
      expect(Math.abs([...losses, ...weights][k]! - q.value), q.name).toBeLessThanOrEqual(5e-9),
    );
  });
});

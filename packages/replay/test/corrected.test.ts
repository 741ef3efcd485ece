import { float64, instantiate, train } from "@bpcheck/core";
import { ulpDistance } from "@bpcheck/exact";
import { loadCaseFile } from "@bpcheck/golden";
import type Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { CORRECTED, correctedTrajectory, exactReplay, PROGRAM, replay } from "../src/index.ts";

const c = loadCaseFile();
/** The corrected replay's loss per epoch and final weights, in the engine's order. */
function replayed<T>(F: Parameters<typeof replay<T>>[0], epochs: number) {
  const r = replay(F, { bugs: CORRECTED, epochs });
  const loss = r.printed.filter((p) => p.name === "loss").map((p) => p.value.rows[0]![0]!);
  const last = r.printed.slice(-2);
  const W = [last[0]!.value.rows.flat(), last[1]!.value.rows.flat()].flat();
  return [...loss, ...W];
}

describe("the corrected program with the text's settings is the engine's training of the seed case", () => {
  // 30 epochs keep the exact run fast; the float64 run below covers all 200.
  it("in exact mode (60 digits), every loss of 30 epochs and every final weight is equal", () => {
    const F = exactReplay().field;
    const engine = correctedTrajectory(F, c, PROGRAM.textLearningRate, 30);
    const mine = replayed(F, 30);
    expect(mine.length).toBe(engine.length);
    engine.forEach((q, k) => {
      expect((mine[k] as Decimal).eq(q.value), q.name).toBe(true);
    });
  });

  it("in float64, over all 200 epochs, they are the same doubles (the same operations in the same order)", () => {
    const engine = correctedTrajectory(float64, c, PROGRAM.textLearningRate);
    const mine = replayed(float64, c.training.epochs);
    expect(engine).toHaveLength(206);
    engine.forEach((q, k) => {
      expect(ulpDistance(mine[k] as number, q.value, "float64"), q.name).toBe(0);
    });
  });
});

describe("correctedTrajectory", () => {
  it("is the engine's train: loss curve then final weights, named loss@epoch[e] and W[l][j][i]", () => {
    const qs = correctedTrajectory(float64, c, "1", 3);
    const problem = instantiate(float64, { ...c, training: { ...c.training, learningRate: "1", epochs: 3 } });
    const t = train(float64, problem.network, problem.samples, problem.training);
    expect(qs.map((q) => q.name)).toEqual([
      "loss@epoch[1]",
      "loss@epoch[2]",
      "loss@epoch[3]",
      "W[0][0][0]",
      "W[0][0][1]",
      "W[0][1][0]",
      "W[0][1][1]",
      "W[1][0][0]",
      "W[1][0][1]",
    ]);
    expect(qs.map((q) => q.value)).toEqual([...t.lossCurve, ...t.network.layers.flatMap((l) => l.W.flat())]);
  });
});

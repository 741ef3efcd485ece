import { float64, instantiate, train } from "@bpcheck/core";
import { loadCaseFile } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { correctedTrajectory } from "../src/index.ts";

const c = loadCaseFile();

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

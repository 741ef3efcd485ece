import { DomainError, type ProblemSpec } from "@bpcheck/core";
import { describe, expect, it } from "vitest";
import { seedProblem } from "../../core/test/arbitrary.ts";
import { trainModes, trainingPasses } from "../src/index.ts";

const epochs = (spec: ProblemSpec, n: number): ProblemSpec => ({
  ...spec,
  training: { ...spec.training, epochs: n },
});

/** bce on the seed with target 1 at learning rate 1000: the output saturates to exactly 1 in epoch 2. */
const saturating: ProblemSpec = {
  ...seedProblem,
  network: { ...seedProblem.network, loss: "bce" },
  data: [{ ...seedProblem.data[0]!, y: ["1"] }],
  training: { ...seedProblem.training, learningRate: "1000", epochs: 20 },
};

describe("trainModes", () => {
  it("trains each mode once, the exact one to its certified digits, agreeing with the floats", () => {
    let done = 0;
    const runs = trainModes(epochs(seedProblem, 3), ["float32", "float64", "exact"], 30, () => done++);
    expect(done).toBe(3 * trainingPasses(["float32", "float64", "exact"]));
    expect(runs.map((r) => [r.mode, r.lossCurve.length, r.parameters.length])).toEqual([
      ["float32", 3, 6],
      ["float64", 3, 6],
      ["exact", 3, 6],
    ]);
    const [f32, f64, exact] = runs.map((r) => r.lossNumbers[2]!);
    expect(Math.abs(f64! - exact!)).toBeLessThan(1e-15);
    expect(Math.abs(f32! - exact!)).toBeLessThan(1e-7);
  });

  it.each([["float64"], ["float32"], ["exact"]] as const)(
    "names the epoch a %s training leaves the domain in (float64's unchecked kernel rerun checked)",
    (mode) => {
      let thrown: unknown;
      try {
        trainModes(saturating, [mode], 50);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect(thrown).toMatchObject({ mode, operation: "ln(0)", quantity: "loss@epoch[2]" });
    },
  );

  it("names the worked step's quantity when the first epoch leaves the domain", () => {
    const zeroOutput: ProblemSpec = {
      ...saturating,
      network: {
        ...saturating.network,
        layers: [
          saturating.network.layers[0]!,
          { ...saturating.network.layers[1]!, activation: "identity", weights: [["0", "0"]] },
        ],
      },
    };
    expect(() => trainModes(zeroOutput, ["float64"], 50)).toThrow(
      /^in float64, lossTerm\[0\]: ln\(0\) is undefined/,
    );
  });
});

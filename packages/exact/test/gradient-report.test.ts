import { describe, expect, it } from "vitest";
import { DomainError, type ProblemSpec } from "@bpcheck/core";
import { seedProblem } from "../../core/test/arbitrary.ts";
import { defaultGradientTolerance, gradientReport, type Mode } from "../src/index.ts";

describe("defaultGradientTolerance", () => {
  it.each([
    ["float32", 50, "1e-3"],
    ["float64", 50, "1e-7"],
    ["exact", 50, "1e-25"],
    ["exact", 21, "1e-10"],
  ] as const)("in %s at %i digits is %s", (mode, digits, tol) => {
    expect(defaultGradientTolerance(mode, digits)).toBe(tol);
  });
});

describe("gradientReport on the seed example", () => {
  it.each(["float32", "float64", "exact"] as const)("passes every parameter in %s", (mode: Mode) => {
    const rows = gradientReport(seedProblem, mode, 30, defaultGradientTolerance(mode, 30));
    expect(rows.map((r) => r.name)).toEqual([
      "W[0][0][0]",
      "W[0][0][1]",
      "W[0][1][0]",
      "W[0][1][1]",
      "W[1][0][0]",
      "W[1][0][1]",
    ]);
    expect(rows.every((r) => r.ok)).toBe(true);
  });

  it("fails parameters whose error exceeds a tolerance that is too tight", () => {
    const rows = gradientReport(seedProblem, "float32", 30, "1e-9");
    expect(rows.some((r) => !r.ok)).toBe(true);
  });

  it("computes the relative error in the mode's arithmetic", () => {
    const [w] = gradientReport(seedProblem, "float64", 30, "1e-7");
    const expected = Math.abs(Number(w!.backprop) - Number(w!.numeric)) / Math.abs(Number(w!.backprop));
    expect(Number(w!.relativeError)).toBeCloseTo(expected, 20);
  });

  it("gives a zero relative error when both gradients are zero", () => {
    // A relu unit that is off passes no gradient to its weights; both estimates are 0.
    const spec: ProblemSpec = {
      network: {
        inputs: 1,
        loss: "half-sse",
        layers: [{ activation: "relu", weights: [["-1"]], biases: null }],
      },
      data: [{ x: ["1"], y: ["1"] }],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: false,
      },
    };
    expect(gradientReport(spec, "exact", 20, "1e-10")).toEqual([
      {
        name: "W[0][0][0]",
        backprop: "0",
        numeric: "0",
        relativeError: "0",
        // 2ε·|L|/h at 20 digits: 2·10^−20 · ½ / 10^−4.
        resolution: "1e-16",
        ok: true,
        withinResolutionOnly: false,
      },
    ]);
  });

  it("reports leaving ln's domain instead of a NaN relative error", () => {
    // bce with an identity output of 2: ln(1 − ŷ) is ln(−1).
    const spec: ProblemSpec = {
      network: {
        inputs: 1,
        loss: "bce",
        layers: [{ activation: "identity", weights: [["2"]], biases: null }],
      },
      data: [{ x: ["1"], y: ["1"] }],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: false,
      },
    };
    expect(() => gradientReport(spec, "float64", 20, "1")).toThrow(
      new DomainError(
        "float64",
        "ln(-1)",
        "ln takes positive numbers only (the bce loss takes ln ŷ and ln(1 − ŷ): ŷ must lie strictly between 0 and 1)",
        "lossTerm[0]",
      ),
    );
  });
});

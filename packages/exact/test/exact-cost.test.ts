import { BudgetError, deriveWorkedExample, float64, instantiate, type ProblemSpec } from "@bpcheck/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { arbitraryModernProblem, seedProblem } from "../../core/test/arbitrary.ts";
import {
  EXACT_BUDGET_SECONDS,
  checkBudget,
  checkExactBudget,
  checkMemory,
  costSeconds,
  derivedValues,
  exactCostSeconds,
  memoryBytes,
  longestNumber,
  networkSize,
} from "../src/index.ts";

const exact = (digits: number, passes: number) =>
  costSeconds(seedProblem, [{ mode: "exact", digits, passes }]);

describe("the cost model", () => {
  it("counts the seed's 6 weights and 3 units, and its longest number", () => {
    expect(networkSize(seedProblem)).toEqual({ weights: 6, units: 3 });
    expect(longestNumber(seedProblem)).toBeGreaterThanOrEqual(1);
  });

  it("grows linearly with the number of passes", () => {
    expect(exact(50, 200)).toBeCloseTo(2 * exact(50, 100), 12);
  });

  it.each([
    [10, 20],
    [50, 100],
    [200, 500],
    [500, 1000],
    [1000, 2000],
  ])("grows with the digits: %i → %i", (low, high) => {
    expect(exact(high, 1)).toBeGreaterThan(exact(low, 1));
  });

  it("matches the table at a measured point: 6 weights × 3.4 µs + 3 units × 15 µs per seed pass at 50 digits", () => {
    expect(exact(50, 1000)).toBeCloseTo((1000 * (6 * 3.4 + 3 * 15)) / 1e6, 9);
  });

  it("counts long input numbers as the digits they carry", () => {
    const long = {
      ...seedProblem,
      network: {
        ...seedProblem.network,
        layers: seedProblem.network.layers.map((l, k) =>
          k === 0
            ? { ...l, weights: [[`0.${"1".repeat(1500)}`, ...l.weights[0]!.slice(1)], ...l.weights.slice(1)] }
            : l,
        ),
      },
    };
    expect(longestNumber(long)).toBe(1500);
    expect(costSeconds(long, [{ mode: "exact", digits: 50, passes: 1 }])).toBeCloseTo(exact(1500, 1), 12);
  });

  it("prices the float modes far below the exact one, and float64's kernel below its generic path", () => {
    const f = (mode: "float32" | "float64" | "float64-kernel") =>
      costSeconds(seedProblem, [{ mode, digits: 0, passes: 1000 }]);
    expect(f("float64-kernel")).toBeLessThan(f("float64"));
    expect(f("float64")).toBeLessThan(f("float32"));
    expect(f("float32")).toBeLessThan(exact(10, 1000));
  });

  it("prices a decimal.js pass (the explanation search, graph, gradcheck) above a ball-arithmetic pass at the same digits", () => {
    const pass = (mode: "exact" | "decimal", digits: number) =>
      costSeconds(seedProblem, [{ mode, digits, passes: 1000 }]);
    for (const digits of [10, 50, 1000, 2000])
      expect(pass("decimal", digits)).toBeGreaterThan(pass("exact", digits));
    expect(pass("decimal", 50)).toBeCloseTo((1000 * (6 * 8.5 + 3 * 37)) / 1e6, 9);
  });

  it("prices what a command does with a shown step's quantities by weights and units, more for compare's float measures than for run's", () => {
    const shown = (mode: "exact-shown" | "exact-compared", digits: number) =>
      costSeconds(seedProblem, [{ mode, digits, passes: 1 }]);
    expect(shown("exact-shown", 50)).toBeCloseTo(((6 + 3) * 300) / 1e6, 12);
    expect(shown("exact-compared", 50)).toBeGreaterThan(shown("exact-shown", 50));
    expect(shown("exact-shown", 1000)).toBeGreaterThan(shown("exact-shown", 50));
  });

  it("exactCostSeconds is passes over every sample", () => {
    expect(exactCostSeconds(seedProblem, 50, 10)).toBeCloseTo(exact(50, 10 * seedProblem.data.length), 12);
  });
});

describe("the budget", () => {
  it("accepts the seed example's 200 epochs at 50 digits", () => {
    expect(() => checkExactBudget(seedProblem, 50, 200, "training")).not.toThrow();
  });

  it("refuses a million passes at 2000 digits with a BudgetError naming the estimate and the ways out", () => {
    expect(() => checkExactBudget(seedProblem, 2000, 1_000_000, "training")).toThrow(
      new BudgetError(
        "training in the exact mode at 2000 digits",
        "59 min",
        `${EXACT_BUDGET_SECONDS} s`,
        "use --mode float64, fewer --epochs or fewer --digits, or raise --max-seconds",
      ),
    );
  });

  it("takes another limit (--max-seconds)", () => {
    expect(() => checkBudget("x", 100, "wait", 120)).not.toThrow();
    expect(() => checkBudget("x", 100, "wait", 60)).toThrow(
      "x would take about 100 s (limit 60 s): wait, or raise --max-seconds",
    );
  });

  it.each([
    [50, 950_000, "about 62 s"],
    [50, 5_000_000, "about 5 min"],
    [50, 500_000_000, "about 9 h"],
  ])("words an estimate at %i digits over %i passes as %s", (digits, passes, words) => {
    expect(() => checkExactBudget(seedProblem, digits, passes, "x")).toThrow(words);
  });
});

describe("the memory term", () => {
  const held = (mode: "exact" | "float64", digits: number) =>
    memoryBytes(seedProblem, [{ mode, digits, values: 1000 }]);

  it("counts the values of the seed's worked step, and of random cases at most a few over", () => {
    const derived = (spec: ProblemSpec) =>
      deriveWorkedExample(float64, instantiate(float64, spec)).quantities.length;
    expect(derivedValues(seedProblem)).toBe(derived(seedProblem));
    fc.assert(
      fc.property(arbitraryModernProblem, (spec) => {
        // A shared bias is counted once per unit (W, ∂L/∂W, α·∂L/∂W, ΔW, W′): at most five values per unit over.
        const n = derivedValues(spec);
        expect(n).toBeGreaterThanOrEqual(derived(spec));
        expect(n).toBeLessThanOrEqual(derived(spec) + 5 * networkSize(spec).units);
      }),
      { numRuns: 50 },
    );
  });

  it("grows with the digits in the exact mode, and a float value costs less than any exact one", () => {
    expect(held("exact", 2000)).toBeGreaterThan(held("exact", 50));
    expect(held("float64", 0)).toBeLessThan(held("exact", 10));
  });

  it("refuses over the budget in MiB with the estimate and --max-memory", () => {
    expect(() => checkMemory("the worked step", 3 * 2 ** 30, "use fewer --digits", 2048)).toThrow(
      new BudgetError(
        "the worked step",
        "3.0 GiB",
        "2.0 GiB",
        "use fewer --digits, or raise --max-memory",
        "memory",
      ),
    );
    expect(() => checkMemory("the worked step", 2 ** 30, "use fewer --digits", 2048)).not.toThrow();
  });
});

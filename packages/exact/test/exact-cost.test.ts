import { describe, expect, it } from "vitest";
import { seedProblem } from "../../core/test/arbitrary.ts";
import { EXACT_BUDGET_SECONDS, checkExactBudget, exactCostSeconds } from "../src/index.ts";

describe("exactCostSeconds", () => {
  it("grows linearly with the number of passes", () => {
    expect(exactCostSeconds(seedProblem, 50, 200)).toBeCloseTo(
      2 * exactCostSeconds(seedProblem, 50, 100),
      12,
    );
  });

  it.each([
    [10, 20],
    [50, 100],
    [100, 150],
  ])("never falls with more digits: %i → %i", (low, high) => {
    expect(exactCostSeconds(seedProblem, high, 1)).toBeGreaterThanOrEqual(
      exactCostSeconds(seedProblem, low, 1),
    );
  });

  it.each([
    [200, 500],
    [500, 1000],
    [1000, 2000],
  ])("grows with the digits where products and exp dominate: %i → %i", (low, high) => {
    expect(exactCostSeconds(seedProblem, high, 1)).toBeGreaterThan(exactCostSeconds(seedProblem, low, 1));
  });

  it("matches the table at a measured point: 3.6 unit costs of 0.31 ms per seed step at 50 digits", () => {
    expect(exactCostSeconds(seedProblem, 50, 1000)).toBeCloseTo(3.6 * 0.31, 9);
  });
});

describe("checkExactBudget", () => {
  it("accepts the seed example's 200 epochs at 50 digits", () => {
    expect(() => checkExactBudget(seedProblem, 50, 200, "training")).not.toThrow();
  });

  it("refuses a million epochs at 2000 digits, naming the estimate and the ways out", () => {
    expect(() => checkExactBudget(seedProblem, 2000, 1_000_000, "training")).toThrow(
      new RangeError(
        `training in the exact mode at 2000 digits would take about 4 h (limit ${EXACT_BUDGET_SECONDS} s): use --mode float64, fewer --epochs or fewer --digits`,
      ),
    );
  });

  it.each([
    [50, 100_000, "about 112 s"],
    [50, 1_000_000, "about 19 min"],
  ])("words an estimate at %i digits over %i passes as %s", (digits, passes, words) => {
    expect(() => checkExactBudget(seedProblem, digits, passes, "x")).toThrow(words);
  });
});

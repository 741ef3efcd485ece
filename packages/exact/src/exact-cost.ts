import { BudgetError, type ProblemSpec } from "@bpcheck/core";

/**
 * Milliseconds one unit evaluation costs in the exact mode (its activation's exp, the
 * divisions and the weights' products around it, and the bookkeeping of a training
 * step), interpolated log-log in between. Measured by scripts/bench/exact-cost-table.ts
 * (the larger of the seed and an 8-16-16-4 network, on a 2-core machine), then made
 * non-decreasing: below a few hundred digits the engine's own overhead dominates, beyond
 * it the cost grows like digits^1.5–2.2 (products and exp).
 */
const UNIT_MS: readonly (readonly [digits: number, ms: number])[] = [
  [10, 0.28],
  [20, 0.28],
  [50, 0.31],
  [100, 0.31],
  [200, 0.31],
  [500, 0.41],
  [1000, 0.85],
  [2000, 4.0],
];

/** Exact-mode work above this estimate is refused (the float modes have no limit). */
export const EXACT_BUDGET_SECONDS = 60;

function unitMs(digits: number): number {
  let k = 1;
  while (k < UNIT_MS.length - 1 && UNIT_MS[k]![0] < digits) k++;
  const [d0, m0] = UNIT_MS[k - 1]!;
  const [d1, m1] = UNIT_MS[k]!;
  const t = (Math.log(digits) - Math.log(d0)) / (Math.log(d1) - Math.log(d0));
  return Math.exp(Math.log(m0) + t * (Math.log(m1) - Math.log(m0)));
}

/**
 * Estimated seconds of `passes` forward-and-backward passes over every sample of the
 * case in the exact mode at `digits` digits: passes × samples × (units + weights/10) ×
 * the measured cost of one unit. It errs on the cautious side (the table takes the
 * costlier of two networks; measured 2–6× above real run times): enough to refuse a run
 * that would take hours, not a timing.
 */
export function exactCostSeconds(spec: ProblemSpec, digits: number, passes: number): number {
  const units = spec.network.layers.reduce((n, l) => n + l.weights.length, 0);
  const weights = spec.network.layers.reduce((n, l) => n + l.weights.length * (l.weights[0]?.length ?? 0), 0);
  return (passes * spec.data.length * (units + weights / 10) * unitMs(digits)) / 1000;
}

/**
 * Throws a BudgetError (the CLI exits 2) when the estimate exceeds
 * EXACT_BUDGET_SECONDS, naming the estimate and the ways out.
 */
export function checkExactBudget(spec: ProblemSpec, digits: number, passes: number, what: string): void {
  const seconds = exactCostSeconds(spec, digits, passes);
  if (seconds > EXACT_BUDGET_SECONDS) {
    throw new BudgetError(
      `${what} in the exact mode at ${digits} digits`,
      describeSeconds(seconds),
      `${EXACT_BUDGET_SECONDS} s`,
      "use --mode float64, fewer --epochs or fewer --digits",
    );
  }
}

function describeSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

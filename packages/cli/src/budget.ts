import type { ProblemSpec } from "@bpcheck/core";
import {
  EXACT_BUDGET_SECONDS,
  MAX_BUDGET_SECONDS,
  checkBudget,
  costSeconds,
  networkSize,
  samplesPerStep,
  type Mode,
  type Work,
} from "@bpcheck/exact";
import { MAX_CARRIED_FORWARD, SEARCH_OPS_PER_NUMBER, WORKING_DIGITS } from "@bpcheck/golden";
import { integerOption, type Values } from "./options.ts";

/**
 * What each computing command asks of the cost model (exact-cost.ts): its work as passes
 * in each number system, checked against the budget before anything is computed. The
 * budget is 60 s unless `--max-seconds N` sets another.
 */

/** --max-seconds N: the time budget of the command, in seconds. */
export function budgetSeconds(values: Values): number {
  return integerOption(values, "max-seconds", 1, MAX_BUDGET_SECONDS) ?? EXACT_BUDGET_SECONDS;
}

const FEWER = "use --mode float64, fewer --epochs or fewer --digits";

function refuseOver(c: ProblemSpec, what: string, work: Work[], values: Values, remedies = FEWER): void {
  checkBudget(what, costSeconds(c, work), remedies, budgetSeconds(values));
}

/** In `mode`, the passes; the exact mode certifies in ball arithmetic, about twice a plain run. */
function certified(mode: Mode, digits: number, passes: number): Work[] {
  return [{ mode, digits, passes: mode === "exact" ? 2 * passes : passes }];
}

/** `run`: the worked step, certified in the exact mode. */
export function checkStep(
  c: ProblemSpec,
  mode: Mode,
  digits: number,
  values: Values,
  what = "the worked step",
): void {
  refuseOver(
    c,
    `${what} in ${describeMode(mode, digits)}`,
    certified(mode, digits, samplesPerStep(c)),
    values,
  );
}

/** `graph`: the worked step once (no certification). */
export function checkGraph(c: ProblemSpec, mode: Mode, digits: number, values: Values): void {
  refuseOver(
    c,
    `the worked step in ${describeMode(mode, digits)}`,
    [{ mode, digits, passes: samplesPerStep(c) }],
    values,
  );
}

/** `train`: one run per mode (float64 in its compiled kernel), the exact one certified. */
export function checkTraining(c: ProblemSpec, modes: readonly Mode[], digits: number, values: Values): void {
  const passes = c.training.epochs * c.data.length;
  const work = modes.flatMap((m): Work[] =>
    m === "float64" ? [{ mode: "float64-kernel", digits, passes }] : certified(m, digits, passes),
  );
  refuseOver(
    c,
    `training ${c.training.epochs} epochs in ${modes.map((m) => describeMode(m, digits)).join(", ")}`,
    work,
    values,
  );
}

/** `compare`: the step in three modes (exact certified); with epochs, three trainings and every parameter's error per epoch. */
export function checkComparison(
  c: ProblemSpec,
  digits: number,
  epochs: number | undefined,
  values: Values,
): void {
  const step = samplesPerStep(c);
  const work: Work[] = [
    ...certified("exact", digits, step),
    { mode: "float64", digits, passes: step },
    { mode: "float32", digits, passes: step },
  ];
  if (epochs !== undefined) {
    const passes = epochs * c.data.length;
    // Each epoch also rounds every parameter to both binary formats (about a pass each).
    work.push(
      { mode: "exact", digits, passes: passes + 2 * epochs },
      { mode: "float64", digits, passes },
      { mode: "float32", digits, passes },
    );
  }
  refuseOver(
    c,
    epochs === undefined
      ? `comparing the worked step at ${digits} digits`
      : `comparing ${epochs} epochs at ${digits} digits`,
    work,
    values,
  );
}

/** `gradcheck`: backprop once, and four loss evaluations (half a pass each, over every sample) per parameter. */
export function checkGradients(c: ProblemSpec, mode: Mode, digits: number, values: Values): void {
  const passes = c.data.length * (2 + 2 * networkSize(c).weights);
  refuseOver(
    c,
    `the gradient check in ${describeMode(mode, digits)}`,
    [{ mode, digits, passes }],
    values,
    "use a smaller network, fewer samples or fewer --digits",
  );
}

/** Variant runs of the step the explanation search makes (learning rates, update orders, losses, hand roundings, …). */
const VARIANT_STEPS = 30;

/**
 * `errata`: the certified reference step, the variant steps, and for every published
 * number, at worst, the explanation search's re-evaluations of the step (SEARCH_OPS_PER_NUMBER
 * operations of rounded operands, MAX_CARRIED_FORWARD carried values), all at the
 * classifier's 60 digits.
 */
export function errataWork(c: ProblemSpec & { readonly published: readonly unknown[] }): Work[] {
  const step = samplesPerStep(c);
  // One sample's pass records about seven operations per weight (forward product and sum,
  // backward product and sum, gradient, update product and difference) and four per unit.
  const { weights, units } = networkSize(c);
  const searchPasses = Math.ceil(SEARCH_OPS_PER_NUMBER / (7 * weights + 4 * units));
  const replays = c.published.length * (searchPasses + MAX_CARRIED_FORWARD + 1);
  return [
    ...certified("exact", WORKING_DIGITS, step),
    { mode: "exact", digits: WORKING_DIGITS, passes: step * (VARIANT_STEPS + replays) },
  ];
}

/** `errata`: the estimated seconds of judging every published number (errataWork). */
export function errataSeconds(c: ProblemSpec & { readonly published: readonly unknown[] }): number {
  return costSeconds(c, errataWork(c));
}

export function checkErrata(
  c: ProblemSpec & { readonly published: readonly unknown[] },
  values: Values,
): void {
  refuseOver(
    c,
    `judging ${c.published.length} published numbers`,
    errataWork(c),
    values,
    "publish fewer numbers per case or split the case",
  );
}

function describeMode(mode: Mode, digits: number): string {
  return mode === "exact" ? `the exact mode at ${digits} digits` : mode;
}

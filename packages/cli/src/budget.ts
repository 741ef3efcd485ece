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
 * budget is 60 s unless `--max-seconds N` sets another. Each check returns the estimate
 * it accepted (scripts/bench/exact-cost-table.ts sets it against the measured time).
 */

/** --max-seconds N: the time budget of the command, in seconds. */
export function budgetSeconds(values: Values): number {
  return integerOption(values, "max-seconds", 1, MAX_BUDGET_SECONDS) ?? EXACT_BUDGET_SECONDS;
}

const FEWER = "use --mode float64, fewer --epochs or fewer --digits";

/** Refuses the work when its estimate is over the budget; otherwise returns the estimate (seconds). */
function refuseOver(c: ProblemSpec, what: string, work: Work[], values: Values, remedies = FEWER): number {
  const seconds = costSeconds(c, work);
  checkBudget(what, seconds, remedies, budgetSeconds(values));
  return seconds;
}

/** In `mode`, the passes; the exact mode certifies in ball arithmetic, about twice a plain run. */
function certified(mode: Mode, digits: number, passes: number): Work[] {
  return [{ mode, digits, passes: mode === "exact" ? 2 * passes : passes }];
}

/** `run`: the worked step, certified in the exact mode, each quantity certified and shown. */
export function checkStep(
  c: ProblemSpec,
  mode: Mode,
  digits: number,
  values: Values,
  what = "the worked step",
): number {
  const shown: Work[] = mode === "exact" ? [{ mode: "exact-shown", digits, passes: 1 }] : [];
  return refuseOver(
    c,
    `${what} in ${describeMode(mode, digits)}`,
    [...certified(mode, digits, samplesPerStep(c)), ...shown],
    values,
  );
}

/** `graph`: the worked step once (no certification). */
export function checkGraph(c: ProblemSpec, mode: Mode, digits: number, values: Values): number {
  return refuseOver(
    c,
    `the worked step in ${describeMode(mode, digits)}`,
    [{ mode, digits, passes: samplesPerStep(c) }],
    values,
  );
}

/** `train`: one run per mode (float64 in its compiled kernel), the exact one certified. */
export function checkTraining(
  c: ProblemSpec,
  modes: readonly Mode[],
  digits: number,
  values: Values,
): number {
  const passes = c.training.epochs * c.data.length;
  const work = modes.flatMap((m): Work[] =>
    m === "float64" ? [{ mode: "float64-kernel", digits, passes }] : certified(m, digits, passes),
  );
  return refuseOver(
    c,
    `training ${c.training.epochs} epochs in ${modes.map((m) => describeMode(m, digits)).join(", ")}`,
    work,
    values,
  );
}

/** What `compare --epochs` does with each epoch's parameters, as a fraction of a compared step (measured by exact-cost-table.ts). */
const EPOCH_COMPARED = 0.2;

/** `compare`: the step in three modes (exact certified); with epochs, three trainings (exact certified) and every parameter's error per epoch. */
export function checkComparison(
  c: ProblemSpec,
  digits: number,
  epochs: number | undefined,
  values: Values,
): number {
  const step = samplesPerStep(c);
  const work: Work[] = [
    ...certified("exact", digits, step),
    { mode: "float64", digits, passes: step },
    { mode: "float32", digits, passes: step },
    { mode: "exact-compared", digits, passes: 1 },
  ];
  if (epochs !== undefined) {
    const passes = epochs * c.data.length;
    // The exact training runs in ball arithmetic; each epoch also measures every parameter
    // of both float modes against the exact one (not printed: a fifth of a compared step, measured).
    work.push(
      ...certified("exact", digits, passes),
      { mode: "float64", digits, passes },
      { mode: "float32", digits, passes },
      { mode: "exact-compared", digits, passes: epochs * EPOCH_COMPARED },
    );
  }
  return refuseOver(
    c,
    epochs === undefined
      ? `comparing the worked step at ${digits} digits`
      : `comparing ${epochs} epochs at ${digits} digits`,
    work,
    values,
  );
}

/** `gradcheck`: backprop once, and four loss evaluations (half a pass each, over every sample) per parameter. */
export function checkGradients(c: ProblemSpec, mode: Mode, digits: number, values: Values): number {
  const passes = c.data.length * (2 + 2 * networkSize(c).weights);
  return refuseOver(
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
export function checkErrata(
  c: ProblemSpec & { readonly published: readonly unknown[] },
  values: Values,
): number {
  const step = samplesPerStep(c);
  // One sample's pass records about seven operations per weight (forward product and sum,
  // backward product and sum, gradient, update product and difference) and four per unit.
  const { weights, units } = networkSize(c);
  const searchPasses = Math.ceil(SEARCH_OPS_PER_NUMBER / (7 * weights + 4 * units));
  const replays = c.published.length * (searchPasses + MAX_CARRIED_FORWARD + 1);
  const work: Work[] = [
    ...certified("exact", WORKING_DIGITS, step),
    { mode: "exact", digits: WORKING_DIGITS, passes: step * (VARIANT_STEPS + replays) },
  ];
  return refuseOver(
    c,
    `judging ${c.published.length} published numbers`,
    work,
    values,
    "publish fewer numbers per case or split the case",
  );
}

function describeMode(mode: Mode, digits: number): string {
  return mode === "exact" ? `the exact mode at ${digits} digits` : mode;
}

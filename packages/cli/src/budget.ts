import { getHeapStatistics } from "node:v8";
import type { ProblemSpec } from "@bpcheck/core";
import {
  EXACT_BUDGET_SECONDS,
  MAX_BUDGET_SECONDS,
  MEMORY_BUDGET_MIB,
  checkBudget,
  checkMemory,
  costSeconds,
  derivedValues,
  memoryBytes,
  networkSize,
  samplesPerStep,
  type CostMode,
  type Held,
  type Mode,
  type Work,
} from "@bpcheck/exact";
import { SEARCH_OPS_PER_NUMBER, WORKING_DIGITS } from "@bpcheck/golden";
import { integerOption, type Values } from "./options.ts";

/**
 * What each computing command asks of the cost model (exact-cost.ts): its work as passes
 * in each number system and the values it holds at once, checked against the time and
 * memory budgets before anything is computed. The budgets are 60 s and 2 GiB unless
 * `--max-seconds N` or `--max-memory MiB` sets another. Each check returns the time
 * estimate it accepted (scripts/bench/exact-cost-table.ts sets it against the measured time).
 */

/** --max-seconds N: the time budget of the command, in seconds. */
export function budgetSeconds(values: Values): number {
  return integerOption(values, "max-seconds", 1, MAX_BUDGET_SECONDS) ?? EXACT_BUDGET_SECONDS;
}

/**
 * --max-memory MiB: the memory budget of the command. It may not exceed this process's
 * heap limit (which `NODE_OPTIONS=--max-old-space-size=MiB` raises): past it the work
 * would run out of memory whatever the budget says.
 */
export function budgetMiB(values: Values): number {
  return integerOption(values, "max-memory", 64, heapMiB()) ?? Math.min(MEMORY_BUDGET_MIB, heapMiB());
}

function heapMiB(): number {
  return Math.floor(getHeapStatistics().heap_size_limit / 2 ** 20);
}

/** How to allow more memory: --max-memory, and beyond the heap limit Node's own option first. */
function memoryOverride(bytes: number): string {
  const heap = heapMiB();
  return bytes <= heap * 2 ** 20
    ? "raise --max-memory"
    : `raise --max-memory (at most the heap limit, ${heap} MiB here, which NODE_OPTIONS=--max-old-space-size=MiB raises)`;
}

const FEWER = "use --mode float64, fewer --epochs or fewer --digits";

/** The ways out of a memory estimate: an exact value costs its digits, a float a constant. */
function memoryRemedies(held: readonly Held[]): string {
  return held.some((h) => h.mode === "exact")
    ? "use --mode float64, fewer --digits or a smaller network"
    : "use a smaller network or fewer samples";
}

function refuseOver(
  c: ProblemSpec,
  what: string,
  work: Work[],
  values: Values,
  remedies = FEWER,
  held: Held[] = [],
): number {
  const seconds = costSeconds(c, work);
  checkBudget(what, seconds, remedies, budgetSeconds(values));
  const bytes = memoryBytes(c, held);
  checkMemory(what, bytes, memoryRemedies(held), budgetMiB(values), memoryOverride(bytes));
  return seconds;
}

/** The worked step's quantities, held in `mode`. */
function derivation(c: ProblemSpec, mode: Mode, digits: number): Held {
  return { mode, digits, values: derivedValues(c) };
}

/** The number system of `fieldFor(mode)`, uncertified work (graph, gradcheck): the exact mode's is decimal.js. */
function uncertified(mode: Mode): CostMode {
  return mode === "exact" ? "decimal" : mode;
}

/** `run`: the worked step, certified in the exact mode, each quantity certified and shown. */
export function checkStep(
  c: ProblemSpec,
  mode: Mode,
  digits: number,
  values: Values,
  what = "the worked step",
): number {
  const shown: Work[] = [{ mode: mode === "exact" ? "exact-shown" : "float-shown", digits, passes: 1 }];
  return refuseOver(
    c,
    `${what} in ${describeMode(mode, digits)}`,
    [{ mode, digits, passes: samplesPerStep(c) }, ...shown],
    values,
    mode === "exact" ? FEWER : "use a smaller network or fewer samples",
    [derivation(c, mode, digits)],
  );
}

/** `graph`: the worked step once (no certification). */
export function checkGraph(c: ProblemSpec, mode: Mode, digits: number, values: Values): number {
  return refuseOver(
    c,
    `the worked step in ${describeMode(mode, digits)}`,
    [{ mode: uncertified(mode), digits, passes: samplesPerStep(c) }],
    values,
    FEWER,
    [derivation(c, mode, digits)],
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
    // The exact mode certifies in the same run (its table is measured in ball arithmetic).
    m === "float64" ? [{ mode: "float64-kernel", digits, passes }] : [{ mode: m, digits, passes }],
  );
  // Each run holds its parameters (with their gradients) and its loss curve.
  const held = modes.map((mode) => ({
    mode,
    digits,
    values: 2 * networkSize(c).weights + c.training.epochs,
  }));
  return refuseOver(
    c,
    `training ${c.training.epochs} epochs in ${modes.map((m) => describeMode(m, digits)).join(", ")}`,
    work,
    values,
    FEWER,
    held,
  );
}

/**
 * What `compare --epochs` does with each epoch's parameters, as a fraction of a compared
 * step: set so that exact-cost-table.ts puts its `compare --epochs` rows near their
 * measured time (certifying a value from its text, without a Decimal, made it 0.2 → 0.08).
 */
const EPOCH_COMPARED = 0.08;

/** `compare`: the step in three modes (exact certified); with epochs, three trainings (exact certified) and every parameter's error per epoch. */
export function checkComparison(
  c: ProblemSpec,
  digits: number,
  epochs: number | undefined,
  values: Values,
): number {
  const step = samplesPerStep(c);
  const work: Work[] = [
    { mode: "exact", digits, passes: step },
    { mode: "float64", digits, passes: step },
    { mode: "float32", digits, passes: step },
    { mode: "exact-compared", digits, passes: 1 },
  ];
  if (epochs !== undefined) {
    const passes = epochs * c.data.length;
    // The exact training runs in ball arithmetic; each epoch also measures every parameter
    // of both float modes against the exact one (not printed: EPOCH_COMPARED of a compared step).
    work.push(
      { mode: "exact", digits, passes },
      { mode: "float64", digits, passes },
      { mode: "float32", digits, passes },
      { mode: "exact-compared", digits, passes: epochs * EPOCH_COMPARED },
    );
  }
  // The step's quantities in each of the three modes, side by side.
  const held = (["exact", "float64", "float32"] as const).map((m) => derivation(c, m, digits));
  return refuseOver(
    c,
    epochs === undefined
      ? `comparing the worked step at ${digits} digits`
      : `comparing ${epochs} epochs at ${digits} digits`,
    work,
    values,
    FEWER,
    held,
  );
}

/** `gradcheck`: backprop once, and four loss evaluations (half a pass each, over every sample) per parameter. */
export function checkGradients(c: ProblemSpec, mode: Mode, digits: number, values: Values): number {
  const passes = c.data.length * (2 + 2 * networkSize(c).weights);
  return refuseOver(
    c,
    `the gradient check in ${describeMode(mode, digits)}`,
    [{ mode: uncertified(mode), digits, passes }],
    values,
    "use a smaller network, fewer samples or fewer --digits",
    [derivation(c, mode, digits)],
  );
}

/**
 * The explanation search's cost, measured with `pnpm bench:errata --budget` on sources
 * whose every number is slightly off and reproduced by nothing (the worst case: the
 * search of rounded operands runs to its end): a fixed number of passes for the worlds
 * of departures, their rounding habits and the inference; per published number a number
 * of passes (its carried values, its roundings, the search), the search capped by its
 * budget of SEARCH_OPS_PER_NUMBER re-evaluated operations at about SEARCH_OP_US each; and
 * the start (loading the modules, the first calls).
 */
const FIXED_PASSES = 1050;
const PASSES_PER_NUMBER = 6;
const SEARCH_OP_US = 0.4;
const SETUP_SECONDS = 0.7;

/** `errata`'s work: the certified reference step, the fixed passes and every published number's. */
export function errataWork(c: ProblemSpec & { readonly published: readonly unknown[] }): Work[] {
  const step = samplesPerStep(c);
  // The search evaluates the step in decimal.js (the judge's exact decimals), not in balls.
  const pass = { mode: "decimal" as const, digits: WORKING_DIGITS };
  const passSeconds = costSeconds(c, [{ ...pass, passes: step }]);
  const searchCap = (SEARCH_OPS_PER_NUMBER * SEARCH_OP_US) / 1e6 / passSeconds;
  const perNumber = Math.min(PASSES_PER_NUMBER, searchCap);
  return [
    { mode: "exact", digits: WORKING_DIGITS, passes: step },
    { ...pass, passes: step * (FIXED_PASSES + c.published.length * perNumber) },
  ];
}

/** `errata`: the estimated seconds, at worst, of judging every published number. */
export function errataSeconds(c: ProblemSpec & { readonly published: readonly unknown[] }): number {
  return SETUP_SECONDS + costSeconds(c, errataWork(c));
}

export function checkErrata(
  c: ProblemSpec & { readonly published: readonly unknown[] },
  values: Values,
): number {
  const what = `judging ${c.published.length} published numbers`;
  const seconds = errataSeconds(c);
  checkBudget(what, seconds, "publish fewer numbers per case or split the case", budgetSeconds(values));
  // The reference step's quantities at the classifier's digits are held while judging.
  const held = [derivation(c, "exact", WORKING_DIGITS)];
  const bytes = memoryBytes(c, held);
  checkMemory(what, bytes, memoryRemedies(held), budgetMiB(values), memoryOverride(bytes));
  return seconds;
}

function describeMode(mode: Mode, digits: number): string {
  return mode === "exact" ? `the exact mode at ${digits} digits` : mode;
}

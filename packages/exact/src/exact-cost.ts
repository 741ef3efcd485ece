import { BudgetError, maxOf, type ProblemSpec } from "@bpcheck/core";
import type { Mode } from "./modes.ts";

/**
 * The cost model every computing command checks before it starts: the time of its work
 * estimated from a measured table, refused over the budget (60 s, or `--max-seconds`).
 *
 * One pass (forward, backward and update over one sample) costs
 *   weights × perWeight(mode, digits) + units × perUnit(mode, digits),
 * the two coefficients measured per mode and precision by scripts/bench/exact-cost-table.ts
 * on a wide and a deep network (2-core machine) and interpolated log-log in digits. In
 * the exact mode the digits counted are the larger of the working precision and the
 * longest number of the case (a 2000-digit weight costs its length in every product it
 * enters). Commands count their passes: training runs (certified in the same run),
 * finite differences, the explanation search's replays (in decimal.js).
 */
type CostRow = readonly [digits: number, perWeightUs: number, perUnitUs: number];

/**
 * Microseconds per weight and per unit of one pass in the exact mode (ball arithmetic,
 * domain-checked, as the commands run it) on a quiet 2-core machine, set from
 * `scripts/bench/exact-cost-table.ts`: the passes it solves from warm epochs of the seed
 * (6 weights, 3 units) and of 8-16-16-4 (448 weights, 36 units) are 0.4–1× these; the
 * commands it then runs (`train` with its start, warm-up and certification of every
 * epoch's loss) take about these. (From 320 bits the exp's table split made a pass about
 * 2.5× cheaper at 1000 digits and more, and the step's plain loops about 1.3× cheaper up to
 * 200 digits: the rows were lowered by the ratios of estimate to measured command that the
 * script then showed.)
 */
const EXACT_TABLE: readonly CostRow[] = [
  [10, 2.8, 12],
  [20, 2.9, 13],
  [50, 3.4, 15],
  [100, 4.1, 16],
  [200, 6.7, 29],
  [500, 19, 105],
  [1000, 52, 280],
  [2000, 210, 760],
];

/**
 * The same for a pass in decimal.js arithmetic without error bounds (`decimalField`): the
 * explanation search's evaluations of a step under each reading (`errata`).
 */
const DECIMAL_TABLE: readonly CostRow[] = [
  [10, 7, 30],
  [20, 7.5, 32],
  [50, 8.5, 37],
  [100, 11, 44],
  [200, 18, 80],
  [500, 55, 300],
  [1000, 170, 920],
  [2000, 700, 2500],
];

/**
 * What a command does with every quantity of a worked step besides computing it, in µs
 * per weight and per unit of the network (a step has a few quantities of each) at each
 * precision: certifying it from its ball and printing it (`run`, "exact-shown"), or that
 * and measuring float64 and float32 against it in exact arithmetic (`compare`,
 * "exact-compared"). On a wide network it outweighs the step's passes (64-64-8 at 50
 * digits: 1.1–2 s against 0.1 s). Solved by scripts/bench/exact-cost-table.ts from
 * `bpcheck run` and `bpcheck compare` on 64-64-8, less the passes the model counts.
 */
const SHOWN_TABLES: Readonly<Record<"exact-shown" | "exact-compared", readonly CostRow[]>> = {
  "exact-shown": [
    [10, 330, 330],
    [50, 300, 300],
    [100, 450, 450],
    [200, 540, 540],
    [500, 1200, 1200],
    [1000, 1900, 1900],
  ],
  "exact-compared": [
    [10, 980, 980],
    [50, 830, 830],
    [100, 970, 970],
    [200, 1000, 1000],
    [500, 1700, 1700],
    [1000, 3300, 3300],
  ],
};

/**
 * The float modes: the generic Field path, float64's compiled kernel (training only), and
 * what `run` does with a float step's quantities besides computing them (deriving, naming
 * and printing each one; "float-shown", one pass per step shown). The last was measured
 * with `bpcheck run --mode float64|float32 [--json]` on generated sigmoid networks
 * (256-256-1: 4.5 s, 256-256-256-1: 8.9 s text and 11.5 s JSON, less a start of 0.5 s):
 * 60–85 µs a weight, which on the largest network (16 × 256 units) is about a minute.
 */
const FLOAT_COSTS: Readonly<
  Record<"float32" | "float64" | "float64-kernel" | "float-shown", readonly [number, number]>
> = {
  float32: [0.051, 2.9],
  float64: [0.0072, 2.7],
  "float64-kernel": [0.0018, 0.03],
  "float-shown": [80, 0],
};

/** Work above this estimate is refused unless `--max-seconds` allows more. */
export const EXACT_BUDGET_SECONDS = 60;
/** The largest budget `--max-seconds` may set (a day). */
export const MAX_BUDGET_SECONDS = 86_400;

/**
 * The number system a piece of work runs in: a mode (exact at `digits`), decimal.js at
 * `digits` without error bounds, or float64's training kernel; or, at `digits`, what a
 * command does with a shown step's quantities
 * (`SHOWN_TABLES` and float-shown, one "pass" per step shown).
 */
export type CostMode = Mode | "decimal" | "float64-kernel" | "float-shown" | "exact-shown" | "exact-compared";

/** Some passes of the engine over single samples, in one number system. */
export interface Work {
  readonly mode: CostMode;
  readonly digits: number;
  readonly passes: number;
}

function interpolate(table: readonly CostRow[], digits: number, column: 1 | 2): number {
  let k = 1;
  while (k < table.length - 1 && table[k]![0] < digits) k++;
  const [d0, lo] = [table[k - 1]![0], table[k - 1]![column]];
  const [d1, hi] = [table[k]![0], table[k]![column]];
  const t = (Math.log(digits) - Math.log(d0)) / (Math.log(d1) - Math.log(d0));
  return Math.exp(Math.log(lo) + t * (Math.log(hi) - Math.log(lo)));
}

/** The size of a network for the model: its weights (biases included) and units. */
export function networkSize(spec: ProblemSpec): { weights: number; units: number } {
  let weights = 0;
  let units = 0;
  for (const l of spec.network.layers) {
    units += l.weights.length;
    weights += l.weights.length * ((l.weights[0]?.length ?? 0) + (l.biases === null ? 0 : 1));
  }
  return { weights, units };
}

/** The most significant digits of any number of the case (inputs are taken exactly, with every digit). */
export function longestNumber(spec: ProblemSpec): number {
  const digitsOf = (s: string) =>
    s
      .replace(/[eE].*$/, "")
      .replace(/[^0-9]/g, "")
      .replace(/^0+/, "").length;
  let longest = digitsOf(spec.training.learningRate);
  for (const l of spec.network.layers) {
    for (const row of l.weights) longest = Math.max(longest, maxOf(row.map(digitsOf), 0));
    if (l.biases !== null) longest = Math.max(longest, maxOf(l.biases.map(digitsOf), 0));
  }
  for (const s of spec.data)
    longest = Math.max(longest, maxOf(s.x.map(digitsOf), 0), maxOf(s.y.map(digitsOf), 0));
  return longest;
}

/** Estimated seconds of `work` on the case's network. */
export function costSeconds(spec: ProblemSpec, work: readonly Work[]): number {
  const { weights, units } = networkSize(spec);
  const longest = longestNumber(spec);
  let us = 0;
  for (const w of work) {
    let perWeight: number;
    let perUnit: number;
    if (
      w.mode === "exact" ||
      w.mode === "decimal" ||
      w.mode === "exact-shown" ||
      w.mode === "exact-compared"
    ) {
      const table =
        w.mode === "exact" ? EXACT_TABLE : w.mode === "decimal" ? DECIMAL_TABLE : SHOWN_TABLES[w.mode];
      const digits = Math.max(w.digits, longest);
      perWeight = interpolate(table, digits, 1);
      perUnit = interpolate(table, digits, 2);
    } else {
      [perWeight, perUnit] = FLOAT_COSTS[w.mode];
    }
    us += w.passes * (weights * perWeight + units * perUnit);
  }
  return us / 1e6;
}

/** Samples a step of the case runs through: one for SGD, all of them for full batch. */
export function samplesPerStep(spec: ProblemSpec): number {
  return spec.training.batch === "full-batch" ? spec.data.length : 1;
}

/** Passes of a training run of `epochs` epochs (every sample once an epoch). */
export function trainingPassesOf(spec: ProblemSpec, epochs: number = spec.training.epochs): number {
  return epochs * spec.data.length;
}

/**
 * Throws a BudgetError when `seconds` exceeds the budget, naming the request, the
 * estimate, the limit and the ways out (`--max-seconds` among them).
 */
export function checkBudget(
  what: string,
  seconds: number,
  remedies: string,
  limitSeconds = EXACT_BUDGET_SECONDS,
): void {
  if (seconds > limitSeconds) {
    throw new BudgetError(
      what,
      describeSeconds(seconds),
      `${limitSeconds} s`,
      `${remedies}, or raise --max-seconds`,
    );
  }
}

/** The exact-mode check of the commands that run passes in one mode (kept for their one-line calls). */
export function checkExactBudget(
  spec: ProblemSpec,
  digits: number,
  passes: number,
  what: string,
  limitSeconds = EXACT_BUDGET_SECONDS,
): void {
  checkBudget(
    `${what} in the exact mode at ${digits} digits`,
    costSeconds(spec, [{ mode: "exact", digits, passes }]),
    "use --mode float64, fewer --epochs or fewer --digits",
    limitSeconds,
  );
}

/** Estimated seconds of `passes` exact passes over every sample (the model's exact column). */
export function exactCostSeconds(spec: ProblemSpec, digits: number, passes: number): number {
  return costSeconds(spec, [{ mode: "exact", digits, passes: passes * spec.data.length }]);
}

export function describeSeconds(s: number): string {
  if (s < 120) return `${Math.max(1, Math.round(s))} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${Math.round(s / 3600)} h`;
}

/**
 * Peak memory, the model's second term: what a command holds at once — the quantities of
 * the derivation and of the report made from them — costs values × bytes per value, plus
 * the process itself. Measured as the peak resident set (`/usr/bin/time -v`) of
 * `bpcheck run` on generated sigmoid networks (128-128-1 at 50, 200, 1000 and 2000 digits:
 * 321, 409, 766 and 1322 MiB; 256-256-256-1 and 16 × 256 units in float64: 715 and 4333
 * MiB): each value of the certified exact step holds its ball (midpoint and radius at the
 * working precision plus guard digits), its certified value and the report's strings,
 * about 3600 bytes + 8 bytes per digit; a float value with its name and strings 860 to
 * 1150 bytes.
 */
const BASE_BYTES = 64 * 2 ** 20;
const EXACT_BYTES_PER_VALUE = 3600;
const EXACT_BYTES_PER_DIGIT = 8;
const FLOAT_BYTES_PER_VALUE = 1000;

/** Memory a command may use unless `--max-memory` allows more (MiB): the robustness bar of 2 GiB. */
export const MEMORY_BUDGET_MIB = 2048;

/** Values held at once by a piece of work, in one number system. */
export interface Held {
  readonly mode: Mode;
  readonly digits: number;
  readonly values: number;
}

/** Estimated peak bytes of a command holding `held` on the case (digits as in costSeconds: at least the longest number's). */
export function memoryBytes(spec: ProblemSpec, held: readonly Held[]): number {
  const longest = longestNumber(spec);
  let bytes = BASE_BYTES;
  for (const h of held) {
    const perValue =
      h.mode === "exact"
        ? EXACT_BYTES_PER_VALUE + EXACT_BYTES_PER_DIGIT * Math.max(h.digits, longest)
        : FLOAT_BYTES_PER_VALUE;
    bytes += h.values * perValue;
  }
  return bytes;
}

/**
 * The quantities the worked example derives (core's stepQuantities and the horizon's):
 * per sample of the step its inputs, targets, z, a, f′, ∂L/∂a, δ (five per unit), the
 * loss terms, a contribution per weight and ∂L/∂x; per parameter W, ∂L/∂W, ΔW and W′;
 * then each further step, forward pass and epoch the case's horizon asks for.
 */
export function derivedValues(spec: ProblemSpec): number {
  const { weights, units } = networkSize(spec);
  const { inputs, layers } = spec.network;
  const outputs = layers[layers.length - 1]?.weights.length ?? 0;
  // δ reaches a layer below through each weight above it: one contribution per weight of layers 2….
  let contributions = 0;
  for (const l of layers.slice(1)) contributions += l.weights.length * (l.weights[0]?.length ?? 0);
  // The parts written down on the way: each product of z, a softmax layer's shifted logits,
  // exponentials and their sum, the factor 1 − a of a sigmoid or softmax layer.
  let parts = 0;
  for (const l of layers) {
    const width = l.weights.length;
    parts += width * (l.weights[0]?.length ?? 0);
    if (l.activation === "softmax") parts += 2 * width + 1;
    if (l.activation === "sigmoid" || l.activation === "softmax") parts += width;
  }
  const many = samplesPerStep(spec) > 1 ? 1 : 0;
  const perSample = 2 * inputs + 2 * outputs + 5 * units + contributions + parts + many;
  // W, dW, the step α·dW, ΔW and W′ of every parameter.
  const step = samplesPerStep(spec) * perSample + 5 * weights + 1;
  const h = spec.horizon;
  if (h === undefined) return step;
  const forward = spec.data.length * (3 * units + outputs + parts + 1) + weights + 1;
  return Math.max(1, h.steps) * step + h.after.length * forward + h.epochs * (weights + 1);
}

/**
 * Throws a BudgetError when `bytes` exceeds the memory budget, naming the request, the
 * estimate, the limit and the ways out (`override`, raising `--max-memory`, among them).
 */
export function checkMemory(
  what: string,
  bytes: number,
  remedies: string,
  limitMiB = MEMORY_BUDGET_MIB,
  override = "raise --max-memory",
): void {
  if (bytes > limitMiB * 2 ** 20) {
    throw new BudgetError(
      what,
      describeBytes(bytes),
      describeBytes(limitMiB * 2 ** 20),
      `${remedies}, or ${override}`,
      "memory",
    );
  }
}

export function describeBytes(bytes: number): string {
  const mib = bytes / 2 ** 20;
  return mib < 1024 ? `${Math.max(1, Math.round(mib))} MiB` : `${(mib / 1024).toFixed(1)} GiB`;
}

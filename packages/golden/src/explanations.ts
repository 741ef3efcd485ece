import {
  LOSSES,
  UPDATE_ORDERS,
  formatQuantity,
  mustParse,
  quantityName,
  swapMatrixIndices,
  type ProblemSpec,
} from "@bpcheck/core";
import Decimal from "decimal.js";
import { matchesPrinted, printedDecimals, roundToDecimals, roundToSignificant } from "./printed-decimal.ts";
import { deriveOn, exactField, type QuantityValues, type RecordedStep } from "./reference-derivation.ts";
import { ancestors, replayed, useKey, type Replacements } from "./tape-field.ts";

/**
 * The candidate explanations of a wrong printed number. Each is a generic
 * transformation — a variant of the problem re-run through the engine, a replay with
 * intermediate values replaced, or an edit of the printed digits — that either
 * reproduces the printed value at its printed precision or does not. None knows any
 * particular case.
 */

/** What the classifier knows when it explains one printed number. */
export interface Context {
  readonly spec: ProblemSpec;
  readonly exact: QuantityValues;
  readonly recorded: RecordedStep;
  /** The exact first step of a variant of the problem (cached by the caller). */
  readonly variant: (spec: ProblemSpec) => QuantityValues;
  /** Rounded first step: every operation to k significant digits (cached by the caller). */
  readonly rounded: (k: number) => QuantityValues;
  /** The source's name for a quantity, with its canonical name: "Ŷ (a[1][0])". */
  readonly describe: (quantity: string) => string;
}

/** A printed number to explain: its quantity and string, and the numbers printed before it. */
export interface Target {
  readonly quantity: string;
  readonly printed: string;
  /** Printed values of each quantity, from entries printed before this one. */
  readonly printedBefore: ReadonlyMap<string, readonly string[]>;
  /** Entries printed before this one that were judged wrong (candidates to carry forward). */
  readonly wrongBefore: readonly {
    readonly quantity: string;
    readonly printed: string;
    readonly line: number;
  }[];
}

/** A reproduction: the phrase naming what reproduces the printed value. */
export interface Found {
  readonly how: string;
}

/** Significant digits a hand calculation is modelled to keep at every operation. */
export const HAND_DIGITS = [2, 3, 4, 5, 6, 7, 8] as const;
/** Significant digits an intermediate may be rounded to where it is used. */
export const OPERAND_DIGITS = [2, 3] as const;
/** Learning-rate factors 10^k tried, besides a learning rate of 1. */
export const LEARNING_RATE_POWERS = [-3, -2, -1, 1, 2, 3] as const;
/** Most replays one search of rounded operands may run (keeps the classifier fast). */
export const MAX_REPLAYS = 4000;

/** Whether `values` holds `quantity` with a value that reproduces `printed`. */
function reproduces(values: QuantityValues, quantity: string, printed: string): boolean {
  const v = values.get(quantity);
  return v !== undefined && matchesPrinted(v, printed);
}

/** The claimed matrix entry with its last two indices swapped, if that is another quantity. */
export function transposedName(quantity: string, values: QuantityValues): string | null {
  const q = mustParse(quantity);
  const swapped = swapMatrixIndices(q);
  if (swapped === q || swapped.index[1] === swapped.index[2]) return null;
  const name = formatQuantity(swapped);
  return values.has(name) ? name : null;
}

/**
 * Drift is wrong in the last digits only: the printed value lies within 1% of the exact
 * one. Anything further is an erratum however it came about.
 */
export const DRIFT_LIMIT = new Decimal("0.01");

function withinDrift(exact: Decimal | undefined, printed: string): boolean {
  if (exact === undefined) return false;
  return new Decimal(printed).minus(exact).abs().lte(exact.abs().times(DRIFT_LIMIT));
}

/** Hand calculation keeping k significant digits at every operation. */
export function handDigits(ctx: Context, t: Target): Found | null {
  if (!withinDrift(ctx.exact.get(t.quantity), t.printed)) return null;
  for (const k of HAND_DIGITS) {
    if (k >= printedDecimals(t.printed) + 12) break;
    if (reproduces(ctx.rounded(k), t.quantity, t.printed)) {
      return { how: `a hand calculation keeping ${k} significant digits at every operation` };
    }
  }
  return null;
}

interface Use {
  readonly key: number;
  readonly quantity: string;
  readonly candidates: readonly { readonly value: Decimal; readonly text: string }[];
}

/**
 * The intermediate values (pre-activations z and activations a) read by the operations
 * the quantity depends on after the forward pass, each a place where a hand calculation
 * may have used a rounded number: as printed before, or rounded to 2 or 3 significant
 * digits.
 */
function roundableUses(ctx: Context, t: Target, quantity: string): Use[] {
  const { tape, producer } = ctx.recorded;
  const target = producer.get(quantity);
  if (target === undefined || target < 0) return [];
  const intermediate = new Map<number, string>();
  for (const [name, op] of producer) {
    const kind = mustParse(name).kind;
    if ((kind === "z" || kind === "a") && op >= 0) intermediate.set(op, name);
  }
  const afterForward = Math.max(-1, ...intermediate.keys());
  const uses: Use[] = [];
  for (const op of [...ancestors(tape, target)].sort((a, b) => a - b)) {
    if (op <= afterForward) continue;
    tape.ops[op]!.operands.forEach((operand, position) => {
      const name = intermediate.get(operand);
      if (name === undefined) return;
      const exact = tape.ops[operand]!.value;
      const candidates: { value: Decimal; text: string }[] = [];
      const add = (value: Decimal, text: string) => {
        if (!value.eq(exact) && !candidates.some((c) => c.value.eq(value))) candidates.push({ value, text });
      };
      for (const p of t.printedBefore.get(name) ?? []) add(new Decimal(p), p);
      for (const k of OPERAND_DIGITS) {
        const r = roundToSignificant(exact, k);
        add(r, r.toString());
      }
      if (candidates.length > 0) uses.push({ key: useKey(op, position), quantity: name, candidates });
    });
  }
  return uses;
}

/** All k-element subsets of 0..n−1, in lexicographic order. */
function* subsets(n: number, k: number, from = 0): Generator<number[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= n - k; i++) for (const rest of subsets(n, k - 1, i + 1)) yield [i, ...rest];
}

/** Every choice of one candidate per chosen use. */
function* choices(uses: readonly Use[], chosen: readonly number[], at = 0): Generator<number[]> {
  if (at === chosen.length) {
    yield [];
    return;
  }
  const n = uses[chosen[at]!]!.candidates.length;
  for (let c = 0; c < n; c++) for (const rest of choices(uses, chosen, at + 1)) yield [c, ...rest];
}

/**
 * Replays the exact step with the fewest intermediate values replaced by rounded ones
 * (smallest sets first) until the quantity reproduces the printed value.
 */
export function roundedOperands(ctx: Context, t: Target, quantity: string): Found | null {
  if (!withinDrift(ctx.exact.get(quantity), t.printed)) return null;
  const uses = roundableUses(ctx, t, quantity);
  const index = ctx.recorded.names.indexOf(quantity);
  let budget = MAX_REPLAYS;
  for (let size = 1; size <= uses.length; size++) {
    for (const chosen of subsets(uses.length, size)) {
      for (const picks of choices(uses, chosen)) {
        if (budget-- <= 0) return null;
        const operands = new Map<number, Decimal>();
        chosen.forEach((u, k) => operands.set(uses[u]!.key, uses[u]!.candidates[picks[k]!]!.value));
        const values = replayed(exactField, ctx.recorded.tape, { operands }, (F) => deriveOn(F, ctx.spec));
        const v = values?.[index];
        if (v !== undefined && matchesPrinted(v, t.printed)) {
          return { how: `rounded intermediates (${describeRounding(ctx, uses, chosen, picks)})` };
        }
      }
    }
  }
  return null;
}

const OPERATION_NAMES: Readonly<Record<string, string>> = {
  add: "a sum",
  sub: "a difference",
  mul: "a product",
  div: "a quotient",
};

/** "Ŷ (a[1][0]) taken as 0.69 in a difference and 0.69 in a product, Z_1 (a[0][0]) taken as …" */
function describeRounding(
  ctx: Context,
  uses: readonly Use[],
  chosen: readonly number[],
  picks: readonly number[],
): string {
  const byQuantity = new Map<string, string[]>();
  chosen.forEach((u, k) => {
    const use = uses[u]!;
    const kind = ctx.recorded.tape.ops[Math.floor(use.key / 2)]!.kind;
    const parts = byQuantity.get(use.quantity) ?? [];
    parts.push(`${use.candidates[picks[k]!]!.text} in ${OPERATION_NAMES[kind] ?? kind}`);
    byQuantity.set(use.quantity, parts);
  });
  return [...byQuantity].map(([q, parts]) => `${ctx.describe(q)} taken as ${parts.join(" and ")}`).join(", ");
}

/** A problem variant re-run through the engine, with the phrase that names it. */
interface Variant {
  readonly spec: ProblemSpec;
  readonly how: string;
}

function withTraining(spec: ProblemSpec, training: Partial<ProblemSpec["training"]>): ProblemSpec {
  return { ...spec, training: { ...spec.training, ...training } };
}

/** Learning rates α·10^k and 1, in the order tried. */
export function learningRateVariants(spec: ProblemSpec): Variant[] {
  const alpha = new Decimal(spec.training.learningRate);
  const rates = LEARNING_RATE_POWERS.map((k) => alpha.times(new Decimal(10).pow(k)));
  if (!alpha.eq(1)) rates.push(new Decimal(1));
  return rates.map((r) => ({
    spec: withTraining(spec, { learningRate: r.toString() }),
    how: `learning rate ${r.toString()} instead of ${spec.training.learningRate}`,
  }));
}

export function updateOrderVariants(spec: ProblemSpec): Variant[] {
  return UPDATE_ORDERS.filter((o) => o !== spec.training.updateOrder).map((o) => ({
    spec: withTraining(spec, { updateOrder: o }),
    how: `the ${o} update order instead of ${spec.training.updateOrder}`,
  }));
}

export function biasVariants(spec: ProblemSpec): Variant[] {
  if (spec.network.layers.every((l) => l.biases === null)) return [];
  const updated = !spec.training.updateBiases;
  return [
    {
      spec: withTraining(spec, { updateBiases: updated }),
      how: updated
        ? "the biases updated (the case keeps them frozen)"
        : "the biases frozen (the case updates them)",
    },
  ];
}

export function lossVariants(spec: ProblemSpec): Variant[] {
  // "output" is not a loss a source could have used by mistake: it differentiates the output itself.
  return LOSSES.filter((l) => l !== spec.network.loss && l !== "output").map((l) => ({
    spec: { ...spec, network: { ...spec.network, loss: l } },
    how: `the ${l} loss instead of ${spec.network.loss}`,
  }));
}

/** The update with the opposite sign: W + α∇L. */
export function signVariants(spec: ProblemSpec): Variant[] {
  const alpha = new Decimal(spec.training.learningRate).neg();
  return [
    {
      spec: withTraining(spec, { learningRate: alpha.toString() }),
      how: "the gradient added instead of subtracted",
    },
  ];
}

/** The first variant whose step reproduces the printed value. */
export function firstVariant(ctx: Context, t: Target, variants: readonly Variant[]): Found | null {
  for (const v of variants) if (reproduces(ctx.variant(v.spec), t.quantity, t.printed)) return { how: v.how };
  return null;
}

/**
 * Another formula for a loss value, from the outputs and targets of the step (one
 * sample): the square root of each error instead of its square, ½Σ√|y−ŷ|, and the square
 * root of the loss. Only for the quantity `loss` of a single-sample step.
 */
export function lossFormulaValue(ctx: Context, t: Target): Found | null {
  if (t.quantity !== "loss") return null;
  if (ctx.spec.training.batch === "full-batch" && ctx.spec.data.length > 1) return null;
  const last = ctx.spec.network.layers.length - 1;
  const y = ctx.spec.data[0]!.y;
  const errors = y.map((yk, k) => new Decimal(yk).minus(ctx.exact.get(quantityName("a", [last, k]))!).abs());
  const D = Decimal.clone({ precision: 60 });
  const halfRootSum = errors.reduce((s, e) => s.plus(D.sqrt(e)), new D(0)).div(2);
  const candidates: [Decimal, string][] = [
    [halfRootSum, "the loss ½Σ√|y−ŷ| (a square root instead of a square)"],
    [D.sqrt(ctx.exact.get("loss")!), "the square root of the loss"],
  ];
  for (const [v, how] of candidates) if (matchesPrinted(v, t.printed)) return { how };
  return null;
}

/** The printed value is the exact value with its sign flipped. */
export function flippedSign(ctx: Context, t: Target): Found | null {
  const v = ctx.exact.get(t.quantity);
  if (v === undefined || v.isZero() || !matchesPrinted(v.neg(), t.printed)) return null;
  return { how: "the opposite sign" };
}

/** Most earlier wrong values tried as carried forward into one number (the latest ones upstream of it). */
export const MAX_CARRIED_FORWARD = 16;

const nameIndexCache = new WeakMap<RecordedStep, Map<string, number>>();

/** Where each quantity sits in the recorded derivation (built once per recording, not searched per number). */
function nameIndex(recorded: RecordedStep): Map<string, number> {
  let map = nameIndexCache.get(recorded);
  if (map === undefined) {
    map = new Map(recorded.names.map((name, k) => [name, k]));
    nameIndexCache.set(recorded, map);
  }
  return map;
}

/** Replays the exact step with earlier wrong printed values in place of the true ones. */
export function carriedForward(ctx: Context, t: Target): Found | null {
  if (t.wrongBefore.length === 0) return null;
  const index = nameIndex(ctx.recorded).get(t.quantity) ?? -1;
  const target = ctx.recorded.producer.get(t.quantity) ?? -1;
  if (target < 0) return null;
  // Only a wrong value the quantity depends on can have been carried into it; each
  // distinct (quantity, printed) pair once, the latest MAX_CARRIED_FORWARD of them.
  const upstream = ancestors(ctx.recorded.tape, target);
  const seen = new Set<string>();
  const distinct = t.wrongBefore.filter((w) => {
    const key = `${w.quantity}\u0000${w.printed}`;
    if (seen.has(key)) return false;
    seen.add(key);
    const op = ctx.recorded.producer.get(w.quantity) ?? -1;
    return op >= 0 && op !== target && upstream.has(op);
  });
  const usable = distinct.slice(-MAX_CARRIED_FORWARD);
  const attempts = usable.map((w) => [w]);
  if (usable.length > 1) attempts.push(usable);
  for (const used of attempts) {
    const results = new Map<number, Decimal>();
    for (const w of used) results.set(ctx.recorded.producer.get(w.quantity)!, new Decimal(w.printed));
    const replacements: Replacements = { results };
    const values = replayed(exactField, ctx.recorded.tape, replacements, (F) => deriveOn(F, ctx.spec));
    const v = values?.[index];
    if (
      v !== undefined &&
      matchesPrinted(v, t.printed) &&
      !matchesPrinted(ctx.exact.get(t.quantity)!, t.printed)
    ) {
      const list = used.map((w) => `${w.printed} printed for ${ctx.describe(w.quantity)} at line ${w.line}`);
      return { how: `the earlier erratum ${list.join(" and ")} used in place of the true value` };
    }
  }
  return null;
}

/** One edit of printed digits, and its name. */
export interface DigitEdit {
  readonly text: string;
  readonly how: string;
}

/**
 * What the author may have meant, given what was printed: the printed string with one
 * digit changed, a dropped digit restored, a doubled or extra digit removed, two
 * adjacent digits swapped back, or the decimal point moved by one or two places.
 * Only plain decimal strings (no exponent) are edited.
 */
export function digitEdits(printed: string): DigitEdit[] {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(printed);
  if (m === null) return [];
  const sign = m[1]!;
  const digits = m[2]! + (m[3] ?? "");
  const point = m[2]!.length;
  const out: DigitEdit[] = [];
  // A set, not a search of `out`: the edits of an n-digit string number about 30n.
  const seen = new Set<string>([printed]);
  const emit = (ds: string, p: number, how: string) => {
    if (p < 1 || p > ds.length) return;
    const intPart = ds.slice(0, p).replace(/^0+(?=\d)/, "");
    const text = sign + intPart + (p < ds.length ? "." + ds.slice(p) : "");
    if (!seen.has(text)) {
      seen.add(text);
      out.push({ text, how });
    }
  };
  for (let i = 0; i < digits.length; i++) {
    for (const d of "0123456789")
      if (d !== digits[i])
        emit(digits.slice(0, i) + d + digits.slice(i + 1), point, `digit ${i + 1} changed`);
  }
  for (let i = 0; i <= digits.length; i++) {
    for (const d of "0123456789")
      emit(digits.slice(0, i) + d + digits.slice(i), i < point ? point + 1 : point, "a digit dropped");
  }
  for (let i = 0; i < digits.length; i++) {
    const removed = digits.slice(0, i) + digits.slice(i + 1);
    const how =
      digits[i] === digits[i + 1] || digits[i] === digits[i - 1] ? "a digit doubled" : "an extra digit";
    emit(removed, i < point ? point - 1 : point, how);
  }
  for (let i = 0; i + 1 < digits.length; i++) {
    if (digits[i] !== digits[i + 1]) {
      emit(
        digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2),
        point,
        "two adjacent digits swapped",
      );
    }
  }
  const decimals = printedDecimals(printed);
  for (const shift of [-2, -1, 1, 2]) {
    const moved = new Decimal(printed).times(new Decimal(10).pow(shift));
    const text = moved.toFixed(Math.max(0, decimals - shift));
    if (!seen.has(text)) {
      seen.add(text);
      out.push({ text, how: "the decimal point shifted" });
    }
  }
  return out;
}

/** An edit of the printed digits that reads as the exact value at that edit's precision. */
export function digitSlip(ctx: Context, t: Target): Found | null {
  const v = ctx.exact.get(t.quantity);
  if (v === undefined) return null;
  // Edits share a handful of precisions: round the exact value once per precision.
  const rounded = new Map<number, string>();
  for (const e of digitEdits(t.printed)) {
    const d = printedDecimals(e.text);
    let r = rounded.get(d);
    if (r === undefined) rounded.set(d, (r = roundToDecimals(v, d)));
    if (new Decimal(r).eq(e.text)) return { how: `the correct value ${e.text} printed with ${e.how}` };
  }
  return null;
}

/** Another quantity of the same step whose exact value reproduces the printed number. */
export function otherQuantity(ctx: Context, t: Target): { quantity: string; found: Found } | null {
  for (const [name, v] of ctx.exact) {
    if (name !== t.quantity && matchesPrinted(v, t.printed)) {
      return { quantity: name, found: { how: `the value of ${ctx.describe(name)}` } };
    }
  }
  return null;
}

import Decimal from "decimal.js";
import {
  formatQuantity,
  mustParse,
  parseQuantity,
  reductionOf,
  withSuffix,
  type QuantityName,
} from "@bpcheck/core";
import { signConvention } from "./departures.ts";
import { matchesPrinted, printedDecimals, roundToDecimals, roundToSignificant } from "./printed-decimal.ts";
import { exactField } from "./reference-derivation.ts";
import { ancestors, evaluateOne, useKey, type Budget } from "./tape-field.ts";
import { HABITS, HAND_DIGITS, type Habit, type PrintedEntry, type World } from "./worlds.ts";

/**
 * The mechanisms that explain a wrong printed number in a world: roundings (a habit, the
 * source's printed operands, a hand calculation, rounded operands at some uses), and
 * edits of the printed number itself. Each either reproduces the printed value at its
 * printed precision or does not; none knows any particular case.
 */

/** A printed number to explain, with what is known when it is judged. */
export interface Target {
  readonly entry: PrintedEntry;
  /** Indices of the numbers judged wrong so far (erratum or unexplained). */
  readonly wrong: ReadonlySet<number>;
  /** Every printed number of the case. */
  readonly printed: readonly PrintedEntry[];
}

/** What a mechanism may use besides the world: the habits to try (the inferred one first) and the search budget. */
export interface Scope {
  readonly habits: readonly Habit[];
  readonly budget: Budget;
  /** The source's name for a quantity, with its canonical name: "Ŷ (a[1][0])". */
  readonly describe: (quantity: string) => string;
}

/** A reproduction: the phrase naming what reproduces the printed value. */
export interface Found {
  readonly how: string;
  /** 0 none, 1 the inferred habit, 3 a habit no other number shows (the plausibility order's rounding). */
  readonly rounding?: number;
  /** A specific reading of an arbitrary cause (the same quantity before the update): ranked as a plausible one. */
  readonly specific?: boolean;
  /** A value the source wrote elsewhere, copied: ranked before the other arbitrary edits. */
  readonly copied?: boolean;
  /** A digit slip in the last printed digit (many of them in one source are systematic, not slips). */
  readonly lastDigit?: boolean;
  /** Whether it uses the source's printed numbers (then which of them are wrong matters). */
  readonly printed?: boolean;
}

/**
 * Drift is wrong in the last digits only: free roundings (a hand calculation at k
 * digits, operands rounded where they are used) must come within 1% of the exact value.
 * A single habit or the source's own printed operands carry no such limit: they are one
 * choice each, not a search.
 */
export const DRIFT_LIMIT = new Decimal("0.01");

function withinDrift(exact: Decimal | undefined, printed: string): boolean {
  if (exact === undefined) return false;
  return new Decimal(printed).minus(exact).abs().lte(exact.abs().times(DRIFT_LIMIT));
}

const reproduces = (v: Decimal | undefined, printed: string) => v !== undefined && matchesPrinted(v, printed);

/**
 * The printed numbers a quantity's computation read (upstream of it in this world), the
 * latest printed first; `rounded` keeps only those that differ from the world's values.
 */
function upstreamPrinted(w: World, t: Target, among: Iterable<number>, rounded = false): PrintedEntry[] {
  const { producer } = w.step;
  const target = producer.get(w.reading(t.entry.quantity).quantity) ?? -1;
  if (target < 0) return [];
  const up = new Set(ancestors(w.step.tape, target));
  const out: PrintedEntry[] = [];
  const named = new Set<string>();
  for (const n of [...among].sort((a, b) => b - a)) {
    const e = t.printed[n]!;
    const op = producer.get(w.reading(e.quantity).quantity) ?? -1;
    if (op < 0 || op === target || !up.has(op) || named.has(e.quantity)) continue;
    if (rounded && w.exact(e.quantity)?.eq(e.value)) continue;
    named.add(e.quantity);
    out.push(e);
  }
  return out;
}

/** Indices of the printed numbers whose quantities the quantity's computation reads in this world. */
export function upstreamIndices(w: World, t: Target): Set<number> {
  const { producer } = w.step;
  const target = producer.get(w.reading(t.entry.quantity).quantity) ?? -1;
  if (target < 0) return new Set();
  const up = new Set(ancestors(w.step.tape, target));
  const out = new Set<number>();
  for (const e of t.printed) {
    const op = producer.get(w.reading(e.quantity).quantity) ?? -1;
    if (op >= 0 && op !== target && up.has(op)) out.add(e.index);
  }
  return out;
}

function listed(entries: readonly PrintedEntry[], describe: Scope["describe"]): string {
  const named = entries.slice(0, 3).map((e) => `${describe(e.quantity)} = ${e.printed}`);
  return named.join(", ") + (entries.length > 3 ? ` and ${entries.length - 3} more` : "");
}

/**
 * Whether a value computed from the printed numbers holds without the wrong ones: the
 * shared evaluation uses every printed number; when a wrong one lies upstream, the
 * number is evaluated again without the wrong ones (else it is carried forward).
 */
function holdsWithoutWrong(w: World, t: Target, habit?: Habit): boolean {
  if (upstreamPrinted(w, t, t.wrong).length === 0) return true;
  const clean = w.valueFor(t.entry.quantity, { printed: true, skip: t.wrong, ...(habit ? { habit } : {}) });
  return w.writes(t.entry.quantity, clean, t.entry.printed, habit);
}

/** Each computed value written down to a habit's digits, from the exact values or from the printed ones. */
export function roundingChain(w: World, t: Target, scope: Scope): Found | null {
  const q = t.entry.quantity;
  for (const habit of scope.habits) {
    if (w.writes(q, w.pass({ printed: false, habit })(q), t.entry.printed, habit)) return { how: habit.how };
    if (
      w.writes(q, w.pass({ printed: true, habit })(q), t.entry.printed, habit) &&
      holdsWithoutWrong(w, t, habit)
    ) {
      return { how: `the source's printed values as operands and ${habit.how}`, printed: true };
    }
  }
  return null;
}

/**
 * The loss of a one-sample step added up from the terms the source printed (each
 * output's term in place of the engine's, the others exact), reduced as the loss is:
 * the engine computes the loss from the outputs, not from its terms, so a source that
 * sums its printed terms is read here. `wrong`: whether terms found wrong may be used.
 */
function lossFromPrintedTerms(
  w: World,
  t: Target,
  wrong: boolean,
): { value: Decimal; used: PrintedEntry[] } | null {
  if (w.reading(t.entry.quantity).quantity !== "loss" || w.spec.data.length !== 1) return null;
  const outputs = w.spec.data[0]!.y.length;
  const used: PrintedEntry[] = [];
  let sum = new Decimal(0);
  for (let k = 0; k < outputs; k++) {
    const name = `lossTerm[${k}]`;
    const printed = t.printed
      .filter((e) => e.index !== t.entry.index && (wrong || !t.wrong.has(e.index)))
      .filter((e) => w.reading(e.quantity).quantity === name)
      .at(-1);
    const term = printed === undefined ? w.exact(name) : printed.value.div(w.reading(printed.quantity).scale);
    if (term === undefined) return null;
    if (printed !== undefined && !printed.value.eq(w.exact(printed.quantity) ?? printed.value))
      used.push(printed);
    sum = sum.plus(term);
  }
  if (used.length === 0) return null;
  const mean = reductionOf(w.spec.network).outputs === "mean";
  const value = (mean ? sum.div(outputs) : sum).times(w.reading(t.entry.quantity).scale);
  return { value, used };
}

/** The source's own printed numbers (δ, products, updated weights, …) as the operands of the computation. */
export function printedOperands(w: World, t: Target, scope: Scope): Found | null {
  const q = t.entry.quantity;
  const fromTerms = lossFromPrintedTerms(w, t, false);
  if (fromTerms !== null && reproduces(fromTerms.value, t.entry.printed)) {
    return {
      how: `the sum of the source's printed terms (${listed(fromTerms.used, scope.describe)})`,
      printed: true,
    };
  }
  if (!reproduces(w.pass({ printed: true })(q), t.entry.printed) || !holdsWithoutWrong(w, t)) return null;
  const right = t.printed.map((e) => e.index).filter((n) => !t.wrong.has(n) && n !== t.entry.index);
  const used = upstreamPrinted(w, t, right, true);
  if (used.length === 0) return null;
  return {
    how: `the source's own printed values as operands (${listed(used, scope.describe)})`,
    printed: true,
  };
}

/** A hand calculation keeping k significant digits at every operation. */
export function handDigits(w: World, t: Target): Found | null {
  const q = t.entry.quantity;
  if (!withinDrift(w.exact(q), t.entry.printed)) return null;
  for (const k of HAND_DIGITS) {
    if (k >= printedDecimals(t.entry.printed) + 12) break;
    if (reproduces(w.hand(k)(q), t.entry.printed)) {
      return { how: `a hand calculation keeping ${k} significant digits at every operation` };
    }
  }
  return null;
}

interface Use {
  readonly key: number;
  readonly quantity: string;
  readonly candidates: readonly {
    readonly value: Decimal;
    readonly text: string;
    readonly printed: boolean;
  }[];
}

/** Parsed quantity names, shared by every search (a name's parse never changes). */
const parsed = new Map<string, QuantityName>();
function parsedName(name: string): QuantityName {
  let q = parsed.get(name);
  if (q === undefined) {
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(name, (q = mustParse(name)));
  }
  return q;
}
const MAX_PARSED = 100_000;

/** Whether a quantity is a pre-activation or an activation (of any step). */
function forwardKind(name: string): boolean {
  const k = parsedName(name).kind;
  return k === "z" || k === "a";
}

function firstStepForward(name: string): boolean {
  return forwardKind(name) && parsedName(name).time === null;
}

/** Significant digits and decimals an operand may be rounded to where it is used. */
export const OPERAND_DIGITS = [2, 3] as const;
export const OPERAND_DECIMALS = [2, 3] as const;

/**
 * The places the quantity's computation after the forward pass reads an intermediate
 * value, each a place where a hand calculation may have used another number: a
 * pre-activation or activation as printed or rounded (to 2 or 3 significant digits or
 * decimals), or any other computed quantity (δ, a gradient, an updated weight) as printed.
 */
function roundableUses(w: World, t: Target, target: number): Use[] {
  const { tape, producer } = w.step;
  const named = new Map<number, string>();
  for (const [name, op] of producer) if (op >= 0 && tape.ops[op]!.operands.length > 0) named.set(op, name);
  // The first step's forward pass (a later step's forward pass comes after its backward pass).
  const forward = [...producer].filter(([n, op]) => op >= 0 && firstStepForward(n)).map(([, op]) => op);
  const afterForward = Math.max(-1, ...forward);
  const printedAs = new Map<string, PrintedEntry[]>();
  for (const e of t.printed) {
    if (e.index === t.entry.index || t.wrong.has(e.index)) continue;
    const r = w.reading(e.quantity);
    const list = printedAs.get(r.quantity) ?? [];
    list.push({ ...e, value: e.value.div(r.scale) });
    printedAs.set(r.quantity, list);
  }
  const uses: Use[] = [];
  for (const op of ancestors(tape, target)) {
    if (op <= afterForward) continue;
    tape.ops[op]!.operands.forEach((operand, position) => {
      const name = named.get(operand);
      if (name === undefined) return;
      const exact = tape.ops[operand]!.value;
      const candidates: { value: Decimal; text: string; printed: boolean }[] = [];
      const add = (value: Decimal, text: string, printed = false) => {
        if (!value.eq(exact) && !candidates.some((c) => c.value.eq(value))) {
          candidates.push({ value, text, printed });
        }
      };
      for (const p of printedAs.get(name) ?? []) add(p.value, p.printed, true);
      if (forwardKind(name)) {
        for (const k of OPERAND_DIGITS) {
          const r = roundToSignificant(exact, k);
          add(r, r.toString());
        }
        for (const d of OPERAND_DECIMALS) {
          const r = new Decimal(roundToDecimals(exact, d));
          add(r, r.toString());
        }
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

/** Most operands replaced at once by the search of rounded operands. */
export const MAX_REPLACED_OPERANDS = 3;

/**
 * The exact step with the fewest intermediate values replaced where they are used
 * (smallest sets first), until the quantity reproduces the printed value or the budget
 * (operations re-evaluated, shared by the whole classification) is spent.
 */
export function roundedOperands(w: World, t: Target, scope: Scope): Found | null {
  const q = t.entry.quantity;
  if (!withinDrift(w.exact(q), t.entry.printed)) return null;
  const r = w.reading(q);
  const target = w.step.producer.get(r.quantity) ?? -1;
  if (target < 0) return null;
  const uses = roundableUses(w, t, target);
  const only = ancestors(w.step.tape, target);
  for (let size = 1; size <= Math.min(uses.length, MAX_REPLACED_OPERANDS); size++) {
    for (const chosen of subsets(uses.length, size)) {
      for (const picks of choices(uses, chosen)) {
        const operands = new Map<number, Decimal>();
        chosen.forEach((u, k) => operands.set(uses[u]!.key, uses[u]!.candidates[picks[k]!]!.value));
        if (scope.budget.ops < only.length) return null;
        const evaluated = evaluateOne(exactField, w.step.tape, { operands }, only, target, scope.budget);
        const v = evaluated?.value?.times(r.scale);
        if (v !== undefined && matchesPrinted(v, t.entry.printed)) {
          return {
            how: `rounded intermediates (${describeRounding(w, uses, chosen, picks, scope.describe)})`,
            printed: chosen.some((u, k) => uses[u]!.candidates[picks[k]!]!.printed),
          };
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
  w: World,
  uses: readonly Use[],
  chosen: readonly number[],
  picks: readonly number[],
  describe: Scope["describe"],
): string {
  const byQuantity = new Map<string, string[]>();
  chosen.forEach((u, k) => {
    const use = uses[u]!;
    const kind = w.step.tape.ops[Math.floor(use.key / 2)]!.kind;
    const parts = byQuantity.get(use.quantity) ?? [];
    parts.push(`${use.candidates[picks[k]!]!.text} in ${OPERATION_NAMES[kind] ?? kind}`);
    byQuantity.set(use.quantity, parts);
  });
  return [...byQuantity].map(([q, parts]) => `${describe(q)} taken as ${parts.join(" and ")}`).join(", ");
}

/** Most earlier wrong numbers carried forward into one number at once (the latest ones upstream of it). */
export const MAX_CARRIED_FORWARD = 16;
/** Of those, the latest ones also tried alone (each with the right printed numbers). */
export const MAX_CARRIED_ALONE = 4;

/**
 * A wrong printed number carried into this one: the step re-evaluated with the wrong
 * numbers upstream of it in place of their quantities (with the other printed numbers,
 * then alone, then each wrong one alone with the right printed ones, so that a value
 * computed from an earlier line than the latest wrong one counts), reproducing what the
 * exact and clean evaluations do not; then the same with every intermediate kept to a
 * habit's digits (the inferred one first), as a hand calculation reusing a wrong number
 * rounds it again. A wrong number printed later than this one is one the classification
 * found wrong in a first reading of the source.
 */
export function carriedForward(w: World, t: Target, scope: Scope): Found | null {
  if (t.wrong.size === 0) return null;
  // A loss added up from its printed terms, a wrong one among them.
  const fromTerms = lossFromPrintedTerms(w, t, true);
  const wrongTerms = fromTerms?.used.filter((e) => t.wrong.has(e.index)) ?? [];
  if (wrongTerms.length > 0 && reproduces(fromTerms!.value, t.entry.printed)) {
    const list = wrongTerms.map(
      (e) => `${e.printed} printed for ${scope.describe(e.quantity)} at line ${e.line}`,
    );
    return {
      how: `the sum of the source's printed terms, with the erratum ${list.join(" and ")}`,
      rounding: 0,
    };
  }
  // Only a wrong number the quantity depends on can have been carried into it; each
  // quantity once, the latest MAX_CARRIED_FORWARD of them.
  const wrongUp = upstreamPrinted(w, t, t.wrong).slice(0, MAX_CARRIED_FORWARD);
  if (wrongUp.length === 0) return null;
  const q = t.entry.quantity;
  const printed = t.entry.printed;
  const say = (carried: readonly PrintedEntry[], rounding: number, habit?: Habit): Found => {
    const list = carried.map(
      (e) => `${e.printed} printed for ${scope.describe(e.quantity)} at line ${e.line}`,
    );
    const earlier = carried.every((e) => e.line <= t.entry.line) ? "earlier " : "";
    const kept = habit === undefined ? "" : `, with ${habit.how}`;
    return {
      how: `the ${earlier}erratum ${list.join(" and ")} used in place of the true value${kept}`,
      rounding,
    };
  };
  const carriedIn = new Set(wrongUp.map((e) => e.index));
  const others = new Set(t.printed.map((e) => e.index).filter((n) => !carriedIn.has(n)));
  if (
    (reproduces(w.pass({ printed: true })(q), printed) && !holdsWithoutWrong(w, t)) ||
    reproduces(w.valueFor(q, { printed: true, skip: others }), printed)
  ) {
    return say(wrongUp, 0);
  }
  if (wrongUp.length > 1) {
    for (const e of wrongUp.slice(0, MAX_CARRIED_ALONE)) {
      const skip = new Set([...t.wrong].filter((n) => n !== e.index));
      if (reproduces(w.valueFor(q, { printed: true, skip }), printed)) return say([e], 0);
    }
  }
  const habits = [...scope.habits.slice(0, 1), ...HABITS.filter((h) => h !== scope.habits[0])];
  for (const habit of habits) {
    // The value itself may be written down at the habit's digits, then printed with fewer.
    const v = w.pass({ printed: true, habit })(q);
    const rounded = v === undefined || w.writes(q, v, printed, habit) ? v : habit.round(v);
    if (w.writes(q, rounded, printed, habit) && !holdsWithoutWrong(w, t, habit)) {
      return say(wrongUp, habit === scope.habits[0] ? 1 : 3, habit);
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

/**
 * Significant digits the meant value of a digit slip keeps: an edit to one significant
 * digit ("0.01" read as "1", "-0.014" as "-0.04") matches almost any value, so it is no
 * evidence of a slip.
 */
export const MIN_SLIP_DIGITS = 2;

/** Significant digits of a printed string ("-0.0140" → 3). */
export function significantDigits(text: string): number {
  return text.replace(/^-?[0.]*/, "").replace(".", "").length;
}

/**
 * Whether two plain decimal strings with the same decimals and no leading zeros (as
 * `roundToDecimals` writes them and `digitEdits` emits them) are the same number: the
 * same text, but for the sign of a zero ("-0.00" is 0.00).
 */
function sameFixed(a: string, b: string): boolean {
  const unsignedZero = (s: string) => (/^-[0.]*$/.test(s) ? s.slice(1) : s);
  return unsignedZero(a) === unsignedZero(b);
}

/**
 * The edits of a printed string that may be a slip (of at least MIN_SLIP_DIGITS
 * significant digits), each with its decimals: once per printed string, which a source
 * often prints more than once and every reading of the source judges again.
 */
function slipEdits(printed: string): readonly (readonly [DigitEdit, number])[] {
  let edits = slipEditsOf.get(printed);
  if (edits === undefined) {
    edits = digitEdits(printed)
      .filter((e) => significantDigits(e.text) >= MIN_SLIP_DIGITS)
      .map((e) => [e, printedDecimals(e.text)] as const);
    if (slipEditsOf.size >= MAX_SLIP_EDITS) slipEditsOf.clear();
    slipEditsOf.set(printed, edits);
  }
  return edits;
}
const slipEditsOf = new Map<string, readonly (readonly [DigitEdit, number])[]>();
/** Printed strings whose edits are kept (each some 30 edits per digit). */
const MAX_SLIP_EDITS = 10_000;

/** An edit of the printed digits that reads as the world's value (exact, or under the inferred habit). */
export function digitSlip(w: World, t: Target, scope: Scope): Found | null {
  const q = t.entry.quantity;
  const last = `digit ${t.entry.printed.replace(/^-/, "").replace(".", "").length} changed`;
  const values = [
    w.exact(q),
    ...scope.habits.slice(0, 1).map((h) => w.pass({ printed: false, habit: h })(q)),
  ];
  for (const v of values) {
    if (v === undefined) continue;
    // Edits share a handful of precisions: round the value once per precision.
    const rounded = new Map<number, string>();
    for (const [e, d] of slipEdits(t.entry.printed)) {
      let r = rounded.get(d);
      if (r === undefined) rounded.set(d, (r = roundToDecimals(v, d)));
      if (sameFixed(r, e.text)) {
        return { how: `the correct value ${e.text} printed with ${e.how}`, lastDigit: e.how === last };
      }
    }
  }
  return null;
}

/** Whether `other` is `quantity` at an earlier time of the worked steps (before an update). */
function earlierTime(quantity: string, other: string): boolean {
  const q = parseQuantity(quantity);
  const o = parseQuantity(other);
  if (!q.ok || !o.ok || q.name.time === null) return false;
  const same = (a: QuantityName, b: QuantityName) =>
    formatQuantity(withSuffix(a, a.sample, null)) === formatQuantity(withSuffix(b, b.sample, null));
  if (!same(q.name, o.name)) return false;
  const qt = q.name.time;
  const ot = o.name.time;
  if (ot === null) return true;
  return qt.at !== "final" && ot.at === qt.at && "n" in ot && ot.n < qt.n;
}

/**
 * Another quantity's value printed in this number's place: the same quantity before
 * the update (a value not brought up to date, which names what happened: a specific
 * reading, not an arbitrary one), a number the source printed for another quantity
 * (copied, ranked before the other arbitrary edits), or another quantity of the same
 * step as this world prints it.
 */
export function otherQuantity(w: World, t: Target, scope: Scope): Found | null {
  const d = printedDecimals(t.entry.printed);
  const wanted = new Decimal(t.entry.printed);
  const reads = (v: Decimal | undefined) => reproduces(v, t.entry.printed);
  const timed = t.entry.quantity.includes("@");
  for (const name of timed ? w.step.names : []) {
    if (earlierTime(t.entry.quantity, name) && reads(w.exact(name))) {
      return { how: `the value of ${scope.describe(name)}, before the update`, specific: true };
    }
  }
  for (const e of t.printed) {
    if (e.index > t.entry.index || e.quantity === t.entry.quantity) continue;
    if (printedDecimals(e.printed) !== d || !e.value.eq(wanted)) continue;
    return {
      how: `${e.printed}, the value printed for ${scope.describe(e.quantity)} at line ${e.line}`,
      copied: true,
    };
  }
  for (const name of w.step.names) {
    if (name !== t.entry.quantity && reads(w.exact(name)))
      return { how: `the value of ${scope.describe(name)}` };
  }
  return null;
}

/**
 * Another formula for a loss value, from the outputs and targets of the step (one
 * sample): the square root of each error instead of its square, ½Σ√|y−ŷ|, and the square
 * root of the loss. Only for the quantity `loss` of a single-sample step.
 */
export function lossFormulaValue(w: World, t: Target): Found | null {
  if (t.entry.quantity !== "loss") return null;
  const spec = w.spec;
  if (spec.training.batch === "full-batch" && spec.data.length > 1) return null;
  const last = spec.network.layers.length - 1;
  const y = spec.data[0]!.y;
  const errors = y.map((yk, k) => new Decimal(yk).minus(w.exact(`a[${last}][${k}]`)!).abs());
  const D = Decimal.clone({ precision: 60 });
  const halfRootSum = errors.reduce((s, e) => s.plus(D.sqrt(e)), new D(0)).div(2);
  const candidates: [Decimal, string][] = [
    [halfRootSum, "the loss ½Σ√|y−ŷ| (a square root instead of a square)"],
    [D.sqrt(w.exact("loss")!), "the square root of the loss"],
  ];
  for (const [v, how] of candidates) if (matchesPrinted(v, t.entry.printed)) return { how };
  return null;
}

/** Fewest terms a sum must have for one of them alone to be a reading of it. */
const MIN_SUM_TERMS = 2;

/**
 * A sum written with one of its products only: the quantity is a sum of several terms (a
 * dot product such as W[l]ᵀ·δ, a pre-activation's products) and the printed value is
 * one of its products, as when a hand calculation stops after the first one. A term that
 * is no product (a bias) is no reading, nor is a product of zero (it reads any printed
 * zero), nor a printed value of fewer than 2 significant digits (it reads too much).
 */
export function oneTermOfSum(w: World, t: Target, scope: Scope): Found | null {
  const { tape, producer } = w.step;
  const r = w.reading(t.entry.quantity);
  const target = producer.get(r.quantity) ?? -1;
  if (target < 0 || tape.ops[target]!.kind !== "add") return null;
  if (significantDigits(t.entry.printed) < MIN_SLIP_DIGITS) return null;
  const nameOf = new Map<number, string>();
  for (const [name, op] of producer) if (op >= 0 && !nameOf.has(op)) nameOf.set(op, name);
  // The leaves of the tree of additions that computes the quantity (partial sums are unnamed).
  const terms: number[] = [];
  const collect = (op: number) => {
    for (const operand of tape.ops[op]!.operands) {
      if (operand < 0) continue;
      if (tape.ops[operand]!.kind === "add" && !nameOf.has(operand)) collect(operand);
      else terms.push(operand);
    }
  };
  collect(target);
  if (terms.length < MIN_SUM_TERMS) return null;
  for (const [k, op] of terms.entries()) {
    const v = tape.ops[op]!.value.times(r.scale);
    if (tape.ops[op]!.kind !== "mul" || v.isZero() || !matchesPrinted(v, t.entry.printed)) continue;
    const named = nameOf.get(op);
    const factors = tape.ops[op]!.operands.map((o) => (o >= 0 ? nameOf.get(o) : undefined));
    const what =
      named !== undefined
        ? scope.describe(named)
        : factors.every((f) => f !== undefined)
          ? factors.map((f) => scope.describe(f!)).join("·")
          : `term ${k + 1}`;
    return {
      how: `the sum written with one of its ${terms.length} terms only: the product ${what} = ${v.toSignificantDigits(6).toString()}`,
    };
  }
  return null;
}

/**
 * The printed value is the world's value with its sign flipped (δ and gradients are left
 * to their sign conventions, which name the flip more precisely).
 */
export function flippedSign(w: World, t: Target): Found | null {
  if (signConvention(t.entry.quantity) !== null) return null;
  const v = w.exact(t.entry.quantity);
  if (v === undefined || v.isZero() || !matchesPrinted(v.neg(), t.entry.printed)) return null;
  return { how: "the opposite sign" };
}

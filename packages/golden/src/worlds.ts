import { kindOf, mustParse, type ProblemSpec } from "@bpcheck/core";
import Decimal from "decimal.js";
import type { Departure, Reading } from "./departures.ts";
import { cutTo, matchesPrinted, roundToSignificant } from "./printed-decimal.ts";
import { exactField, recordStep, roundedQuantities, type RecordedStep } from "./reference-derivation.ts";
import { ancestors, evaluateOne, lazyEvaluation, type Replacements } from "./tape-field.ts";

/**
 * A world: the case as declared with a set of departures (at most one per family), the
 * engine's first step in it, and the ways a hand calculation in it may have rounded —
 * each evaluated once for every quantity of the step and cached, so that explaining
 * many printed numbers costs a fixed number of evaluations per world.
 */

/**
 * A rounding habit: every value the author writes down kept to some digits, or, for an
 * author who cuts digits instead of rounding (e^(−1.9) = 0.14956… written 0.149), every
 * value truncated toward zero at the digits it is printed with.
 */
export interface Habit {
  readonly key: string;
  /** "every intermediate value kept to 2 decimals" */
  readonly how: string;
  /** The value as the author keeps it for later use. */
  readonly round: (v: Decimal) => Decimal;
  /** Whether a value the author computed is written as the printed number (rounded half up, or cut). */
  readonly reads: (v: Decimal, printed: string) => boolean;
}

/**
 * v to d decimals, but to at least 2 significant digits: an author keeping 2 decimals
 * writes 0.0034, not 0.00.
 */
function toDecimalsKeepingTwoDigits(v: Decimal, d: number): Decimal {
  if (v.isZero()) return v;
  return v.toDecimalPlaces(Math.max(d, 1 - v.e), Decimal.ROUND_HALF_UP);
}

/** Decimals and significant digits a hand calculation is modelled to keep for every value it writes down. */
export const HABIT_DECIMALS = [2, 3, 4, 5, 6] as const;
export const HABIT_DIGITS = [2, 3, 4, 5] as const;

/**
 * Truncation: the value computed in full and cut at the printed digits. What is cut is
 * what is printed, so the printed numbers reused as operands carry the cut values into
 * later lines; the unprinted intermediates are kept in full. (Cutting every intermediate
 * at d digits as well would match by chance a wide band of values below the exact one.)
 */
export const TRUNCATION: Habit = {
  key: "truncated",
  how: "every value truncated (cut, not rounded) at its printed digits",
  round: (v) => v,
  reads: cutTo,
};

/** The rounding habits, then truncation (ties of the inference go to the first). */
export const HABITS: readonly Habit[] = [
  ...HABIT_DECIMALS.map((d) => ({
    key: `decimals:${d}`,
    how: `every intermediate value kept to ${d} decimals`,
    round: (v: Decimal) => toDecimalsKeepingTwoDigits(v, d),
    reads: matchesPrinted,
  })),
  ...HABIT_DIGITS.map((k) => ({
    key: `digits:${k}`,
    how: `every intermediate value kept to ${k} significant digits`,
    round: (v: Decimal) => roundToSignificant(v, k),
    reads: matchesPrinted,
  })),
  TRUNCATION,
];

/** Significant digits a hand calculation is modelled to keep at every operation. */
export const HAND_DIGITS = [2, 3, 4, 5, 6, 7, 8] as const;

/** A number the source printed, as the explanations see it. */
export interface PrintedEntry {
  /** Position in the case's published list. */
  readonly index: number;
  readonly quantity: string;
  readonly printed: string;
  readonly value: Decimal;
  readonly line: number;
}

/** A value of every quantity of the step, read as the source would print it (undefined: not in the step). */
export type Values = (quantity: string) => Decimal | undefined;

export class World {
  readonly key: string;
  readonly spec: ProblemSpec;
  private recorded: RecordedStep | null = null;
  private readonly passes = new Map<string, Values>();
  private readonly readings = new Map<string, Reading>();
  private readonly exactValues = new Map<string, Decimal | undefined>();
  private readonly results = new Map<string, ReadonlyMap<number, Decimal>>();
  private readonly placedAt = new Map<number, readonly [number, Decimal] | null>();
  private namedOps: Set<number> | null = null;
  private keptOps: Set<number> | null = null;

  private readonly variants = new Map<string, World>();

  constructor(
    readonly departures: readonly Departure[],
    private readonly declared: ProblemSpec,
    private readonly printed: readonly PrintedEntry[],
  ) {
    this.key = departures.map((d) => d.key).join(" + ");
    this.spec = departures.reduce((s, d) => d.respec?.(s) ?? s, declared);
  }

  /**
   * This world with one more reading applied last (the givens stored in binary32, say):
   * a rounding tried in this world, not a departure of the source's, so it is kept here
   * rather than among the case's worlds.
   */
  variant(d: Departure): World {
    let w = this.variants.get(d.key);
    if (w === undefined)
      this.variants.set(d.key, (w = new World([...this.departures, d], this.declared, this.printed)));
    return w;
  }

  /** The engine's step in this world, recorded for re-evaluation. */
  get step(): RecordedStep {
    return (this.recorded ??= cached(recordings, JSON.stringify(this.spec), () => recordStep(this.spec)));
  }

  /** How the printed number of `quantity` is read in this world. */
  reading(quantity: string): Reading {
    let r = this.readings.get(quantity);
    if (r === undefined) this.readings.set(quantity, (r = this.read(quantity)));
    return r;
  }

  private read(quantity: string): Reading {
    // "-delta[1][0]": the negative of a quantity, as a declared sign convention prints it.
    let r: Reading = quantity.startsWith("-")
      ? { quantity: quantity.slice(1), scale: new Decimal(-1) }
      : { quantity, scale: new Decimal(1) };
    for (const d of this.departures) {
      const next = d.view?.(r.scale.isNeg() ? `-${r.quantity}` : r.quantity);
      if (next != null) {
        r = next.quantity.startsWith("-")
          ? { quantity: next.quantity.slice(1), scale: next.scale.neg() }
          : { quantity: next.quantity, scale: next.scale };
      }
    }
    return r;
  }

  /** The exact value of a quantity as this world prints it. */
  exact(quantity: string): Decimal | undefined {
    if (this.exactValues.has(quantity)) return this.exactValues.get(quantity);
    const r = this.reading(quantity);
    const v = this.step.values.get(r.quantity);
    const value = v === undefined ? undefined : scaled(v, r.scale);
    this.exactValues.set(quantity, value);
    return value;
  }

  /**
   * Whether an author with this habit writes the value `v` of `quantity` as `printed`: a
   * computed value as the habit writes it (rounded, or cut); a given of the case (an
   * input, a parameter, a target) is copied, not computed, so only rounded, as read.
   */
  writes(quantity: string, v: Decimal | undefined, printed: string, habit?: Habit | null): boolean {
    if (v === undefined) return false;
    if (habit == null) return matchesPrinted(v, printed);
    const op = this.step.producer.get(this.reading(quantity).quantity);
    return op !== undefined && this.named.has(op) ? habit.reads(v, printed) : matchesPrinted(v, printed);
  }

  /** Whether this world reads `quantity` or computes it differently from `other`. */
  differsFrom(other: World, quantity: string): boolean {
    const a = this.exact(quantity);
    const b = other.exact(quantity);
    return a === undefined || b === undefined || !a.eq(b);
  }

  /** The producing operations of computed quantities (the values an author writes down). */
  private get named(): Set<number> {
    if (this.namedOps === null) {
      const { producer, tape } = this.step;
      this.namedOps = new Set(
        [...producer.values()].filter((op) => op >= 0 && tape.ops[op]!.operands.length > 0),
      );
    }
    return this.namedOps;
  }

  /**
   * The operations a rounding habit rounds: those of the values an author writes down. A
   * part of a computation (a product inside a sum, the step α·dW inside an update, an
   * exponential inside a softmax) is written down only where the source prints it; else
   * it stays inside one line's arithmetic (−0.1·0.196 = −0.0196, not −0.020).
   */
  private get kept(): Set<number> {
    if (this.keptOps === null) {
      const printed = new Set(this.printed.map((e) => this.reading(e.quantity).quantity));
      const whole = new Set<number>();
      for (const [name, op] of this.step.producer) {
        if (this.named.has(op) && (printed.has(name) || !kindOf(mustParse(name)).part)) whole.add(op);
      }
      this.keptOps = whole;
    }
    return this.keptOps;
  }

  /**
   * The step re-evaluated with the source's printed numbers in place of their
   * quantities (each read back through this world) and/or every computed quantity
   * rounded by a habit (`skip`: indices of printed numbers left out); evaluated once for
   * every quantity and cached. A quantity is read as computed from the replaced and
   * rounded values, before its own replacement or rounding (an author may write a product
   * of rounded numbers in full).
   */
  pass(options: { printed: boolean; habit?: Habit; skip?: ReadonlySet<number> }): Values {
    const skip = options.skip === undefined ? "" : [...options.skip].sort((a, b) => a - b).join(",");
    const key = `${options.printed ? "printed" : ""}|${options.habit?.key ?? ""}|${skip}`;
    let values = this.passes.get(key);
    if (values === undefined) {
      values = this.evaluate(options);
      this.passes.set(key, values);
    }
    return values;
  }

  /** One quantity as `pass` computes it, with some printed numbers left out (`skip`: their indices). */
  valueFor(quantity: string, options: { printed: boolean; habit?: Habit; skip: ReadonlySet<number> }) {
    const r = this.reading(quantity);
    const op = this.step.producer.get(r.quantity);
    if (op === undefined || op < 0) return this.exact(quantity);
    const only = ancestors(this.step.tape, op);
    const v = evaluateOne(exactField, this.step.tape, this.replacements(options), only, op)?.computed;
    return v === undefined ? undefined : scaled(v, r.scale);
  }

  private evaluate(options: { printed: boolean; habit?: Habit; skip?: ReadonlySet<number> }): Values {
    const { producer, tape } = this.step;
    // Each quantity computed when it is first read (most of the step is never read when printed numbers stand in for it).
    const computed = lazyEvaluation(exactField, tape, this.replacements(options));
    const read = new Map<string, Decimal | undefined>();
    return (q) => {
      if (read.has(q)) return read.get(q);
      const r = this.reading(q);
      const op = producer.get(r.quantity);
      const v = op === undefined ? undefined : op < 0 ? this.step.values.get(r.quantity) : computed?.(op);
      const value = v === undefined ? undefined : scaled(v, r.scale);
      read.set(q, value);
      return value;
    };
  }

  /** The printed numbers in place of their quantities (`skip`: those left out), and the habit's rounding. */
  private replacements(options: {
    printed: boolean;
    habit?: Habit;
    skip?: ReadonlySet<number>;
  }): Replacements {
    const habit = options.habit;
    const kept = this.kept;
    return {
      results: options.printed ? this.printedResults(options.skip) : new Map(),
      ...(habit === undefined
        ? {}
        : { rounding: (op: number, v: Decimal) => (kept.has(op) ? habit.round(v) : v) }),
    };
  }

  /** The printed numbers (but those of `skip`) by the operation they stand in for, once per set left out. */
  private printedResults(skip: ReadonlySet<number> | undefined): ReadonlyMap<number, Decimal> {
    const key = skip === undefined ? "" : [...skip].sort((a, b) => a - b).join(",");
    let results = this.results.get(key);
    if (results === undefined) {
      const placed = new Map<number, Decimal>();
      const seen = new Set<string>();
      for (const e of this.printed) {
        if (seen.has(e.quantity) || skip?.has(e.index)) continue;
        seen.add(e.quantity);
        // Inputs too: a parameter printed otherwise than declared is carried into what uses it.
        const p = this.placed(e);
        if (p !== null) placed.set(p[0], p[1]);
      }
      this.results.set(key, (results = placed));
    }
    return results;
  }

  /** The producing operation of a printed number's quantity in this world, and the number read as its value there (null: none). */
  placed(e: PrintedEntry): readonly [number, Decimal] | null {
    let p = this.placedAt.get(e.index);
    if (p === undefined) {
      const r = this.reading(e.quantity);
      const op = this.step.producer.get(r.quantity);
      p = op === undefined || op < 0 ? null : [op, e.value.div(r.scale)];
      this.placedAt.set(e.index, p);
    }
    return p;
  }

  /** The step with every operation rounded to k significant digits (a hand calculation keeping k digits). */
  hand(k: number): Values {
    const key = `hand|${k}`;
    let values = this.passes.get(key);
    if (values === undefined) {
      const rounded = cached(handSteps, `${k} ${JSON.stringify(this.spec)}`, () =>
        roundedQuantities(this.spec, k),
      );
      values = (q) => {
        const r = this.reading(q);
        const v = rounded.get(r.quantity);
        return v === undefined ? undefined : scaled(v, r.scale);
      };
      this.passes.set(key, values);
    }
    return values;
  }
}

/**
 * v × scale, rounded to v's precision: a reading's scale is ±1, and v × ±1 is v or −v
 * when v has no more digits than its precision (then nothing is rounded), without a
 * multiplication.
 */
function scaled(v: Decimal, scale: Decimal): Decimal {
  const fits = v.sd() <= (v.constructor as Decimal.Constructor).precision;
  if (fits && scale.eq(ONE)) return v;
  if (fits && scale.eq(MINUS_ONE)) return v.neg();
  return v.times(scale);
}
const ONE = new Decimal(1);
const MINUS_ONE = new Decimal(-1);

/** Recorded steps of recent problems, shared by every classification (they do not depend on what was printed). */
const recordings = new Map<string, RecordedStep>();
const handSteps = new Map<string, ReadonlyMap<string, Decimal>>();
/** Recorded steps kept (each a tape of the whole step) and hand-rounded steps kept (small maps). */
const MAX_RECORDINGS = 128;
const MAX_HAND_STEPS = 2048;

function cached<V>(cache: Map<string, V>, key: string, make: () => V): V {
  let v = cache.get(key);
  if (v === undefined) {
    v = make();
    if (cache.size >= (cache === recordings ? MAX_RECORDINGS : MAX_HAND_STEPS)) {
      cache.delete(cache.keys().next().value!);
    }
    cache.set(key, v);
  }
  return v;
}

/** The worlds of one case, built on demand and kept for its classification. */
export class Worlds {
  private readonly cache = new Map<string, World>();
  readonly declared: World;

  constructor(
    private readonly spec: ProblemSpec,
    private readonly printed: readonly PrintedEntry[],
  ) {
    this.declared = this.of([]);
  }

  /** The world with these departures (order does not matter). */
  of(departures: readonly Departure[]): World {
    const sorted = [...departures].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const key = sorted.map((d) => d.key).join(" + ");
    let w = this.cache.get(key);
    if (w === undefined) this.cache.set(key, (w = new World(sorted, this.spec, this.printed)));
    return w;
  }

  /** `base` with `d` added, replacing the member of its family if there is one. */
  with(base: World, d: Departure): World {
    return this.of([...base.departures.filter((x) => x.family !== d.family), d]);
  }
}

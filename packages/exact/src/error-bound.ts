import Decimal from "decimal.js";

/**
 * Upper bounds on absolute errors: the radius of a ball (`ball-field.ts`), in the style of
 * Arb's `mag_t`. A bound is m · 10^e with a double m in [1, 2·10^16) (or m = 0: no error,
 * or m = +∞: nothing known) and an integer exponent e, so it can bound errors far below
 * the smallest double (a 50-digit rounding error of e^−350000 is about 10^−152054).
 *
 * Soundness. Every function returns a bound that is at least the exact result of the
 * operation on its arguments. Each double operation rounds to nearest, so its result is
 * at least (exact)·(1 − u) with u = 2^−53, as long as it stays in the normal range,
 * which the invariant on m guarantees (every m and every intermediate lies between
 * 10^−33 and 10^33). A chain of at most three such roundings followed by `up` (a
 * multiplication by 1 + 2^−49, itself rounded) gives at least
 * (exact)·(1 − u)^4·(1 + 2^−49) ≥ (exact)·(1 − 2^−51)·(1 + 2^−49) > exact.
 * Every function below applies `up` after at most three roundings.
 */
export interface ErrorBound {
  readonly m: number;
  readonly e: number;
}

const INFLATE = 1 + 2 ** -49;
const SPLIT = 1e16;
/** 10^0 … 10^16, each exact (read from its decimal literal). */
const POW10 = Array.from({ length: 17 }, (_, k) => Number(`1e${k}`));

/** x·(1 + 2^−49) rounded: see the soundness note. */
function up(x: number): number {
  return x * INFLATE;
}

/** Brings m into [1, 2·10^16) by exact powers of ten (10^16 is a double), rounding up. */
function normal(m: number, e: number): ErrorBound {
  if (m === 0 || m === Infinity) return { m, e: 0 };
  while (m >= SPLIT) {
    m = up(m / SPLIT);
    e += 16;
  }
  while (m < 1) {
    m = up(m * SPLIT);
    e -= 16;
  }
  return { m, e };
}

export const ZERO_BOUND: ErrorBound = { m: 0, e: 0 };
export const UNBOUNDED: ErrorBound = { m: Infinity, e: 0 };

export function isUnbounded(b: ErrorBound): boolean {
  return b.m === Infinity;
}

/** The bound m·10^e for a double m ≥ 0 that is exact (an integer below 2^53, say). */
export function bound(m: number, e: number): ErrorBound {
  return normal(m, e);
}

export function addBounds(a: ErrorBound, b: ErrorBound): ErrorBound {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  if (a.m === Infinity || b.m === Infinity) return UNBOUNDED;
  if (a.e < b.e) [a, b] = [b, a];
  const d = a.e - b.e;
  // b.m·10^−d < 2·10^16·10^−33 < a.m·2^−52 when d > 32: covered by up's margin alone.
  if (d > 32) return { m: up(a.m), e: a.e };
  // Two divisions by exact powers of ten and the addition: three roundings.
  const scaled = d > 16 ? b.m / SPLIT / POW10[d - 16]! : b.m / POW10[d]!;
  return normal(up(a.m + scaled), a.e);
}

export function mulBounds(a: ErrorBound, b: ErrorBound): ErrorBound {
  if (a.m === 0 || b.m === 0) return ZERO_BOUND;
  if (a.m === Infinity || b.m === Infinity) return UNBOUNDED;
  return normal(up(a.m * b.m), a.e + b.e);
}

/** An upper bound on 1/b (b > 0). */
export function reciprocalBound(b: ErrorBound): ErrorBound {
  if (b.m === 0) return UNBOUNDED;
  if (b.m === Infinity) return ZERO_BOUND;
  return normal(up(1 / b.m), -b.e);
}

/** Whether a ≤ b is certain (bounds are compared through their upper values, conservatively false when close). */
export function boundBelow(a: ErrorBound, b: ErrorBound): boolean {
  if (a.m === 0) return true;
  if (b.m === Infinity) return a.m !== Infinity;
  if (a.m === Infinity || b.m === 0) return false;
  // m ∈ [1, 2·10^16): compare a.m·10^(a.e − b.e) with b.m, leaving a margin of 2^−40.
  const d = a.e - b.e;
  if (d > 40) return false;
  if (d < -40) return true;
  return a.m * 10 ** d * (1 + 2 ** -40) <= b.m;
}

/** The bound as a double, rounded up (+∞ beyond the double range); for choosing cheap tests only. */
export function boundToNumber(b: ErrorBound): number {
  if (b.m === 0) return 0;
  return up(b.m * 10 ** b.e);
}

/**
 * Upper and lower bounds on |x| for a finite Decimal, from its two leading base-10^7
 * limbs (decimal.js's layout: limb i weighs 10^(7(⌊e/7⌋ − i)); see fast-arithmetic.ts).
 * Both are exact integers times a power of ten, so no rounding is involved.
 */
export function magnitudeBounds(x: Decimal): { upper: ErrorBound; lower: ErrorBound } {
  const d = (x as unknown as { d: number[] | null }).d;
  if (d === null || d.length === 0 || d[0] === 0) {
    return x.isZero() ? { upper: ZERO_BOUND, lower: ZERO_BOUND } : { upper: UNBOUNDED, lower: ZERO_BOUND };
  }
  const top = 7 * Math.floor(x.e / 7);
  if (d.length === 1) {
    const b = bound(d[0]!, top);
    return { upper: b, lower: b };
  }
  const lead = d[0]! * 1e7 + d[1]!;
  const lower = bound(lead, top - 7);
  return { upper: d.length > 2 ? bound(lead + 1, top - 7) : lower, lower };
}

/**
 * An upper bound on e^−y for a double y ≥ 0, from its base-10 logarithm with a margin
 * far above the error of Math.log10 and of the few double operations (relative 2^−40 of
 * the exponent plus 10^−6): e^−y = 10^(−y·log10 e).
 */
export function expNegBound(y: number): ErrorBound {
  if (!(y >= 0)) return bound(1, 0);
  const log10 = -y * Math.LOG10E;
  const upper = log10 + Math.abs(log10) * 2 ** -40 + 1e-6;
  const e = Math.floor(upper);
  return normal(up(10 ** (upper - e) * (1 + 1e-6)), e);
}

/**
 * The bound as an exact Decimal at least as large (a double's shortest decimal string is
 * within half an ulp of it, which `up` covers), in the given constructor.
 */
export function boundToDecimal(D: Decimal.Constructor, b: ErrorBound): Decimal {
  if (b.m === 0) return new D(0);
  if (b.m === Infinity) return new D(Infinity);
  return new D(`${up(b.m)}e${b.e}`);
}

/**
 * Upper bounds on absolute errors with a binary exponent: the radius of a ball
 * (`ball-field.ts`), in the style of Arb's `mag_t`. A bound is m · 2^e with a double m in
 * [1, 2) (or m = 0: no error, or m = +∞: nothing known) and an integer exponent e, so it
 * bounds errors far below the smallest double (the rounding error of e^−350000 at 56
 * digits is about 2^−505300).
 *
 * Soundness. Every function returns a bound that is at least the exact result of the
 * operation on its arguments. Scaling by a power of two is exact for doubles in the normal
 * range, and every m, every scaled operand (at least 2^−64) and every intermediate stays
 * there. Each other double operation rounds to nearest, so its result is at least
 * (exact)·(1 − u) with u = 2^−53; a chain of at most three such roundings followed by `up`
 * (a multiplication by 1 + 2^−49, itself rounded) gives at least
 * (exact)·(1 − u)^4·(1 + 2^−49) ≥ (exact)·(1 − 2^−51)·(1 + 2^−49) > exact.
 */
export interface Mag {
  readonly m: number;
  readonly e: number;
}

const INFLATE = 1 + 2 ** -49;
/** 2^−k for k = 0 … 1074, each exact (halving a power of two is exact down to the smallest subnormal). */
const INVERSE_POWERS = (() => {
  const t = [1];
  for (let k = 1; k <= 1074; k++) t.push(t[k - 1]! / 2);
  return t;
})();

/** x·2^−k for 0 ≤ k ≤ 1074, exact when the result is normal. */
export function scaleDown(x: number, k: number): number {
  return k <= 1022 ? x * INVERSE_POWERS[k]! : x * INVERSE_POWERS[1022]! * INVERSE_POWERS[k - 1022]!;
}

/** x·(1 + 2^−49) rounded: see the soundness note. */
function up(x: number): number {
  return x * INFLATE;
}

/** Brings m > 0 (between 2^−1000 and 2^1000) into [1, 2) by exact scalings by powers of two. */
function normal(m: number, e: number): Mag {
  if (m >= 4 || m < 1) {
    // log2 may be off by one near a power of two; the loops below finish the job.
    const k = Math.floor(Math.log2(m));
    m *= 2 ** -k;
    e += k;
  }
  while (m >= 2) {
    m /= 2;
    e++;
  }
  while (m < 1) {
    m *= 2;
    e--;
  }
  return { m, e };
}

export const MAG_ZERO: Mag = { m: 0, e: 0 };
export const MAG_INFINITE: Mag = { m: Infinity, e: 0 };

export function isInfiniteMag(b: Mag): boolean {
  return b.m === Infinity;
}

/** The bound 2^e, exactly. */
export function magPow2(e: number): Mag {
  return { m: 1, e };
}

/**
 * A bound at least x·2^e for a double x ≥ 0 (rounded up by `up`, so x may itself carry one
 * rounding to nearest); +∞ for x = +∞ or NaN.
 */
export function magOf(x: number, e = 0): Mag {
  if (x === 0) return MAG_ZERO;
  if (!(x < Infinity)) return MAG_INFINITE;
  // Normalising a subnormal or huge double first keeps every step in the normal range.
  let k = 0;
  if (x < 2 ** -900) {
    x *= 2 ** 900;
    k = -900;
  } else if (x > 2 ** 900) {
    x /= 2 ** 900;
    k = 900;
  }
  return normal(up(x), e + k);
}

export function magAdd(a: Mag, b: Mag): Mag {
  if (a.m === 0) return b;
  if (b.m === 0) return a;
  if (a.m === Infinity || b.m === Infinity) return MAG_INFINITE;
  if (a.e < b.e) [a, b] = [b, a];
  const d = a.e - b.e;
  // b < 2^(b.e + 1) ≤ 2^(a.e − 62): far inside up's margin (about 2^−50 of a) alone.
  if (d > 63) return normal(up(a.m), a.e);
  return normal(up(a.m + scaleDown(b.m, d)), a.e);
}

export function magMul(a: Mag, b: Mag): Mag {
  if (a.m === 0 || b.m === 0) return MAG_ZERO;
  if (a.m === Infinity || b.m === Infinity) return MAG_INFINITE;
  return normal(up(a.m * b.m), a.e + b.e);
}

/** An upper bound on 1/b (b > 0). */
export function magReciprocal(b: Mag): Mag {
  if (b.m === 0) return MAG_INFINITE;
  if (b.m === Infinity) return MAG_ZERO;
  // 0 − e, not −e: −0 is not a small integer to V8, and one −0 stored as an exponent would
  // make every bound's exponent a boxed double (see `specialDyadic` in dyadic.ts).
  return normal(up(1 / b.m), 0 - b.e);
}

/** Whether a ≤ b is certain (a margin of 2^−40: conservatively false when close). */
export function magBelow(a: Mag, b: Mag): boolean {
  if (a.m === 0) return true;
  if (b.m === Infinity) return a.m !== Infinity;
  if (a.m === Infinity || b.m === 0) return false;
  const d = a.e - b.e;
  if (d > 1) return false;
  if (d < -1) return true;
  return a.m * 2 ** d * (1 + 2 ** -40) <= b.m;
}

/**
 * A lower bound on y·2^e from a double x ≥ y·(1 − 2^−53) (one rounding to nearest of y, in
 * the normal range): x·(1 − 2^−49), rounded, is below y.
 */
export function magOfBelow(x: number, e = 0): Mag {
  return x === 0 ? MAG_ZERO : normal(x * (1 - 2 ** -49), e);
}

/** The bound as a double, rounded up (+∞ beyond the double range); for choosing cheap tests only. */
export function magToNumber(b: Mag): number {
  if (b.m === 0) return 0;
  if (b.m === Infinity) return Infinity;
  return up(b.m * 2 ** b.e);
}

/**
 * An upper bound on e^−y for a double y ≥ 0, as 2^(−y·log2 e) with a margin far above the
 * error of the few double operations (relative 2^−40 of the exponent plus 2^−20).
 */
export function magExpNeg(y: number): Mag {
  if (!(y >= 0)) return magPow2(0);
  const log2 = -y * Math.LOG2E;
  const upper = log2 + Math.abs(log2) * 2 ** -40 + 2 ** -20;
  const e = Math.floor(upper);
  return normal(up(2 ** (upper - e) * (1 + 2 ** -20)), e);
}

/**
 * An upper bound on 10^−k for an integer k ≥ 1: 2^−⌊k·log2 10⌋ + 1, so that the double
 * product (within a relative 2^−52 of the exact one) can only lower the floor by one.
 */
export function magPow10Below(k: number): Mag {
  return magPow2(1 - Math.floor(k * Math.log2(10)));
}

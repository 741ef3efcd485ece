import { bitLength, pow10 } from "./dyadic.ts";

/**
 * A positive number X · 2^twos · 10^tens, held exactly: the end of an interval, read from
 * a binary ball (tens = 0) or from a decimal (twos = 0).
 */
export interface ScaledEnd {
  readonly X: bigint;
  readonly twos: number;
  readonly tens: number;
}

/** A number rounded to k significant digits: n · 10^s, n a BigInt with k digits (or 10^k after a carry). */
export interface RoundedDecimal {
  readonly n: bigint;
  readonly s: number;
}

const LOG10_2 = Math.log10(2);

/** log10 of X · 2^twos · 10^tens, as a double (within about 10^−12 of it for any X). */
function log10Of(end: ScaledEnd): number {
  const bits = bitLength(end.X);
  const dropped = Math.max(0, bits - 60);
  const top = Number(dropped === 0 ? end.X : end.X >> BigInt(dropped));
  return Math.log10(top) + (dropped + end.twos) * LOG10_2 + end.tens;
}

/** X · 2^twos · 10^tens / 10^s as the fraction num/den of two BigInts. */
function over(end: ScaledEnd, s: number): [num: bigint, den: bigint] {
  let num = end.X;
  let den = 1n;
  if (end.twos >= 0) num <<= BigInt(end.twos);
  else den <<= BigInt(-end.twos);
  const t = end.tens - s;
  if (t >= 0) num *= pow10(t);
  else den *= pow10(-t);
  return [num, den];
}

/**
 * ⌊log10 x⌋, exactly. The double estimate errs by under 10^−9 (for exponents up to a few
 * million), so its floor is exact unless it lies within 10^−6 of an integer; there x is
 * compared with powers of ten.
 */
function decimalExponent(end: ScaledEnd): number {
  const estimate = log10Of(end);
  let d = Math.floor(estimate);
  if (estimate - d > 1e-6 && estimate - d < 1 - 1e-6) return d;
  for (;;) {
    const [num, den] = over(end, d);
    if (num < den) d--;
    else if (num >= 10n * den) d++;
    else return d;
  }
}

/** x rounded half to even to the unit 10^s. */
function roundAt(end: ScaledEnd, s: number): RoundedDecimal {
  const t = end.tens - s;
  if (end.twos < 0 && t >= 0) {
    // A binary end over 10^s is X·10^t / 2^k: the quotient is a shift and the rest its low
    // k bits (a BigInt division by 2^k costs as much as one by any number of its length).
    const k = BigInt(-end.twos);
    const num = end.X * pow10(t);
    let n = num >> k;
    const rest = BigInt.asUintN(-end.twos, num);
    const half = 1n << (k - 1n);
    if (rest > half || (rest === half && (n & 1n) === 1n)) n++;
    return { n, s };
  }
  const [num, den] = over(end, s);
  let n = num / den;
  const twiceRest = 2n * (num - n * den);
  if (twiceRest > den || (twiceRest === den && (n & 1n) === 1n)) n++;
  return { n, s };
}

function sameValue(a: RoundedDecimal, b: RoundedDecimal): boolean {
  if (a.s === b.s) return a.n === b.n;
  return a.s < b.s ? a.n === b.n * pow10(b.s - a.s) : a.n * pow10(a.s - b.s) === b.n;
}

/**
 * The largest k ≤ cap at which both ends of [lo, hi] (0 < lo ≤ hi, both with the same
 * twos and tens) round, half to even, to the same k significant digits, with that
 * rounding; null when they agree at no k. Rounding is monotone, so every number between
 * the ends rounds to it too.
 *
 * The numbers that round to one k-digit value fill a cell no wider than 10^(d − k + 1),
 * d = ⌊log10 hi⌋, so agreement needs hi − lo below it: k ≤ d − ⌊log10(hi − lo)⌋ + 1. The
 * scan starts there (with room for the double estimates' error) and goes down, since
 * agreement at k does not imply agreement at k − 1 (0.25 and 0.2500001 at one digit).
 */
export function roundedAlike(
  lo: ScaledEnd,
  hi: ScaledEnd,
  cap: number,
): (RoundedDecimal & { digits: number }) | null {
  const dLo = decimalExponent(lo);
  const width = hi.X - lo.X;
  if (width === 0n) return { ...roundAt(lo, dLo - cap + 1), digits: cap };
  const dHi = decimalExponent(hi);
  const widest = dHi - Math.floor(log10Of({ ...hi, X: width })) + 3;
  for (let k = Math.min(cap, Math.max(1, widest)); k >= 1; k--) {
    const a = roundAt(lo, dLo - k + 1);
    if (sameValue(a, roundAt(hi, dHi - k + 1))) return { ...a, digits: k };
  }
  return null;
}

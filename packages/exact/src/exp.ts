import Decimal from "decimal.js";

/** Arguments beyond this magnitude (exp(±1000) ≈ 10^±434) go to decimal.js's own `exp`. */
const FAST_LIMIT = 1000;
/** Bits above the working scale for x and k·ln 2, so that |k| ≤ 1443 costs under one unit. */
const REDUCTION_BITS = 16;
/** Guard bits of the first attempt; each retry has four times as many (Ziv's strategy). */
const FIRST_GUARD = 24;
/** A result within 2^−24576 of a rounding boundary is left to decimal.js. */
const MAX_GUARD = 24 * 4 ** 5;

/**
 * e^x correctly rounded to the precision and rounding mode of x's constructor, so the
 * result equals decimal.js's `Decimal.exp(x)` (documented as always correctly rounded),
 * but computed in binary fixed point on BigInt, which is much faster at high precision:
 *
 *   x = k·ln 2 + r, |r| ≤ ½ ln 2;  e^x = 2^k · (e^(r/2^s))^(2^s),
 *
 * with e^(r/2^s) summed as a Taylor series and then squared s ≈ √bits times. Every step's
 * error is bounded, so the result is known to lie in an interval [lo, hi]; when lo and
 * hi round to the same value at the target precision, that value is the correctly
 * rounded e^x (rounding is monotonic). Otherwise the computation is repeated with more
 * guard bits (four times as many each time); only a value within 2^−24576 of a rounding
 * boundary would be left to decimal.js's `exp`. The result is thus deterministic and
 * identical on every platform.
 *
 * Domain: every Decimal. Special values as decimal.js: e^NaN = NaN, e^+∞ = +∞, e^−∞ = 0,
 * e^±0 = 1. Arguments with |x| > 1000 or |x| < 10^−(P+10) (P the precision in digits)
 * are handed to decimal.js directly (overflow handling, and 1 ± x at all precisions).
 */
export function exactExp(x: Decimal): Decimal {
  const D = x.constructor as Decimal.Constructor;
  if (!x.isFinite() || x.isZero() || x.abs().gt(FAST_LIMIT) || x.e < -(D.precision + 10)) {
    return D.exp(x);
  }
  for (let guard = FIRST_GUARD; guard <= MAX_GUARD; guard *= 4) {
    const result = expAttempt(D, x, guard);
    if (result !== null) return result;
  }
  return D.exp(x);
}

/**
 * One attempt with `guard` extra bits: the correctly rounded e^x, or null when the error
 * interval straddles a rounding boundary. Exported for tests of the retry path only.
 */
export function expAttempt(D: Decimal.Constructor, x: Decimal, guard: number): Decimal | null {
  const digits = D.precision;
  // wp: working bits, about P·log2(10) plus guard bits.
  const wp = Math.ceil(digits * Math.log2(10)) + guard;
  const S = wp + REDUCTION_BITS;
  const k = Math.round(x.toNumber() / Math.LN2);
  // |X − x·2^S| < 1 and |LN2 − ln2·2^S| < 2, so |R − r·2^wp| < (2|k| + 1)/2^16 + 1 < 2.
  const X = toFixed(x, S);
  const R = (X - BigInt(k) * ln2Fixed(S)) >> BigInt(REDUCTION_BITS);
  // The same integer R is r/2^s at scale Wk = wp + s, so the argument reduction is free.
  const s = Math.ceil(Math.sqrt(wp) / 2);
  const Wk = wp + s;
  const shift = BigInt(Wk);
  const one = 1n << shift;
  let sum = one;
  let term = one;
  let n = 0;
  // Each term is rounded twice (error < 2 units), and |r/2^s| < ½ halves the error
  // carried from the term before, so every term errs by under 4 units; the tail after
  // the first zero term is below 2 units.
  while (term !== 0n) {
    n++;
    term = ((term * R) >> shift) / BigInt(n);
    sum += term;
  }
  // Units of 2^−Wk: the sum errs by under 4n + 2 units, plus 3 from R's error of 2
  // (e^r' < 1.42), i.e. a relative error under (4n + 5)/0.7 < 5.8n + 7.2 units since every
  // intermediate is above e^−0.35 > 0.7. Each squaring doubles the relative error and
  // adds under 1.42 units of truncation, so after s squarings it is below
  // 2^s·(5.8n + 8.7) units (the squared error terms are far smaller), and with
  // Y < 1.42·2^Wk the absolute error is below 2^s·(8.3n + 12.4) < 2^s·(10n + 32).
  let Y = sum;
  for (let i = 0; i < s; i++) Y = (Y * Y) >> shift;
  const err = BigInt(10 * n + 32) << BigInt(s);
  // e^x ≈ Y · 2^(k − Wk); convert lo and hi to decimals with a few digits to spare.
  const e2 = k - Wk;
  const log10Value = (Y.toString(2).length - 1 + e2) * Math.log10(2);
  const d = digits + Math.ceil(guard * 0.3) + 2 - Math.floor(log10Value);
  const lo = toDecimal(D, Y - err, e2, d, 0n);
  const hi = toDecimal(D, Y + err, e2, d, 1n);
  return lo.eq(hi) ? lo : null;
}

/** ⌊x·2^S⌋ for a finite Decimal x (rounded toward zero). */
function toFixed(x: Decimal, S: number): bigint {
  // x = ±M·10^E with an integer M.
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const coefficient = mantissa.replace(".", "");
  const M = BigInt(coefficient);
  const E = Number(exponent) - (coefficient.replace("-", "").length - 1);
  if (E >= 0) return (M * 10n ** BigInt(E)) << BigInt(S);
  return (M << BigInt(S)) / 10n ** BigInt(-E);
}

/**
 * The decimal Y·2^e2 with its digits cut off d places after the point (plus `up` units
 * in the last of them, to bound from above), rounded to the constructor's precision.
 */
function toDecimal(D: Decimal.Constructor, Y: bigint, e2: number, d: number, up: bigint): Decimal {
  let num = Y;
  let den = 1n;
  if (e2 >= 0) num <<= BigInt(e2);
  else den <<= BigInt(-e2);
  if (d >= 0) num *= 10n ** BigInt(d);
  else den *= 10n ** BigInt(-d);
  return new D(`${num / den + up}e${-d}`).toSignificantDigits(D.precision, D.rounding);
}

const ln2Cache = new Map<number, bigint>();

/**
 * ln 2 · 2^S within two units: ln 2 = 2·atanh(1/3) = 2 Σ_k 1/((2k+1)·9^k·3), summed
 * with 16 extra bits (each truncated term errs by under two units of those, and there
 * are fewer than 2^14 terms for S below 40,000).
 */
export function ln2Fixed(S: number): bigint {
  const cached = ln2Cache.get(S);
  if (cached !== undefined) return cached;
  const scale = BigInt(S + 16);
  let power = (2n << scale) / 3n;
  let sum = 0n;
  for (let k = 1n; power !== 0n; k += 2n) {
    sum += power / k;
    power /= 9n;
  }
  const value = sum >> 16n;
  ln2Cache.set(S, value);
  return value;
}

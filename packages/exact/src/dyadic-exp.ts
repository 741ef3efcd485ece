import { MAG_INFINITE, MAG_ZERO, magAdd, magOf, magPow2 } from "./binary-bound.ts";
import {
  DYADIC_NAN,
  DYADIC_ZERO,
  OVERFLOW,
  bitLength,
  dyadicFromInt,
  dyadicToNumber,
  isFiniteDyadic,
  normalize,
  type Dyadic,
  type Rounded,
} from "./dyadic.ts";
import { ln2Fixed } from "./exp.ts";

/** BigInt(n) for the Taylor series' divisors. */
const SMALL = Array.from({ length: 512 }, (_, n) => BigInt(n));

/** |x| beyond which e^x overflows (+∞) or is taken as 0 within 2^−(2^44·log2 e): exponents stay safe integers. */
const EXP_LIMIT = 2 ** 44;

/**
 * e^x rounded to p bits with a proven bound on its error (not correctly rounded: a ball
 * needs a bound, not the nearest value, so there is no Ziv loop), in binary fixed point:
 *
 *   x = k·ln 2 + r, |r| < 0.36;  e^x = 2^k · (e^(r/2^s))^(2^s),
 *
 * with ln 2 computed once per scale and cached (`ln2Fixed`), e^(r/2^s) summed as a Taylor
 * series at W = wp + s bits and squared s ≈ √p/2 times (fewer for an argument below 1
 * with k = 0, by the bits it is already below: the table split of `ballField`'s exp leaves
 * arguments below 2^−30). The series is split into u
 * interleaved sums (rectangular splitting, as mpmath's exponential series):
 * Σ_i ρ^i · Σ_j ρ^(ju)/(ju + i)!, so that a term costs a division by a small integer and
 * only every u-th term a full multiplication (by ρ^u), with u − 1 more for the powers and
 * u − 1 for the final combination: about 2u + n/u full products instead of n.
 *
 * Error, in units 2^−W of the fixed-point value Y ≈ e^r·2^W. k is the double x·log2 e
 * rounded, so |r| ≤ ln 2·(½ + |x|·2^−50) < 0.36 for |x| ≤ 2^44. x·2^S (truncated, < 1 unit)
 * and k·ln 2·2^S (< 2|k| units) err together by under 1 + 2|k| < 2^t units of 2^−S, so R,
 * their difference shifted by t, is r·2^wp within 2 units of 2^−wp: the computed e^(r + ε)
 * has |ε| < 2^(s+1) units. Read at scale W, R is ρ = (r + ε)/2^s, |ρ| < ½. The powers
 * ρ^i (truncated products) err by under 2 units. Each running term a_k ≈ ρ^(u⌊k/u⌋)/k!
 * errs by under 6 units: a division by k ≥ 2 halves the error carried and adds under 1,
 * a multiplication by ρ^u (|ρ^u| < ½) halves it and adds under 3 (truncation, and the
 * error of ρ^u times a ≤ 1). The n terms, the final products by ρ^i (under 3 units each)
 * and the rest of the series after the first zero term (under 12 units) give a sum within
 * 6n + 3u + 12 units, a relative error under (10n + 5u + 20) units since e^ρ > 0.6. Each
 * squaring doubles the relative error and adds under 1.45 units of truncation (every
 * intermediate is above e^−0.37 > 0.69), so with ε the result's relative error is under
 * 2^s·(10.1n + 5.1u + 24) units (second-order terms are far smaller), and with
 * Y < 1.44·2^W its absolute error is under 2^s·(15n + 8u + 35) units. With wp = p + s + 20
 * that is a small fraction of the last unit kept.
 *
 * Special values: e^NaN = NaN, e^+∞ = +∞, e^−∞ = 0, e^0 = 1 exactly. x > 2^44 overflows
 * (+∞ with no error bound); x < −2^44 gives 0 with the error bound 2^−⌊2^44·log2 e⌋.
 */
export function expDyadic(x: Dyadic, p: number): Rounded {
  if (!isFiniteDyadic(x)) {
    const v = dyadicToNumber(x);
    if (Number.isNaN(v)) return { mid: DYADIC_NAN, error: MAG_INFINITE };
    return v > 0 ? OVERFLOW : { mid: DYADIC_ZERO, error: MAG_ZERO };
  }
  if (x.man === 0n) return { mid: dyadicFromInt(1, p), error: MAG_ZERO };
  const v = dyadicToNumber(x);
  if (v > EXP_LIMIT) return OVERFLOW;
  if (v < -EXP_LIMIT) {
    return { mid: DYADIC_ZERO, error: magPow2(-Math.floor(EXP_LIMIT * Math.LOG2E * (1 - 2 ** -40))) };
  }
  // `|| 0` turns the −0 of a small negative x into 0: V8 stores −0 as a boxed double, and one
  // boxed exponent makes every later value's exponent one (see `specialDyadic` in dyadic.ts).
  const k = Math.round(v * Math.LOG2E) || 0;
  // With k = 0, r = x: an argument already below 2^−small (|v| ≤ 2^−(small+1) within a
  // relative 2^−52) needs that many fewer halvings for the same length of series, and with
  // s = 0 it is below ½ itself (small ≥ 1).
  const small = k === 0 ? Math.max(0, Math.floor(-Math.log2(Math.abs(v))) - 1) : 0;
  const s = Math.max(0, Math.ceil(Math.sqrt(p) / 2) - small);
  const wp = p + s + 20;
  const t = bitLength(BigInt(2 * Math.abs(k) + 1));
  const S = wp + t;
  const toScale = x.exp + S;
  const X = toScale >= 0 ? x.man << BigInt(toScale) : x.man >> BigInt(-toScale);
  // k = 0 (every small argument, as the exp tables' δ) needs no ln 2, whose scale S varies
  // with the halvings and would be computed anew for each.
  const R = (k === 0 ? X : X - BigInt(k) * ln2Fixed(S)) >> BigInt(t);
  // The same integer R is r/2^s at scale W = wp + s, so dividing by 2^s is free.
  const Wbits = wp + s;
  const W = BigInt(Wbits);
  const one = 1n << W;
  // About √(n/2) sums, n ≈ W/(s + small + 1.5) terms (|ρ| < 2^−(s+small+1.5)).
  const u = Math.max(2, Math.round(Math.sqrt(Wbits / (s + small + 1.5) / 2)));
  const powers = [one, R];
  for (let i = 2; i <= u; i++) powers.push((powers[i - 1]! * R) >> W);
  const sums: bigint[] = Array.from({ length: u }, () => 0n);
  sums[0] = one;
  let a = one;
  let n = 0;
  for (let j = 1; a !== 0n; j++) {
    if (j % u === 0) a = (a * powers[u]!) >> W;
    a /= SMALL[j] ?? BigInt(j);
    sums[j % u]! += a;
    n++;
  }
  let sum = sums[0]!;
  for (let i = 1; i < u; i++) sum += (sums[i]! * powers[i]!) >> W;
  let Y = sum;
  for (let i = 0; i < s; i++) Y = (Y * Y) >> W;
  const result = normalize(Y, k - Wbits, p);
  return { mid: result.mid, error: magAdd(result.error, magOf((15 * n + 8 * u + 35) * 2 ** s, k - Wbits)) };
}

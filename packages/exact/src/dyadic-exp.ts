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

/** |x| beyond which e^x overflows (+∞) or is taken as 0 within 2^−(2^44·log2 e): exponents stay safe integers. */
export const EXP_LIMIT = 2 ** 44;

/**
 * e^x rounded to p bits with a proven bound on its error (not correctly rounded: a ball
 * needs a bound, not the nearest value, so there is no Ziv loop), in binary fixed point:
 *
 *   x = k·ln 2 + r, |r| < 0.36;  e^x = 2^k · (e^(r/2^s))^(2^s),
 *
 * with ln 2 computed once per scale and cached (`ln2Fixed`), e^(r/2^s) summed as a Taylor
 * series at W = wp + s bits and squared s ≈ √p/2 times.
 *
 * Error, in units u = 2^−W of the fixed-point value Y ≈ e^r·2^W. k is the double
 * x·log2 e rounded, so |r| ≤ ln 2·(½ + |x|·2^−50) < 0.36 for |x| ≤ 2^44. x·2^S (truncated,
 * < 1 unit) and k·ln 2·2^S (< 2|k| units) err together by under 1 + 2|k| < 2^t units of
 * 2^−S, so R, their difference shifted by t, is r·2^wp within 2 units of 2^−wp: the
 * computed e^(r + ε) has |ε| < 2^(s+1)·u. Read at scale W, R is ρ = (r + ε)/2^s, |ρ| < ½.
 * Each Taylor term is truncated twice (under 2 units), and |ρ| < ½ halves the error
 * carried from the term before, so every term errs by under 4 units; after the first zero
 * term the rest of the series is below 4 units: the sum errs by under 4n + 8 units, a
 * relative error under (6.6n + 13.2)·u since e^ρ > 0.6. Each squaring doubles the relative
 * error and adds under 1.45·u of truncation (every intermediate is above e^−0.37 > 0.69),
 * so with ε the result's relative error is under 2^s·(6.9n + 17.4)·u (second-order terms
 * are far smaller), and with Y < 1.44·2^W its absolute error is under 2^s·(10n + 32) units.
 * With wp = p + s + 20 guard bits that is a small fraction of the last unit kept.
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
  if (v < -EXP_LIMIT)
    return { mid: DYADIC_ZERO, error: magPow2(-Math.floor(EXP_LIMIT * Math.LOG2E * (1 - 2 ** -40))) };
  const k = Math.round(v * Math.LOG2E);
  const s = Math.ceil(Math.sqrt(p) / 2);
  const wp = p + s + 20;
  const t = bitLength(BigInt(2 * Math.abs(k) + 1));
  const S = wp + t;
  const toScale = x.exp + S;
  const X = toScale >= 0 ? x.man << BigInt(toScale) : x.man >> BigInt(-toScale);
  const R = (X - BigInt(k) * ln2Fixed(S)) >> BigInt(t);
  // The same integer R is r/2^s at scale W = wp + s, so dividing by 2^s is free.
  const W = BigInt(wp + s);
  const one = 1n << W;
  let sum = one;
  let term = one;
  let n = 0;
  while (term !== 0n) {
    n++;
    term = ((term * R) >> W) / BigInt(n);
    sum += term;
  }
  let Y = sum;
  for (let i = 0; i < s; i++) Y = (Y * Y) >> W;
  const result = normalize(Y, k - (wp + s), p);
  return { mid: result.mid, error: magAdd(result.error, magOf((10 * n + 32) * 2 ** s, k - (wp + s))) };
}

import Decimal from "decimal.js";

/**
 * Correctly rounded multiplication and division of decimal.js values through BigInt.
 *
 * decimal.js keeps a finite nonzero value as a sign `s` (±1), an exponent `e` (the power
 * of ten of the leading digit) and digits `d` in base 10^7 limbs, aligned so that limb i
 * has weight 10^(7(⌊e/7⌋ − i)), with no leading zero digit and no trailing zero limb.
 * Its `mul` divides by 10^7 after every limb product, and its `div` is long division in
 * base 10^7. Here the product is a schoolbook over the same limbs that sums columns of
 * products exactly in doubles and carries only every 80 rows; the quotient is one BigInt
 * division (machine words in V8) of the digit strings, written back as limbs. Both then
 * round the exact result (or the quotient and "remainder is zero") like decimal.js.
 *
 * Every function here returns the same Decimal (same s, e and d) as decimal.js's own
 * operation, which is correctly rounded to the constructor's precision with its rounding
 * mode; the property tests hold them equal for every rounding mode, on ties and next to
 * ties. Zeros, infinities, NaN and results whose exponent leaves [minE, maxE] are left to
 * decimal.js, so its special-value rules apply unchanged.
 */

/** The fields of a Decimal this module reads and writes (decimal.js types them readonly). */
interface DecimalParts {
  s: number;
  e: number;
  d: number[];
}

/** The decimal digits of the limbs as one integer: |x| = digitString(x.d) · 10^scale(x). */
function digitString(d: readonly number[]): string {
  let str = String(d[0]);
  // Every limb but the first is written with its leading zeros: 7 digits each.
  for (let i = 1; i < d.length; i++) str += String(d[i]! + 1e7).slice(1);
  return str;
}

/** Power of ten of the last digit of digitString(d): 7·(⌊e/7⌋ − (limbs − 1)). */
function scale(x: DecimalParts): number {
  return 7 * (Math.floor(x.e / 7) - (x.d.length - 1));
}

const ZEROS = "000000";

/**
 * Whether to add one unit in the last kept digit. `half` compares the dropped part with
 * half a unit (−1 below, 0 equal, 1 above); `inexact` says whether anything was dropped;
 * `odd` is the parity of the last kept digit; `sign` the sign of the result.
 */
function roundsUp(rm: number, sign: number, half: number, inexact: boolean, odd: boolean): boolean {
  switch (rm) {
    case Decimal.ROUND_UP:
      return inexact;
    case Decimal.ROUND_DOWN:
      return false;
    case Decimal.ROUND_CEIL:
      return inexact && sign > 0;
    case Decimal.ROUND_FLOOR:
      return inexact && sign < 0;
    case Decimal.ROUND_HALF_UP:
      return half >= 0;
    case Decimal.ROUND_HALF_DOWN:
      return half > 0;
    case Decimal.ROUND_HALF_EVEN:
      return half > 0 || (half === 0 && odd);
    case Decimal.ROUND_HALF_CEIL:
      return half > 0 || (half === 0 && sign > 0);
    default: // ROUND_HALF_FLOOR
      return half > 0 || (half === 0 && sign < 0);
  }
}

/**
 * The limbs (base 10^7, most significant first) of the integer written by `digits`, times
 * 10^exp0, aligned to decimal.js's limb boundaries (multiples of 10^7): `r` zeros after the
 * last digit put it at a power of ten that is a multiple of 7. Also returns the power of
 * 10^7 of the last limb.
 */
function limbsOfDigits(digits: string, exp0: number): { limbs: number[]; lastPower: number } {
  const r = ((exp0 % 7) + 7) % 7;
  const padded = r === 0 ? digits : digits + ZEROS.slice(0, r);
  const limbs: number[] = [];
  let at = padded.length % 7 || 7;
  limbs.push(+padded.slice(0, at));
  for (; at < padded.length; at += 7) limbs.push(+padded.slice(at, at + 7));
  return { limbs, lastPower: (exp0 - r) / 7 };
}

/** Number of decimal digits of a limb 1 ≤ w < 10^7. */
function digitCount(w: number): number {
  return w < 1e3 ? (w < 10 ? 1 : w < 100 ? 2 : 3) : w < 1e5 ? (w < 1e4 ? 4 : 5) : w < 1e6 ? 6 : 7;
}

/**
 * The Decimal sign · (L + t) · 10^(7·lastPower), rounded to D's precision P with D's
 * rounding mode, where L is the integer of `limbs` (base 10^7, most significant first,
 * the first nonzero; modified in place) and t ∈ [0, 1) a tail known only as zero or not
 * (`tailNonzero`; callers with a nonzero tail pass more than P digits, so the tail lies
 * below the rounding digit). The first P digits are kept, digit P + 1 decides against half
 * a unit, and the digits after it and the tail break a tie, as in decimal.js's `finalise`.
 * Returns null when the exponent leaves [minE, maxE] (decimal.js then gives ±Infinity or ±0).
 */
function roundLimbs(
  D: Decimal.Constructor,
  sign: number,
  limbs: number[],
  lastPower: number,
  tailNonzero: boolean,
): Decimal | null {
  const P = D.precision;
  let firstPower = lastPower + limbs.length - 1;
  const lead = digitCount(limbs[0]!);
  if (lead + 7 * (limbs.length - 1) > P) {
    // The rounding digit is digit P (from 0) of the number: limb `at`, place 10^place.
    const j = P - lead;
    const at = j < 0 ? 0 : 1 + Math.floor(j / 7);
    const place = j < 0 ? lead - 1 - P : 6 - (j % 7);
    const w = limbs[at]!;
    const unit = 10 ** place;
    const roundingDigit = Math.floor(w / unit) % 10;
    let rest = tailNonzero || w % unit !== 0;
    for (let i = at + 1; !rest && i < limbs.length; i++) rest = limbs[i] !== 0;
    const half = roundingDigit > 5 || (roundingDigit === 5 && rest) ? 1 : roundingDigit === 5 ? 0 : -1;
    // Drop the rounding digit and everything after it; the last kept digit is then the
    // units of 10·unit in limb `at`, or the last digit of limb at − 1 when place is 6.
    limbs.length = at + 1;
    limbs[at] = w - (w % (10 * unit));
    let last = at;
    let step = 10 * unit;
    if (place === 6) {
      limbs.length = at;
      last = at - 1;
      step = 1;
    }
    const odd = Math.floor(limbs[last]! / step) % 2 === 1;
    if (roundsUp(D.rounding, sign, half, roundingDigit !== 0 || rest, odd)) {
      limbs[last]! += step;
      for (let i = last; i > 0 && limbs[i]! >= 1e7; i--) {
        limbs[i]! -= 1e7;
        limbs[i - 1]! += 1;
      }
      if (limbs[0]! >= 1e7) {
        limbs[0]! -= 1e7;
        limbs.unshift(1);
        firstPower++;
      }
    }
  }
  while (limbs[limbs.length - 1] === 0) limbs.pop();
  const e = 7 * firstPower + digitCount(limbs[0]!) - 1;
  if (e > D.maxE || e < D.minE) return null;
  // new D(0) gives an object of decimal.js's own shape; its fields are then replaced.
  const result = new D(0);
  const parts = result as unknown as DecimalParts;
  parts.s = sign;
  parts.e = e;
  parts.d = limbs;
  return result;
}

/**
 * The exact product of two limb arrays (base 10^7, most significant first), as limbs with
 * the same convention (the first may be 0). Schoolbook: column c of the product is
 * Σ_{i+j=c} x_i·y_j. Each x_i·y_j < 10^14, so a column of up to 80 such products plus a
 * carried limb stays below 2^53 and is summed exactly in a double; carries are resolved
 * after every 80 rows (and at the end), which keeps every sum exact without a division
 * per product as decimal.js does.
 */
function multiplyLimbs(x: readonly number[], y: readonly number[]): number[] {
  const n = x.length;
  const m = y.length;
  // acc[k] holds column k − 1 (k = 0 is the carry out of the top column).
  const acc: number[] = [];
  for (let k = 0; k < n + m; k++) acc.push(0);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    for (let j = 0, k = i + 1; j < m; j++, k++) acc[k]! += xi * y[j]!;
    if ((i + 1) % 80 === 0 || i === n - 1) carryLimbs(acc);
  }
  return acc;
}

/** Brings every acc[k], k ≥ 1, into [0, 10^7) by carrying upwards; exact for entries below 2^53. */
function carryLimbs(acc: number[]): void {
  let carry = 0;
  for (let k = acc.length - 1; k > 0; k--) {
    const v = acc[k]! + carry;
    // v/10^7 is rounded, so the floor may be one too large near a multiple; correct it.
    let q = Math.floor(v / 1e7);
    let r = v - q * 1e7;
    if (r < 0) {
      q--;
      r += 1e7;
    }
    acc[k] = r;
    carry = q;
  }
  acc[0]! += carry;
}

/** True when x is finite and nonzero (decimal.js: d is null for ±Infinity and NaN, [0] for ±0). */
function isRegular(x: Decimal): boolean {
  const d = (x as unknown as DecimalParts).d;
  return d !== null && d[0] !== 0;
}

/**
 * a · b correctly rounded to D's precision with D's rounding mode; equal to D.mul(a, b).
 *
 * The exact product of the limbs, rounded like decimal.js (`roundLimbs`). When the
 * product has more limbs than the rounding needs, a short product comes first: only
 * the top `kept` columns (`shortProduct`), whose dropped part is bounded; if the bound
 * cannot move the rounding, that is the result, otherwise the full product decides.
 * Domain: every Decimal; zeros, ±Infinity, NaN and over- or underflow go to decimal.js.
 */
export function fastMul(D: Decimal.Constructor, a: Decimal, b: Decimal): Decimal {
  if (!isRegular(a) || !isRegular(b)) return D.mul(a, b);
  const x = a as unknown as DecimalParts;
  const y = b as unknown as DecimalParts;
  const sign = x.s * y.s;
  // The last limb of the full product has weight 10^(scale(a) + scale(b)), a multiple of 10^7.
  const lastPower = (scale(x) + scale(y)) / 7;
  const kept = Math.ceil(D.precision / 7) + SHORT_GUARD_LIMBS;
  const columns = x.d.length + y.d.length - 1;
  if (columns > kept + SHORT_MIN_DROPPED) {
    const short = shortProduct(x.d, y.d, kept);
    if (short !== null) {
      const power = lastPower + columns - kept;
      const low = roundLimbs(D, sign, short.low, power, false);
      const high = roundLimbs(D, sign, short.high, power, false);
      if (low !== null && high !== null && sameDecimal(low, high)) return low;
    }
  }
  const limbs = multiplyLimbs(x.d, y.d);
  if (limbs[0] === 0) limbs.shift();
  return roundLimbs(D, sign, limbs, lastPower, false) ?? D.mul(a, b);
}

/** Limbs kept below the P digits in a short product: the dropped part then lies two limbs below the rounding digit. */
const SHORT_GUARD_LIMBS = 3;
/** A short product pays only when it drops at least this many columns. */
const SHORT_MIN_DROPPED = 8;

/**
 * Bounds on the product of two limb arrays from its top `kept` columns only (columns
 * 1..kept of `multiplyLimbs`, about half the work of the full product when both have P
 * digits). With w the weight of the last kept column, the dropped columns sum to
 * D = Σ col_k·w·10^(−7t) (t ≥ 1) with col_k ≤ min(n, m)·(10^7 − 1)², so
 * D < min(n, m)·(10^7 − 1)·w < min(n, m)·(10^7·w): below min(n, m) units of the limb
 * before the last. Returns the kept part L (a lower bound, as limbs) and L plus that
 * bound (an upper bound), both exact; null when the operands are too short to drop any.
 */
function shortProduct(
  x: readonly number[],
  y: readonly number[],
  kept: number,
): { low: number[]; high: number[] } | null {
  const n = x.length;
  const m = y.length;
  if (n + m - 1 <= kept) return null;
  // acc[k] holds column k (k = 0 is the carry out of the top column), as in multiplyLimbs.
  const acc: number[] = [];
  for (let k = 0; k <= kept; k++) acc.push(0);
  for (let i = 0; i < n && i < kept; i++) {
    const xi = x[i]!;
    const last = Math.min(m, kept - i);
    for (let j = 0, k = i + 1; j < last; j++, k++) acc[k]! += xi * y[j]!;
    if ((i + 1) % 80 === 0) carryLimbs(acc);
  }
  carryLimbs(acc);
  const high = acc.slice();
  high[kept - 1]! += Math.min(n, m);
  carryLimbs(high);
  for (const limbs of [acc, high]) if (limbs[0] === 0) limbs.shift();
  return { low: acc, high };
}

/** Whether two results of roundLimbs are the same Decimal (sign, exponent and limbs). */
function sameDecimal(a: Decimal, b: Decimal): boolean {
  const x = a as unknown as DecimalParts;
  const y = b as unknown as DecimalParts;
  if (x.s !== y.s || x.e !== y.e || x.d.length !== y.d.length) return false;
  for (let i = 0; i < x.d.length; i++) if (x.d[i] !== y.d[i]) return false;
  return true;
}

/**
 * a / b correctly rounded to D's precision with D's rounding mode; equal to D.div(a, b).
 *
 * With a = A·10^α and b = B·10^β, a/b = (A·10^m / B)·10^(α−β−m). m ≥ 0 is chosen so that the
 * integer quotient Q = ⌊A·10^m / B⌋ has at least P + 1 digits: A·10^m ≥ 10^(len A − 1 + m)
 * and B < 10^(len B), so Q ≥ 10^P when m ≥ P + 1 + len B − len A. The dropped digits of Q
 * and whether the remainder is zero then decide the rounding exactly.
 * Domain: every Decimal; zeros, ±Infinity, NaN and over- or underflow go to decimal.js.
 */
export function fastDiv(D: Decimal.Constructor, a: Decimal, b: Decimal): Decimal {
  if (!isRegular(a) || !isRegular(b)) return D.div(a, b);
  const x = a as unknown as DecimalParts;
  const y = b as unknown as DecimalParts;
  const A = digitString(x.d);
  const B = digitString(y.d);
  const m = Math.max(0, D.precision + 1 + B.length - A.length);
  const numerator = BigInt(m === 0 ? A : A + "0".repeat(m));
  const divisor = BigInt(B);
  const quotient = numerator / divisor;
  const exact = quotient * divisor === numerator;
  const { limbs, lastPower } = limbsOfDigits(quotient.toString(), scale(x) - scale(y) - m);
  return roundLimbs(D, x.s * y.s, limbs, lastPower, !exact) ?? D.div(a, b);
}

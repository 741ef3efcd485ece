import Decimal from "decimal.js";
import {
  MAG_INFINITE,
  MAG_ZERO,
  magAdd,
  magOf,
  magOfBelow,
  magPow2,
  scaleDown,
  type Mag,
} from "./binary-bound.ts";

/**
 * A binary floating-point number on BigInt, as Arb's arb_t midpoint or mpmath's mpf:
 * the value man · 2^exp, with man a BigInt and exp an integer. At a precision of p bits
 * every non-zero value this module returns has |man| in [2^(p−1), 2^p) (exactly p bits),
 * so magnitudes compare by exponent first; zero is man = 0n, exp = 0.
 *
 * The values with a non-finite exp are the special values: NaN (man 0n) and ±∞ (man ±1n);
 * they arise only from a division by zero, a logarithm outside its domain and an
 * overflowing exponential, and carry no error bound.
 */
export interface Dyadic {
  readonly man: bigint;
  readonly exp: number;
}

/** A value rounded to p bits with a bound on its rounding error (`MAG_ZERO` when exact). */
export interface Rounded {
  readonly mid: Dyadic;
  readonly error: Mag;
}

export const DYADIC_ZERO: Dyadic = { man: 0n, exp: 0 };

/**
 * A special value, built with its fields in the other order so that it gets an object
 * shape of its own: V8 keeps one shape for every `{ man, exp }` literal, and a single NaN
 * or ∞ stored in the shape's `exp` would make it a boxed double in every finite value (a
 * second allocation per value, and an unboxing per read) instead of a small integer.
 */
function specialDyadic(man: bigint, exp: number): Dyadic {
  return { exp, man };
}

export const DYADIC_NAN: Dyadic = specialDyadic(0n, NaN);
const POSITIVE_INFINITY: Dyadic = specialDyadic(1n, Infinity);
const NEGATIVE_INFINITY: Dyadic = specialDyadic(-1n, Infinity);

export function isFiniteDyadic(x: Dyadic): boolean {
  return Number.isFinite(x.exp);
}

/** Bits of precision for `digits` significant decimal digits: ⌈digits · log2 10⌉. */
export function bitsForDigits(digits: number): number {
  return Math.ceil(digits * Math.log2(10));
}

const powersOfTwo: bigint[] = [];
const negativePowersOfTwo: bigint[] = [];
const bigIntegers: bigint[] = [];

/** 2^k as a BigInt, cached (the thresholds and half-units of a precision recur in every operation). */
function pow2(k: number): bigint {
  let v = powersOfTwo[k];
  if (v === undefined) {
    v = 1n << BigInt(k);
    powersOfTwo[k] = v;
  }
  return v;
}

function negativePow2(k: number): bigint {
  let v = negativePowersOfTwo[k];
  if (v === undefined) {
    v = -pow2(k);
    negativePowersOfTwo[k] = v;
  }
  return v;
}

/** BigInt(k) for a shift count, cached. */
function big(k: number): bigint {
  let v = bigIntegers[k];
  if (v === undefined) {
    v = BigInt(k);
    if (k < 1 << 16) bigIntegers[k] = v;
  }
  return v;
}

const DOUBLE_RANGE = 1n << 1000n;

/** The number of bits of a > 0: ⌊log2 a⌋ + 1. */
export function bitLength(a: bigint): number {
  let bits: number;
  if (a < DOUBLE_RANGE) {
    // The double is within a relative 2^−53 of a, so the estimate is off by at most one.
    bits = Math.floor(Math.log2(Number(a))) + 1;
  } else {
    const hex = a.toString(16);
    return 4 * (hex.length - 1) + (32 - Math.clz32(parseInt(hex[0]!, 16)));
  }
  while (a >= pow2(bits)) bits++;
  while (bits > 1 && a < pow2(bits - 1)) bits--;
  return bits;
}

/**
 * man·2^exp, whose |man| has `bits` bits, rounded to p bits: to nearest (ties upward) by a
 * shift, so the error is at most half a unit in the last place, 2^(exp + bits − p − 1), and
 * zero when no bit set is dropped; shorter mantissas are widened exactly.
 */
export function roundBits(man: bigint, exp: number, bits: number, p: number): Rounded {
  if (bits <= p) return { mid: { man: man << big(p - bits), exp: exp - (p - bits) }, error: MAG_ZERO };
  const s = bits - p;
  const shift = big(s);
  let r = (man + pow2(s - 1)) >> shift;
  let e = exp + s;
  const error = BigInt.asUintN(s, man) === 0n ? MAG_ZERO : magPow2(e - 1);
  // Rounding up to 2^p carries into a (p+1)-th bit: the same value with one bit less.
  if (r === pow2(p) || r === negativePow2(p)) {
    r >>= 1n;
    e++;
  }
  return { mid: { man: r, exp: e }, error };
}

/** man·2^exp rounded to p bits (see `roundBits`), for any BigInt man. */
export function normalize(man: bigint, exp: number, p: number): Rounded {
  if (man === 0n) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  return roundBits(man, exp, bitLength(man < 0n ? -man : man), p);
}

export function negDyadic(x: Dyadic): Dyadic {
  if (!isFiniteDyadic(x)) return x.man === 0n ? x : x.man > 0n ? NEGATIVE_INFINITY : POSITIVE_INFINITY;
  return { man: -x.man, exp: x.exp };
}

/** x + y rounded to p bits; x and y hold p-bit mantissas (or are zero). */
export function addDyadic(x: Dyadic, y: Dyadic, p: number): Rounded {
  if (!isFiniteDyadic(x) || !isFiniteDyadic(y)) return special(dyadicToNumber(x) + dyadicToNumber(y));
  if (y.man === 0n) return { mid: x, error: MAG_ZERO };
  if (x.man === 0n) return { mid: y, error: MAG_ZERO };
  if (x.exp < y.exp) [x, y] = [y, x];
  const d = x.exp - y.exp;
  // |y| < 2^(y.exp + p) ≤ a quarter of x's last unit: x is y + x rounded, within |y|.
  if (d > p + 1) return { mid: x, error: magPow2(y.exp + p) };
  const sum = (x.man << big(d)) + y.man;
  if (sum === 0n) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  const a = sum < 0n ? -sum : sum;
  // Same signs: p + d or p + d + 1 bits; opposite signs and d ≥ 2: p + d − 1 or p + d
  // (|sum| ≥ 2^(p+d−1) − 2^p ≥ 2^(p+d−2)). Only a cancellation needs the general count.
  const top = p + d;
  const sameSign = x.man < 0n === y.man < 0n;
  const bits = sameSign
    ? a >= pow2(top)
      ? top + 1
      : top
    : d >= 2
      ? a >= pow2(top - 1)
        ? top
        : top - 1
      : bitLength(a);
  return roundBits(sum, y.exp, bits, p);
}

export function subDyadic(x: Dyadic, y: Dyadic, p: number): Rounded {
  return addDyadic(x, negDyadic(y), p);
}

/** x · y rounded to p bits: the exact product of two p-bit mantissas has 2p − 1 or 2p bits. */
export function mulDyadic(x: Dyadic, y: Dyadic, p: number): Rounded {
  if (!isFiniteDyadic(x) || !isFiniteDyadic(y)) return special(dyadicToNumber(x) * dyadicToNumber(y));
  if (x.man === 0n || y.man === 0n) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  const product = x.man * y.man;
  const a = product < 0n ? -product : product;
  return roundBits(product, x.exp + y.exp, a >= pow2(2 * p - 1) ? 2 * p : 2 * p - 1, p);
}

/**
 * num/den · 2^exp (den > 0) rounded to p bits. The numerator is shifted so that the
 * truncated BigInt quotient has at least p + 2 bits; its error (the remainder over den,
 * below one unit of the quotient, at most a quarter of the result's last unit) and the
 * rounding to p bits (half a unit) stay below three quarters of a unit in the last place,
 * and both are zero when the remainder is zero and no bit set is dropped.
 */
function quotient(num: bigint, den: bigint, exp: number, p: number): Rounded {
  if (num === 0n) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  const a = num < 0n ? -num : num;
  const t = Math.max(0, p + 2 + bitLength(den) - bitLength(a));
  const shifted = num << big(t);
  const q = shifted / den;
  const r = normalize(q, exp - t, p);
  if (q * den === shifted) return r;
  return { mid: r.mid, error: magAdd(r.error, magPow2(exp - t)) };
}

/**
 * x / y rounded to p bits, as `quotient` with the shift known: both mantissas have p bits,
 * so (|man x|·2^(p+2)) / |man y| has p + 2 or p + 3 bits. A zero divisor gives ±∞ or NaN
 * (0/0), as decimal.js does.
 */
export function divDyadic(x: Dyadic, y: Dyadic, p: number): Rounded {
  if (!isFiniteDyadic(x) || !isFiniteDyadic(y) || y.man === 0n) {
    return special(dyadicToNumber(x) / dyadicToNumber(y));
  }
  if (x.man === 0n) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  const shifted = x.man << big(p + 2);
  const q = shifted / y.man;
  const exp = x.exp - y.exp - p - 2;
  const a = q < 0n ? -q : q;
  const r = roundBits(q, exp, a >= pow2(p + 2) ? p + 3 : p + 2, p);
  if (dividesExactly(q, y.man, shifted)) return r;
  return { mid: r.mid, error: magAdd(r.error, magPow2(exp)) };
}

/**
 * Whether q·d = n. The low 64 bits decide it in all but the exact cases (the product's
 * residue mod 2^64 is that of the residues' product, signs included), so the full product,
 * as dear as the division at 1000 digits, is formed only when they agree.
 */
function dividesExactly(q: bigint, d: bigint, n: bigint): boolean {
  const low = BigInt.asUintN(64, BigInt.asUintN(64, q) * BigInt.asUintN(64, d));
  return low === BigInt.asUintN(64, n) && q * d === n;
}

/** The result of an operation on special values, computed on doubles: NaN, ±∞, or 0 (1/∞). */
function special(v: number): Rounded {
  if (Number.isNaN(v)) return { mid: DYADIC_NAN, error: MAG_INFINITE };
  if (v === Infinity) return { mid: POSITIVE_INFINITY, error: MAG_INFINITE };
  if (v === -Infinity) return { mid: NEGATIVE_INFINITY, error: MAG_INFINITE };
  // A finite result from an infinite operand (x/∞): 0, with nothing known of the error.
  return { mid: DYADIC_ZERO, error: MAG_INFINITE };
}

/** The result of an operation that overflowed: +∞ with no error bound. */
export const OVERFLOW: Rounded = { mid: POSITIVE_INFINITY, error: MAG_INFINITE };

/** −1, 0 or 1 as x < y, x = y, x > y, decided exactly (NaN compares equal to everything). */
export function compareDyadic(x: Dyadic, y: Dyadic): -1 | 0 | 1 {
  if (!isFiniteDyadic(x) || !isFiniteDyadic(y)) {
    const a = dyadicToNumber(x);
    const b = dyadicToNumber(y);
    return a < b ? -1 : a > b ? 1 : 0;
  }
  const sx = x.man < 0n ? -1 : x.man > 0n ? 1 : 0;
  const sy = y.man < 0n ? -1 : y.man > 0n ? 1 : 0;
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  // Equal mantissa lengths: the larger exponent is the larger magnitude.
  if (x.exp !== y.exp) return x.exp > y.exp === sx > 0 ? 1 : -1;
  return x.man < y.man ? -1 : x.man > y.man ? 1 : 0;
}

/**
 * A finite decimal string (as `Field.fromDecimal` takes: "0.35", "-1e-3") rounded to p
 * bits: M·10^E is M·5^E·2^E, a quotient by 5^−E when E < 0; exact when the decimal is
 * dyadic (0.5, 0.25, 3), within one unit in the last place otherwise (0.05).
 */
export function dyadicFromDecimal(s: string, p: number): Rounded {
  const x = new Decimal(s);
  if (!x.isFinite()) return special(x.toNumber());
  if (x.isZero()) return { mid: DYADIC_ZERO, error: MAG_ZERO };
  // x = ±M·10^E with an integer M (toExponential without arguments keeps every digit).
  const [mantissa, exponent] = x.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  const M = BigInt(digits);
  const E = Number(exponent) - (digits.replace("-", "").length - 1);
  if (E >= 0) return normalize(M * 10n ** BigInt(E), 0, p);
  return quotient(M, 5n ** BigInt(-E), E, p);
}

/** A small integer, exactly (it has at most p bits). */
export function dyadicFromInt(n: number, p: number): Dyadic {
  return normalize(BigInt(n), 0, p).mid;
}

/** The nearest double, about (for display and for choosing cheap tests only; ±∞ and 0 beyond the range). */
export function dyadicToNumber(x: Dyadic): number {
  if (!isFiniteDyadic(x)) return x.man === 0n ? NaN : x.man > 0n ? Infinity : -Infinity;
  if (x.man === 0n) return 0;
  const a = x.man < 0n ? -x.man : x.man;
  const drop = Math.max(0, bitLength(a) - 64);
  const top = Number(drop === 0 ? a : a >> big(drop));
  // Two scalings, so that neither overflows nor underflows where the product does not.
  const exp = x.exp + drop;
  const half = Math.trunc(exp / 2);
  const magnitude = top * 2 ** half * 2 ** (exp - half);
  return x.man < 0n ? -magnitude : magnitude;
}

/**
 * Upper and lower bounds on |x| for a finite x whose mantissa has p bits, from the double
 * nearest |man| (within a relative 2^−53; for p > 1000, from its leading 64 bits, whose
 * truncation is below a relative 2^−63): a power-of-two scaling brings it into [1, 2].
 */
export function magUpperOf(x: Dyadic, p: number): Mag {
  if (x.man === 0n) return MAG_ZERO;
  if (!isFiniteDyadic(x)) return MAG_INFINITE;
  if (p <= 1000) return magOf(scaleDown(Math.abs(Number(x.man)), p - 1), x.exp + p - 1);
  const top = Number((x.man < 0n ? -x.man : x.man) >> big(p - 64));
  return magOf(scaleDown(top, 63) * (1 + 2 ** -60), x.exp + p - 1);
}

export function magLowerOf(x: Dyadic, p: number): Mag {
  if (x.man === 0n || !isFiniteDyadic(x)) return MAG_ZERO;
  if (p <= 1000) return magOfBelow(scaleDown(Math.abs(Number(x.man)), p - 1), x.exp + p - 1);
  const top = Number((x.man < 0n ? -x.man : x.man) >> big(p - 64));
  return magOfBelow(scaleDown(top, 63), x.exp + p - 1);
}

const powersOfTen = new Map<number, bigint>();

/** 10^k as a BigInt (cached up to k = 10,000). */
export function pow10(k: number): bigint {
  let v = powersOfTen.get(k);
  if (v === undefined) {
    v = 10n ** BigInt(k);
    if (k <= 10_000) powersOfTen.set(k, v);
  }
  return v;
}

/** Binary exponents beyond which `dyadicToDecimal` leaves exact BigInt arithmetic (10^K would have millions of digits). */
const EXACT_CONVERSION_LIMIT = 4_000_000;

/** Whether x converts to decimal exactly on BigInt (see `dyadicToDecimal`). */
export function convertsExactly(x: Dyadic): boolean {
  return Math.abs(x.exp) <= EXACT_CONVERSION_LIMIT;
}

/**
 * The finite x as a decimal of at least `digits` significant digits, truncated toward
 * zero: x lies in [value, value + error] away from zero (error 0 when value is x exactly,
 * else one unit of its last digit, 10^K). Computed exactly on BigInt: ⌊|man|·2^exp / 10^K⌋.
 *
 * Beyond 2^±4000000 (e^x for |x| above about 2.7 million) the power of ten would have
 * millions of digits: there man·2^exp is decimal.js's product of man and its integer power
 * 2^exp (repeated squaring, at most 2·log2|exp| < 100 roundings) at digits + 20 digits, and
 * the error returned is |value|·10^−digits, far above those roundings.
 */
export function dyadicToDecimal(
  D: Decimal.Constructor,
  x: Dyadic,
  digits: number,
): { value: Decimal; error: Decimal } {
  if (x.man === 0n) return { value: new D(0), error: new D(0) };
  const a = x.man < 0n ? -x.man : x.man;
  if (!convertsExactly(x)) {
    const H = Decimal.clone({
      precision: digits + 20,
      rounding: Decimal.ROUND_DOWN,
      minE: -9e15,
      maxE: 9e15,
    });
    const value = H.mul(x.man.toString(), new H(2).pow(x.exp));
    return { value: new D(value), error: new D(value.abs().times(`1e-${digits}`)) };
  }
  const K = Math.floor((x.exp + bitLength(a)) * Math.log10(2)) - digits - 2;
  let num = a;
  let den = 1n;
  if (x.exp >= 0) num <<= BigInt(x.exp);
  else den <<= BigInt(-x.exp);
  if (K >= 0) den *= pow10(K);
  else num *= pow10(-K);
  const N = num / den;
  const sign = x.man < 0n ? "-" : "";
  return {
    value: new D(`${sign}${N}e${K}`),
    error: N * den === num ? new D(0) : new D(`1e${K}`),
  };
}

/**
 * The bound b as a decimal at least as large: m·2^e truncated to `digits` digits plus a unit
 * of the last, added in D, which must round upward (or carry digits + 3 digits exactly).
 */
export function magToDecimal(D: Decimal.Constructor, b: Mag, digits: number): Decimal {
  if (b.m === 0) return new D(0);
  if (b.m === Infinity) return new D(Infinity);
  // m ∈ [1, 2) is an integer multiple of 2^−52.
  const { value, error } = dyadicToDecimal(D, { man: BigInt(b.m * 2 ** 52), exp: b.e - 52 }, digits);
  return value.plus(error);
}

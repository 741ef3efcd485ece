import { magAdd, magOf } from "./binary-bound.ts";
import { dyadicToNumber, mulDyadic, normalize, type Dyadic, type Rounded } from "./dyadic.ts";
import { expDyadic } from "./dyadic-exp.ts";

/**
 * Precision in bits from which `ballField`'s exp splits its argument at a table point
 * (`tableExp`). Measured per call: 15–30% faster at 106 digits, 1.7× at 1006; about equal
 * at 56 and 76 digits, 15% slower at 36, where the products and their bookkeeping cost as
 * much as the series terms and squarings they save.
 */
export const EXP_TABLE_MIN_BITS = 320;

/**
 * Digits the tables and their products carry beyond the field's: a product of six entries
 * errs by some units in its last place, and 5 more digits (16 bits) leave that a small part
 * of the one rounding to the field's precision.
 */
export const EXP_TABLE_GUARD_DIGITS = 5;

/** Levels of the tables, of 6 bits each: a table point has 6·TABLE_LEVELS = 30 fraction bits. */
const TABLE_LEVELS = 5;
const TABLE_POINT_BITS = 6 * TABLE_LEVELS;

/**
 * |a| below which the tables are used: their first level then holds at most 2·2^6·64
 * entries of a precision (about 8 MB at 2000 digits), the other levels 64 each.
 */
const TABLE_RANGE = 64;

/**
 * A value v at b bits (its mantissa has exactly b bits) with a bound on its relative error,
 * ρ ≤ q·2^−b. From an error bound ε ≤ u·2^exp (u units of the last place): ρ ≤ ε/|v| ≤
 * u·2^−(b−1), so q = 2u. Back: ε ≤ ρ·|v| < q·2^−b·2^(exp+b) = q·2^exp.
 */
interface Relative {
  readonly mid: Dyadic;
  readonly q: number;
}

/** 1 + 2^−40: room for the doubles' roundings in q and for the second-order terms (ρ² ≪ 2^−40·ρ). */
const ROOM = 1 + 2 ** -40;

function relative(r: Rounded): Relative {
  if (r.error.m === 0) return { mid: r.mid, q: 0 };
  // An error below 2^−1000 units is counted as 2^−1000 of one, so that the double never underflows.
  const units = r.error.m * 2 ** Math.max(-1000, r.error.e - r.mid.exp);
  return { mid: r.mid, q: 2 * units * ROOM };
}

/**
 * x·y rounded to b bits: (1 + ρx)(1 + ρy)(1 + ρr) − 1 ≤ ρx + ρy + ρr + (second order), with
 * the rounding's ρr ≤ 2^−b (half a unit of a mantissa of at least 2^(b−1)): q = qx + qy + 1.
 */
function times(x: Relative, y: Relative, b: number): Relative {
  return { mid: mulDyadic(x.mid, y.mid, b).mid, q: (x.q + y.q + 1) * ROOM };
}

/** The entries e^(k·2^−6j) of one precision, level j = 1 … TABLE_LEVELS, by level and k. */
const tablesByBits = new Map<number, Map<number, Relative>[]>();

/**
 * The entry e^(k·2^−6·level) at `bits` bits: a direct `expDyadic` for k = ±2^i, otherwise
 * the product of the entries of k's highest bit and of the rest, so a level costs at most
 * six exponentials and one product per other entry (a chain of at most six products).
 */
function entry(bits: number, level: number, k: number): Relative {
  let levels = tablesByBits.get(bits);
  if (levels === undefined) {
    levels = Array.from({ length: TABLE_LEVELS }, () => new Map<number, Relative>());
    tablesByBits.set(bits, levels);
  }
  const table = levels[level - 1]!;
  let e = table.get(k);
  if (e === undefined) {
    const high = Math.sign(k) * 2 ** (31 - Math.clz32(Math.abs(k)));
    e =
      high === k
        ? relative(expDyadic(normalize(BigInt(k), -6 * level, bits).mid, bits))
        : times(entry(bits, level, high), entry(bits, level, k - high), bits);
    table.set(k, e);
  }
  return e;
}

/**
 * e^a rounded to p bits with a bound on its error, for a midpoint a split at a point
 * c = ⌊a·2^30⌋/2^30 of the tables: c = k1/2^6 + k2/2^12 + … + k5/2^30 (k2 … k5 < 64), so
 *
 *   e^a = e^(k1/2^6) · e^(k2/2^12) · … · e^(k5/2^30) · e^δ  exactly, 0 ≤ δ < 2^−30.
 *
 * Each factor is a value at `wideBits` bits with a bound on its relative error (a table
 * entry, computed once per precision and entry; e^δ, whose series needs no squaring up to
 * about 3600 bits), their product at `wideBits` adds up the relative errors and one
 * rounding per product (`times`), and the result is that product rounded to p bits, its
 * error the rounding plus the product's bound. The result depends on a alone, not on what
 * the tables hold. Outside |a| < 64, and for a = 0, it is `expDyadic` itself.
 */
export function tableExp(a: Dyadic, p: number, wideBits: number): Rounded {
  const v = dyadicToNumber(a);
  if (a.man === 0n || !(Math.abs(v) < TABLE_RANGE)) return expDyadic(a, p);
  const below = -TABLE_POINT_BITS - a.exp;
  // ⌊a·2^30⌋ (a shift floors a negative mantissa too) and δ·2^−a.exp, both exact.
  const point = below > 0 ? a.man >> BigInt(below) : a.man << BigInt(-below);
  const rest = below > 0 ? a.man - (point << BigInt(below)) : 0n;
  let y = relative(expDyadic(normalize(rest, a.exp, wideBits).mid, wideBits));
  let digits = point;
  for (let level = TABLE_LEVELS; level >= 1; level--) {
    // The last level takes what is left, its sign included.
    const k = level === 1 ? Number(digits) : Number(digits & 63n);
    if (k !== 0) y = times(y, entry(wideBits, level, k), wideBits);
    digits >>= 6n;
  }
  const r = normalize(y.mid.man, y.mid.exp, p);
  return { mid: r.mid, error: magAdd(r.error, magOf(y.q, y.mid.exp)) };
}

import { magAdd } from "./binary-bound.ts";
import type { Ball } from "./ball-field.ts";
import { dyadicToNumber, normalize, type Dyadic, type Rounded } from "./dyadic.ts";
import { expDyadic } from "./dyadic-exp.ts";

/**
 * Precision in bits from which the ball exp splits its argument at a table point
 * (`tableExp`). Measured per call: 10% faster at 106 digits, 1.7× faster at 1006; 7%
 * slower at 76, where the products cost more than the squarings they save.
 */
export const EXP_TABLE_MIN_BITS = 320;

/**
 * Digits the tables and their products carry beyond the field's: a product of six balls
 * errs by a few units in its last place, and 5 more digits (16 bits) leave that a small
 * part of the one rounding to the field's precision.
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

/** A ball multiplication at the tables' precision. */
type Multiply = (x: Ball, y: Ball) => Ball;

const fromRounded = (r: Rounded): Ball => ({ mid: r.mid, rad: r.error });

/** The entries e^(k·2^−6j) of one precision, level j = 1 … TABLE_LEVELS, by level and k. */
const tablesByBits = new Map<number, Map<number, Ball>[]>();

/**
 * The entry e^(k·2^−6·level) at `bits` bits: a direct `expDyadic` for k = ±2^i, otherwise
 * the ball product of the entries of k's highest bit and of the rest, so a level costs at
 * most six exponentials and one product per other entry (a chain of at most six products).
 */
function entry(bits: number, level: number, k: number, multiply: Multiply): Ball {
  let levels = tablesByBits.get(bits);
  if (levels === undefined) {
    levels = Array.from({ length: TABLE_LEVELS }, () => new Map<number, Ball>());
    tablesByBits.set(bits, levels);
  }
  const table = levels[level - 1]!;
  let e = table.get(k);
  if (e === undefined) {
    const high = Math.sign(k) * 2 ** (31 - Math.clz32(Math.abs(k)));
    e =
      high === k
        ? fromRounded(expDyadic(normalize(BigInt(k), -6 * level, bits).mid, bits))
        : multiply(entry(bits, level, high, multiply), entry(bits, level, k - high, multiply));
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
 * Each factor is a ball at `wideBits` bits (a table entry, computed once per precision and
 * entry; e^δ, whose series needs no squaring up to about 3600 bits), their ball product
 * (`multiply`, at `wideBits`) holds the exact e^a, and the result is that product's
 * midpoint rounded to p bits, its error the rounding plus the product's radius. The
 * result depends on a alone, not on what the tables hold. Outside |a| < 64, and for
 * a = 0 or a special value, it is `expDyadic` itself.
 */
export function tableExp(a: Dyadic, p: number, wideBits: number, multiply: Multiply): Rounded {
  const v = dyadicToNumber(a);
  if (a.man === 0n || !(Math.abs(v) < TABLE_RANGE)) return expDyadic(a, p);
  const below = -TABLE_POINT_BITS - a.exp;
  // ⌊a·2^30⌋ (a shift floors a negative mantissa too) and δ·2^−a.exp, both exact.
  const point = below > 0 ? a.man >> BigInt(below) : a.man << BigInt(-below);
  const rest = below > 0 ? a.man - (point << BigInt(below)) : 0n;
  let y = fromRounded(expDyadic(normalize(rest, a.exp, wideBits).mid, wideBits));
  let digits = point;
  for (let level = TABLE_LEVELS; level >= 1; level--) {
    // The last level takes what is left, its sign included.
    const k = level === 1 ? Number(digits) : Number(digits & 63n);
    if (k !== 0) y = multiply(y, entry(wideBits, level, k, multiply));
    digits >>= 6n;
  }
  const r = normalize(y.mid.man, y.mid.exp, p);
  return { mid: r.mid, error: magAdd(r.error, y.rad) };
}

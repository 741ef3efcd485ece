import type { Field } from "@bpcheck/core";
import type Decimal from "decimal.js";

/**
 * A decimal field that computes each costly operation (÷, exp, ln, tanh) on the same
 * operands once. The classifier runs the same step many times over (a recording per
 * world, a pass per rounding habit, a re-evaluation per candidate set of rounded
 * operands), and most of those operations meet operands they met before: the forward
 * pass is the same in every world that changes only the update, a value rounded by a
 * habit is the same in every pass with that habit (on the seed case, 8 distinct
 * arguments of exp among 251 evaluations, 17 of 373 quotients). Every operation of a
 * decimal.js field is a function of its operands' digits (correctly rounded to the
 * field's precision), so a result remembered by them is the result computing it again
 * gives: the values, and every verdict, are unchanged. +, −, × and negation are computed
 * each time: at the judge's 60 digits they cost about what building their key would.
 *
 * Keys are the operands' sign, exponent and base-10^7 limbs (decimal.js's own
 * representation, read as fast-arithmetic.ts reads it), so that equal values from
 * different operations share an entry. The cache holds at most `maxEntries` results and
 * starts afresh when full, which bounds its memory.
 */
export function memoField(base: Field<Decimal>, maxEntries: number = MEMO_ENTRIES): Field<Decimal> {
  const results = new Map<string, Decimal>();
  const remember = (key: string, compute: () => Decimal): Decimal => {
    let r = results.get(key);
    if (r === undefined) {
      r = compute();
      if (results.size >= maxEntries) results.clear();
      results.set(key, r);
    }
    return r;
  };
  const unary = (kind: string, f: (a: Decimal) => Decimal) => (a: Decimal) =>
    remember(`${kind} ${decimalKey(a)}`, () => f(a));
  const binary = (kind: string, f: (a: Decimal, b: Decimal) => Decimal) => (a: Decimal, b: Decimal) =>
    remember(`${kind} ${decimalKey(a)} ${decimalKey(b)}`, () => f(a, b));
  return {
    ...base,
    div: binary("div", base.div),
    exp: unary("exp", base.exp),
    ln: unary("ln", base.ln),
    tanh: unary("tanh", base.tanh),
  };
}

/** Results a memo field keeps (each a key of about 70 characters and a 60-digit Decimal: some 30 MB at most). */
const MEMO_ENTRIES = 100_000;

/**
 * The digits of a Decimal as a string: equal for equal sign, exponent and limbs, which
 * decimal.js keeps normalised (no leading zero digit, no trailing zero limb), so that
 * equal finite values have equal keys. ±0, ±Infinity and NaN get keys of their own.
 */
function decimalKey(x: Decimal): string {
  const parts = x as unknown as {
    readonly s: number;
    readonly e: number;
    readonly d: readonly number[] | null;
  };
  return `${parts.s}:${parts.e}:${parts.d === null ? "-" : parts.d.join(",")}`;
}

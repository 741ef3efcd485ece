import type { Field } from "@bpcheck/core";
import Decimal from "decimal.js";
import { exactExp } from "./exp.ts";
import { fastDiv, fastMul } from "./fast-arithmetic.ts";
import { TO_EXP_NEG, TO_EXP_POS } from "./decimal-text.ts";

export const DEFAULT_DIGITS = 50;
/** Supported working precisions, in significant decimal digits. */
export const MIN_DIGITS = 10;
export const MAX_DIGITS = 2000;

/**
 * decimal.js at `digits` significant digits, rounding half to even, as a `Field`: the
 * exact mode's plain field (`fieldFor("exact")`: correctly rounded decimals without an
 * error bound, for the classifier's roundings and the runs that only need values; the
 * commands certify in ball arithmetic, `ball-field.ts`). It uses a private constructor
 * from `Decimal.clone`, so the global decimal.js settings are never touched.
 *
 * Inputs are taken exactly as written ("0.1" is one tenth, not the nearest double);
 * every operation is then rounded to `digits` digits. `exp` (`exactExp`), `ln` and
 * `tanh` are correctly rounded, so results are reproducible on every platform and
 * Node version. Overflow is far away (exponents up to 9·10^15).
 */
export function decimalField(digits: number = DEFAULT_DIGITS): Field<Decimal> {
  if (!Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new RangeError(
      `precision ${digits} is out of range (expected an integer from ${MIN_DIGITS} to ${MAX_DIGITS})`,
    );
  }
  return fieldOfDecimal(exactDecimalConstructor(digits), "exact", "exact");
}

const constructors = new Map<number, Decimal.Constructor>();

/**
 * The exact mode's decimal.js constructor at `digits` digits (half to even), one per
 * precision, without the user-facing range check (the ball arithmetic carries a few
 * digits more, and reruns an undecided comparison at more).
 */
export function exactDecimalConstructor(digits: number): Decimal.Constructor {
  let D = constructors.get(digits);
  if (D === undefined) {
    D = Decimal.clone({
      precision: digits,
      rounding: Decimal.ROUND_HALF_EVEN,
      toExpNeg: TO_EXP_NEG,
      toExpPos: TO_EXP_POS,
      minE: -9e15,
      maxE: 9e15,
    });
    constructors.set(digits, D);
  }
  return D;
}

/**
 * tanh, correctly rounded: decimal.js's, except where the result rounds to ±1 at D's
 * precision P, which is decided without computing it. 1 − tanh|x| < 2e^(−2|x|), below half
 * a unit in the last place under 1 (5·10^(−P−1)) once |x| ≥ (P + 2)·ln(10)/2; decimal.js
 * takes minutes for arguments near 10^5 (its series grows with the argument).
 */
export function tanhAt(D: Decimal.Constructor, a: Decimal): Decimal {
  const saturated = ((D.precision + 2) * Math.LN10) / 2 + 1;
  if (a.abs().gte(saturated)) return new D(a.isNegative() ? -1 : 1);
  return D.tanh(a);
}

/**
 * The `Field` of a decimal.js constructor: every operation is rounded to D's precision
 * with D's rounding mode. Inputs are taken as written (`"exact"`), or rounded to D's
 * precision like any result (`"rounded"`, a model of a hand calculation that keeps a few
 * digits throughout). `mul` and `div` are `fastMul` and `fastDiv`, equal to decimal.js's;
 * `exp` is `exactExp`, `ln` and `tanh` decimal.js's: all correctly
 * rounded, so every result is the same on every platform.
 */
export function fieldOfDecimal(
  D: Decimal.Constructor,
  name: string,
  inputs: "exact" | "rounded",
): Field<Decimal> {
  // new D(s) keeps every digit of s; plus(0) rounds it like any other result.
  const read =
    inputs === "exact" ? (v: string | number) => new D(v) : (v: string | number) => new D(v).plus(0);
  return {
    name,
    digits: D.precision,
    zero: new D(0),
    one: new D(1),
    fromDecimal: read,
    fromInt: read,
    add: (a, b) => D.add(a, b),
    sub: (a, b) => D.sub(a, b),
    // Equal to D.mul and D.div (correctly rounded), computed faster: fast-arithmetic.ts.
    mul: (a, b) => fastMul(D, a, b),
    div: (a, b) => fastDiv(D, a, b),
    neg: (a) => new D(a).neg(),
    exp: (a) => exactExp(new D(a)),
    ln: (a) => D.ln(a),
    tanh: (a) => tanhAt(D, a),
    compare: (a, b) => a.cmp(b) as -1 | 0 | 1,
    toString: (a) => a.toString(),
    toNumber: (a) => a.toNumber(),
  };
}

import type { Field } from "@bpcheck/core";
import Decimal from "decimal.js";

/**
 * decimal.js rounding every operation (inputs included) to k significant digits, half
 * up: a model of a hand calculation that keeps k digits throughout. Internal to the
 * classifier; the public exact mode (`decimalField`) refuses fewer than 10 digits on
 * purpose. Domain: 1 ≤ k ≤ 1000. exp and ln are correctly rounded to k digits.
 */
export function significantDigitField(k: number): Field<Decimal> {
  const D = Decimal.clone({
    precision: k,
    rounding: Decimal.ROUND_HALF_UP,
    toExpNeg: -7,
    toExpPos: 21,
    minE: -9e15,
    maxE: 9e15,
  });
  return {
    name: `${k}-digit`,
    digits: k,
    zero: new D(0),
    one: new D(1),
    // new D(s) keeps every digit of s; plus(0) rounds it to k digits like any other result.
    fromDecimal: (s) => new D(s).plus(0),
    fromInt: (n) => new D(n).plus(0),
    add: (a, b) => D.add(a, b),
    sub: (a, b) => D.sub(a, b),
    mul: (a, b) => D.mul(a, b),
    div: (a, b) => D.div(a, b),
    neg: (a) => new D(a).neg(),
    exp: (a) => D.exp(a),
    ln: (a) => D.ln(a),
    tanh: (a) => D.tanh(a),
    compare: (a, b) => a.cmp(b) as -1 | 0 | 1,
    toString: (a) => a.toString(),
    toNumber: (a) => a.toNumber(),
  };
}

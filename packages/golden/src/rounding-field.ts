import type { Field } from "@bpcheck/core";
import { fieldOfDecimal } from "@bpcheck/exact";
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
  return fieldOfDecimal(D, `${k}-digit`, "rounded");
}

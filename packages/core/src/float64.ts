import type { Field } from "./field.ts";

/**
 * IEEE 754 binary64: JavaScript's own numbers. `exp`, `ln` and `tanh` are the engine's
 * Math functions (not correctly rounded, typically within 1 ULP).
 */
export const float64: Field<number> = {
  name: "float64",
  digits: 53 * Math.log10(2),
  zero: 0,
  one: 1,
  fromDecimal: (s) => Number(s),
  fromInt: (n) => n,
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  neg: (a) => -a,
  exp: Math.exp,
  ln: Math.log,
  tanh: Math.tanh,
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  toString: (a) => String(a),
  toNumber: (a) => a,
};

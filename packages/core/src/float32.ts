import type { Field } from "./field.ts";

const r = Math.fround;

/**
 * IEEE 754 binary32, emulated: every operation is computed in float64 and rounded with
 * `Math.fround`. For +, −, ×, ÷ this equals true binary32 arithmetic (float64 has more
 * than 2·24+2 bits, so the double rounding is innocuous); `exp`, `ln` and `tanh` are the
 * float64 functions rounded once more, which is within 1 float32 ULP. `fromDecimal` rounds
 * the decimal to float64 and then to float32; that double rounding can differ from the
 * correctly rounded float32 only for a decimal within 2^−29 ULP of a float32 tie, which no
 * printed short decimal is (`roundToBinary` in @bpcheck/exact rounds correctly in all cases).
 */
export const float32: Field<number> = {
  name: "float32",
  digits: 24 * Math.log10(2),
  zero: 0,
  one: 1,
  fromDecimal: (s) => r(Number(s)),
  fromInt: (n) => r(n),
  add: (a, b) => r(a + b),
  sub: (a, b) => r(a - b),
  mul: (a, b) => r(a * b),
  div: (a, b) => r(a / b),
  neg: (a) => -a,
  exp: (a) => r(Math.exp(a)),
  ln: (a) => r(Math.log(a)),
  tanh: (a) => r(Math.tanh(a)),
  compare: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  toString: shortestFloat32,
  toNumber: (a) => a,
};

/** The shortest decimal string that reads back as the same float32 (as C's %.9g would, trimmed). */
function shortestFloat32(a: number): string {
  if (!Number.isFinite(a) || a === 0) return String(a);
  for (let p = 1; p < 9; p++) {
    const s = a.toPrecision(p);
    if (r(Number(s)) === a) return String(Number(s));
  }
  return String(Number(a.toPrecision(9)));
}

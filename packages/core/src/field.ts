/**
 * The numeric interface the backpropagation algorithm is written against.
 *
 * TypeScript has no operator overloading, so a number system is a plain object of
 * operations (a dictionary, as fp-ts does it) passed as the first argument:
 * `forward(F, net, x)`. float64, float32 and decimal.js each implement it once, and
 * every algorithm in this package runs unchanged on all of them.
 */
export interface Field<T> {
  /** Short name of the number system, e.g. "float64", "exact". */
  readonly name: string;
  /** Decimal digits the system carries: ~15.95 for float64, ~7.22 for float32, P for decimal P. */
  readonly digits: number;
  readonly zero: T;
  readonly one: T;
  /** Parses a decimal string ("0.35", "-1e-3") into the nearest value of the system. */
  fromDecimal(s: string): T;
  /** An exact small integer (used for counts such as 1/n). */
  fromInt(n: number): T;
  add(a: T, b: T): T;
  sub(a: T, b: T): T;
  mul(a: T, b: T): T;
  div(a: T, b: T): T;
  neg(a: T): T;
  /** e^x. */
  exp(a: T): T;
  /** Natural logarithm; domain x > 0. */
  ln(a: T): T;
  /** Hyperbolic tangent. */
  tanh(a: T): T;
  /** -1, 0 or 1 as a < b, a = b, a > b. */
  compare(a: T, b: T): -1 | 0 | 1;
  /** Round-trip string of the value at the system's full precision. */
  toString(a: T): string;
  /** Nearest JavaScript number (for display and plotting only, never for verdicts). */
  toNumber(a: T): number;
}

/** Sum of a non-empty or empty list in the field, left to right (the order matters in floating point). */
export function sum<T>(F: Field<T>, xs: readonly T[]): T {
  let s = F.zero;
  for (const x of xs) s = F.add(s, x);
  return s;
}

/** Dot product Σ a_i b_i, accumulated left to right. */
export function dot<T>(F: Field<T>, a: readonly T[], b: readonly T[]): T {
  let s = F.zero;
  for (let i = 0; i < a.length; i++) s = F.add(s, F.mul(a[i] as T, b[i] as T));
  return s;
}

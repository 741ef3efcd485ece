import Decimal from "decimal.js";
import { exactDecimal, roundToBinary, ulpDistance, type BinaryFormat } from "./binary-rounding.ts";
import { agreeingDigits } from "./certify.ts";

/** How far a float result lies from the exact value it approximates. */
export interface FloatError {
  /** The float's shortest round-trip string ("Infinity" or "NaN" when it left the finite range). */
  readonly value: string;
  /**
   * ULP distance from the correctly rounded exact value (`ulpDistance(float,
   * roundToBinary(exact))`): 0 means the float is the best the format can hold. Infinity
   * when the float is not finite but the exact value is.
   */
  readonly ulps: number;
  /** Leading significant digits of the float's exact decimal value that agree with the exact value, at most `cap`. */
  readonly digits: number;
}

/**
 * Error of a float64 or float32 result `float` against the exact decimal `exact`,
 * decided by exact decimal arithmetic (the float is expanded to its exact decimal value;
 * no double is compared with a double). `cap` bounds the digit count (the exact value's
 * own certified digits). A non-finite float has 0 correct digits.
 */
export function floatError(
  float: number,
  exact: Decimal,
  format: BinaryFormat,
  cap: number,
  text: string,
): FloatError {
  const ulps = ulpDistance(float, roundToBinary(exact, format), format);
  if (!Number.isFinite(float)) return { value: text, ulps, digits: 0 };
  const digits = agreeingDigits(new Decimal(exactDecimal(float)), exact, cap);
  return { value: text, ulps, digits };
}

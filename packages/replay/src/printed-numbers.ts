import Decimal from "decimal.js";

/**
 * A number in printed output: digits with an optional sign, point and exponent, not part
 * of a word ("W0:" holds none, "1th" holds 1, "[[0.2455836  0.84691021]]" holds two).
 */
const NUMBER = /(?<![\w.])[-+]?(?:\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?/g;

/** The numbers of one printed line, in order, as printed. */
export function numbersOfLine(text: string): string[] {
  return [...text.matchAll(NUMBER)].map((m) => m[0]);
}

const D = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });

/** Fractional digits a printed number states ("0.2455836" → 7, "1." → 0, "1.5e-3" → 4). */
function statedDecimals(printed: string): number {
  const [mantissa, exponent] = printed.toLowerCase().split("e");
  const fraction = mantissa!.split(".")[1] ?? "";
  return Math.max(0, fraction.length - Number(exponent ?? 0));
}

/** Significant digits a float64 can print (numpy's shortest repr never prints more). */
const FLOAT64_DIGITS = 17;

function significantDigits(s: string): number {
  return s.toLowerCase().split("e")[0]!.replace(/[-+.]/g, "").replace(/^0+/, "").length;
}

/**
 * Whether the replay printed what the source printed: the same string, or — for an exact
 * scalar, which prints every working digit where the source's float64 printed at most 17
 * — more digits than a double has that round half to even to the printed ones. (An array
 * prints at most 8 decimals in both modes, trailing zeros dropped, so there only equal
 * strings match.) Decided on the decimal strings, never on doubles.
 */
export function reproduces(printed: string, replayed: string): boolean {
  if (printed === replayed) return true;
  if (significantDigits(replayed) <= FLOAT64_DIGITS) return false;
  const places = statedDecimals(printed);
  return new D(replayed).toDecimalPlaces(places).eq(new D(printed));
}

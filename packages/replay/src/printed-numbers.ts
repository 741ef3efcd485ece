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

/**
 * Whether the replay printed what the source printed: the same digits, or more digits
 * that round half to even to them (an exact scalar prints all its working digits where
 * float64 printed 17). Decided on the decimal strings, never on doubles.
 */
export function reproduces(printed: string, replayed: string): boolean {
  if (printed === replayed) return true;
  const places = statedDecimals(printed);
  if (statedDecimals(replayed) <= places) return false;
  return new D(replayed).toDecimalPlaces(places).eq(new D(printed));
}

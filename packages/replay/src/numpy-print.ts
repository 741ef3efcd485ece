import Decimal from "decimal.js";

/** numpy's default print options that matter here (np.get_printoptions()). */
export const NUMPY_PRINT = { precision: 8, floatmode: "maxprec", linewidth: 75 } as const;

// Only toDecimalPlaces and toFixed are used, and both work on the exact stored digits
// (a new Decimal is never rounded to `precision`), so the precision is only a bound.
const D = Decimal.clone({ precision: 1000, rounding: Decimal.ROUND_HALF_EVEN });

/**
 * How numpy prints one float of an array with `precision=8, floatmode='maxprec'`: at most
 * 8 fractional digits, trailing zeros dropped, the point kept ("1.", "0.2455836").
 *
 * `exactValue` is the number's exact decimal value: for a double, its exact binary value
 * (`exactDecimal`), since numpy's dragon4 rounds that and not a shortened repr. Digits
 * are cut at 8 places rounding half to even on that exact value, as dragon4 does. (In
 * 'maxprec' dragon4 runs in its shortest-unique mode with an 8-digit cutoff; for a
 * double whose shortest repr has at most 8 fractional digits that repr is the exact
 * value rounded to 8 places, so both descriptions agree.) A decimal string in
 * exponent form ("1e-9") is accepted; NaN and infinities are not numbers numpy prints
 * this way and are refused.
 */
export function formatFloat(exactValue: string, precision: number = NUMPY_PRINT.precision): string {
  const x = new D(exactValue);
  if (!x.isFinite()) throw new RangeError(`formatFloat: ${exactValue} is not a finite number`);
  const fixed = x.toDecimalPlaces(precision, Decimal.ROUND_HALF_EVEN).toFixed(precision);
  return fixed.replace(/0+$/, "");
}

/**
 * The lines numpy prints for a 2-D float array (np.array2string with the default
 * options): every entry formatted by `formatFloat`, integer parts padded on the left
 * and fractional parts padded with spaces on the right to the widest of the array, so
 * that the points line up; entries separated by one space; "[[" … "]" on the first
 * row, " [" … "]]" on the last. Two cases numpy prints otherwise are refused (a
 * RangeError) rather than printed differently: rows wider than the 75-character line
 * width (numpy wraps them), and arrays numpy switches to scientific notation (a nonzero
 * |x| below 1e-4, or at least 1e8, or a ratio of largest to smallest above 1000).
 */
export function formatArray(exactValues: readonly (readonly string[])[]): string[] {
  const magnitudes = exactValues
    .flat()
    .map((v) => new D(v).abs())
    .filter((x) => !x.isZero());
  if (magnitudes.length > 0) {
    const min = D.min(...magnitudes);
    const max = D.max(...magnitudes);
    if (min.lt("1e-4") || max.gte("1e8") || max.div(min).gt(1000)) {
      throw new RangeError("formatArray: numpy would print this array in scientific notation");
    }
  }
  const cells = exactValues.map((row) => row.map((v) => formatFloat(v)));
  const parts = cells.flat().map((s) => s.split("."));
  const left = Math.max(...parts.map(([i]) => i!.length));
  const right = Math.max(...parts.map(([, f]) => f!.length));
  const cell = (s: string) => {
    const [i, f] = s.split(".");
    return `${i!.padStart(left)}.${f!.padEnd(right)}`;
  };
  const last = cells.length - 1;
  return cells.map((row, r) => {
    const line = `${r === 0 ? "[[" : " ["}${row.map(cell).join(" ")}]${r === last ? "]" : ""}`;
    if (line.length > NUMPY_PRINT.linewidth) {
      throw new RangeError(`formatArray: a row of ${line.length} characters would be wrapped by numpy`);
    }
    return line;
  });
}

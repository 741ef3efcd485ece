/**
 * How the exact mode writes a decimal: as decimal.js's `toString` with the exact mode's
 * settings (`exactDecimalConstructor`), in fixed notation for a leading digit at 10^e with
 * TO_EXP_NEG < e < TO_EXP_POS ("0.0000123", "123.5"), else in exponential notation
 * ("1.23e-7", "1e+21"), without trailing zeros.
 */
export const TO_EXP_NEG = -7;
export const TO_EXP_POS = 21;

/**
 * ±n·10^s (n ≥ 0 a BigInt) written as decimal.js writes it at the settings above, without
 * building a Decimal: the certified values of a training run (thousands of them, up to
 * 2000 digits each) are only ever printed.
 */
export function decimalText(negative: boolean, n: bigint, s: number): string {
  if (n === 0n) return "0";
  let digits = n.toString();
  const e = digits.length - 1 + s;
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  digits = digits.slice(0, end);
  let text: string;
  if (e <= TO_EXP_NEG || e >= TO_EXP_POS) {
    const point = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    text = `${point}${e < 0 ? "e" : "e+"}${e}`;
  } else if (e < 0) {
    text = `0.${"0".repeat(-e - 1)}${digits}`;
  } else if (e + 1 >= digits.length) {
    text = digits + "0".repeat(e + 1 - digits.length);
  } else {
    text = `${digits.slice(0, e + 1)}.${digits.slice(e + 1)}`;
  }
  return negative ? `-${text}` : text;
}

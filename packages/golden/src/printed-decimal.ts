import Decimal from "decimal.js";

/**
 * Printed numbers and their precision. A printed string is its own precision: "0.680"
 * has three decimals and claims the value lies in [0.6795, 0.6805). Rounding to the
 * printed digits uses round half up (ties away from zero), the rule people follow when
 * they round by hand; ties only arise for values with a finite decimal expansion (such
 * as 0.755 printed to two decimals), never for results of exp.
 */
const Exact = Decimal.clone({
  precision: 200,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1000,
  toExpPos: 1000,
});

const DECIMAL_STRING = /^-?(0|[1-9][0-9]*)?(\.([0-9]+))?([eE]([-+]?[0-9]+))?$/;

/** The typographic minus sign real sources print (U+2212). */
const MINUS_SIGN = "\u2212";

/**
 * A printed number as a decimal string the arithmetic reads: a typographic minus (U+2212)
 * becomes "-"; everything else is kept (".85" stays ".85", "0.680" keeps its zero).
 */
export function printedAsDecimal(printed: string): string {
  return printed.replaceAll(MINUS_SIGN, "-");
}

/**
 * Why a string is not a number as printed, naming the first character that cannot be
 * part of one: "0,35" → `the character "," (U+002C) is not part of a number`.
 */
export function notAPrintedNumber(text: string): string {
  const bad = [...text].find((ch) => !/[0-9.eE+\-\u2212]/.test(ch));
  const got = JSON.stringify(text);
  if (bad === undefined) return `expected a number as printed, such as "0.35" or "\u22120.8", got ${got}`;
  const code = bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
  return `expected a number as printed, got ${got}: the character ${JSON.stringify(bad)} (U+${code}) is not part of a number`;
}

/**
 * Number of decimals a printed string carries: digits after the point minus the
 * exponent ("0.680" → 3, "12" → 0, "1.5e-3" → 4, "1e3" → −3). Throws on a string
 * that is not a finite decimal.
 */
export function printedDecimals(printed: string): number {
  const m = DECIMAL_STRING.exec(printedAsDecimal(printed));
  if (m === null || (m[1] === undefined && m[3] === undefined))
    throw new RangeError(`"${printed}" is not a decimal string`);
  return (m[3]?.length ?? 0) - Number(m[5] ?? 0);
}

/**
 * value rounded half up to `decimals` decimals (negative: to tens, hundreds, …), as a
 * plain decimal string with exactly that many decimals when decimals ≥ 0
 * (0.6802… at 3 → "0.680"; 0.027674… at 5 → "0.02767"). NaN and ±Infinity are refused.
 */
export function roundToDecimals(value: Decimal.Value, decimals: number): string {
  const x = new Exact(value);
  if (!x.isFinite()) throw new RangeError(`cannot round ${x.toString()} to printed digits`);
  if (decimals >= 0) return x.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const unit = new Exact(10).pow(-decimals);
  return x.div(unit).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).times(unit).toFixed(0);
}

/** The value rounded to the precision of a printed string (see `roundToDecimals`). */
export function roundLikePrinted(value: Decimal.Value, printed: string): string {
  return roundToDecimals(value, printedDecimals(printed));
}

/**
 * Whether value, rounded to the printed string's decimals, is the printed number (decided
 * exactly). Rounding half up to d decimals gives p exactly on an interval around p of
 * half a unit h = 5·10^(−d−1) either side, closed on the side towards zero (a tie rounds
 * away from zero): [p − h, p + h) for p > 0, (p − h, p + h] for p < 0, (−h, h) for p = 0;
 * the interval is computed once per printed string and the value compared with its ends.
 */
export function matchesPrinted(value: Decimal.Value, printed: string): boolean {
  // A Decimal is compared as it is (a comparison is exact whatever its precision), not copied.
  const x = Decimal.isDecimal(value) ? value : new Exact(value);
  const within = x.isFinite() ? printedInterval(printed) : null;
  if (within === null)
    return new Exact(roundLikePrinted(x, printed)).eq(new Exact(printedAsDecimal(printed)));
  const low = x.cmp(within.low);
  const high = x.cmp(within.high);
  return (low > 0 || (low === 0 && within.closedLow)) && (high < 0 || (high === 0 && within.closedHigh));
}

/** The values that round to a printed number, as an interval (see `matchesPrinted`). */
interface PrintedInterval {
  readonly low: Decimal;
  readonly high: Decimal;
  readonly closedLow: boolean;
  readonly closedHigh: boolean;
}

const intervals = new Map<string, PrintedInterval | null>();
const MAX_INTERVALS = 100_000;
/** Digits from a printed number's first to the digit after its last: p ± h is exact below Exact's 200. */
const MAX_INTERVAL_DIGITS = 190;

/** The interval of a printed string, or null when p ± h would not be exact at Exact's precision. */
function printedInterval(printed: string): PrintedInterval | null {
  let within = intervals.get(printed);
  if (within === undefined) {
    const d = printedDecimals(printed);
    const p = new Exact(printedAsDecimal(printed));
    const h = new Exact(`5e${-d - 1}`);
    const sign = p.isZero() ? 0 : p.isNegative() ? -1 : 1;
    within =
      p.e + d + 2 > MAX_INTERVAL_DIGITS
        ? null
        : { low: p.minus(h), high: p.plus(h), closedLow: sign > 0, closedHigh: sign < 0 };
    if (intervals.size >= MAX_INTERVALS) intervals.clear();
    intervals.set(printed, within);
  }
  return within;
}

/** Whether value, cut toward zero at the printed string's decimals, is the printed number (decided exactly). */
export function cutTo(value: Decimal.Value, printed: string): boolean {
  const d = printedDecimals(printed);
  const x = new Exact(value);
  const unit = new Exact(10).pow(-d);
  return x
    .div(unit)
    .trunc()
    .times(unit)
    .eq(new Exact(printedAsDecimal(printed)));
}

/** value rounded to k significant digits, half up (k ≥ 1). */
export function roundToSignificant(value: Decimal, k: number): Decimal {
  return new Exact(value).toSignificantDigits(k, Decimal.ROUND_HALF_UP);
}

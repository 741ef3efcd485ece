import Decimal from "decimal.js";
import type { CaseFile } from "@bpcheck/golden";
import { matchesPrinted, roundLikePrinted, roundToDecimals } from "@bpcheck/golden";

/** Significant digits shown when the source prints no number at all. */
const FALLBACK_SIGNIFICANT = 4;

/** How one value is rounded: to a published entry's decimals, or to the source's usual significant digits. */
export interface PrintedPrecision {
  /** The published entry's printed string, when the source prints this quantity. */
  readonly printed: string | null;
  /** The string whose decimals the value is rounded to: the printed one, or the case's own for a given number. */
  readonly like: string | null;
  /** Significant digits when there is neither. */
  readonly significant: number;
}

/**
 * A number the case gives (an input, a target, a weight or bias before the step), as
 * written in the case, or undefined for a computed quantity.
 */
export function givenValue(c: CaseFile, name: string): string | undefined {
  const m = /^(x|y|W|b)((?:\[\d+\])+)(?:@s\[(\d+)\])?$/.exec(name);
  if (m === null) return undefined;
  // x[i] and y[k] have one index; W[l][j][i] and b[l][j] start with the layer.
  const [first = 0, j = 0, i = 0] = [...m[2]!.matchAll(/\[(\d+)\]/g)].map((g) => Number(g[1]));
  const sample = c.data[Number(m[3] ?? 0)];
  const layer = c.network.layers[first];
  switch (m[1]) {
    case "x":
      return sample?.x[first];
    case "y":
      return sample?.y[first];
    case "W":
      return layer?.weights[j]?.[i];
    default:
      return layer?.biases?.[j];
  }
}

/** Significant digits a printed string carries: "0.680" → 3, "0.00093" → 2, "12" → 2, "1.5e-3" → 2. */
export function significantDigits(printed: string): number {
  const mantissa = printed.replace(/^[-\u2212+]/, "").replace(/[eE].*$/, "");
  const digits = mantissa.replace(".", "").replace(/^0+/, "");
  return Math.max(1, digits.length);
}

const kindOf = (name: string) => name.replace(/[[@].*$/, "");

/** The printed string with its sign turned ("1.0" → "-1.0", "−0.4" → "0.4"). */
const negatedPrinted = (printed: string) => (/^[-\u2212]/.test(printed) ? printed.slice(1) : `-${printed}`);

/** The median of a non-empty list, the upper one of the two middle values for an even count. */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * The precision the source prints each quantity with. A quantity the source prints is
 * rounded to the decimals of its published entry (its first, when there are several), a
 * number the case gives to the decimals it is written with.
 * Any other takes the digits the source typically keeps: the median significant digits
 * of its printed numbers of the same kind (z, a, dW, …), or of all its printed numbers
 * when it prints none of that kind (4 when it prints none at all). Significant digits,
 * not decimals, because sources keep about as many digits for 0.00093 as for 0.755.
 */
export function printedPrecision(c: CaseFile): (name: string) => PrintedPrecision {
  const printedOf = new Map<string, string>();
  const byKind = new Map<string, number[]>();
  const all: number[] = [];
  for (const p of c.published) {
    // A number printed as the negative of its quantity (a term after a minus sign, `-term[…]`)
    // is the quantity's value with the sign turned.
    const negated = p.quantity.startsWith("-");
    const quantity = negated ? p.quantity.slice(1) : p.quantity;
    const printed = negated ? negatedPrinted(p.printed) : p.printed;
    if (!printedOf.has(quantity)) printedOf.set(quantity, printed);
    const digits = significantDigits(p.printed);
    const kind = kindOf(quantity);
    byKind.set(kind, [...(byKind.get(kind) ?? []), digits]);
    all.push(digits);
  }
  const typical = all.length === 0 ? FALLBACK_SIGNIFICANT : median(all);
  return (name) => {
    const kind = byKind.get(kindOf(name));
    const printed = printedOf.get(name) ?? null;
    return {
      printed,
      like: printed ?? givenValue(c, name) ?? null,
      significant: kind === undefined ? typical : median(kind),
    };
  };
}

/** A value rounded as the source would print it, half up, as a plain decimal string. */
export function roundAsPrinted(value: Decimal.Value, precision: PrintedPrecision): string {
  if (precision.like !== null) return roundLikePrinted(value, precision.like.replace("\u2212", "-"));
  const x = new Decimal(value);
  if (x.isZero()) return "0";
  // x.e is the exponent of the leading digit: 0.0181 has e = −2, so 3 digits are 4 decimals.
  return roundToDecimals(x, precision.significant - 1 - x.e);
}

/** Whether the value agrees with the source's printed number at its printed digits (decided exactly). */
export function agreesWithPrinted(value: Decimal.Value, printed: string): boolean {
  return matchesPrinted(value, printed.replace("\u2212", "-"));
}

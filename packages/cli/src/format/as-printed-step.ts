import type { CaseFile } from "@bpcheck/golden";
import { agreesWithPrinted, printedPrecision, roundAsPrinted } from "./as-printed.ts";
import { caseName, sourceSymbol } from "./source-symbols.ts";
import { substitutedFormula } from "./substituted-formula.ts";

/** One quantity of the worked step as the source would print it. */
export interface AsPrintedQuantity {
  readonly name: string;
  readonly symbol: string;
  /** The value rounded as the source prints it. */
  readonly value: string;
  /** The right-hand side with the numbers put in ("0.1·0.35 + 0.8·0.9"), or null. */
  readonly formula: string | null;
  /** The source's printed number for this quantity, or null when it prints none. */
  readonly printed: string | null;
  /** Whether the exact value agrees with the printed number at its digits (null without one). */
  readonly agrees: boolean | null;
  /** "h_1 = 0.1·0.35 + 0.8·0.9 = 0.755" */
  readonly line: string;
}

/**
 * The worked step as a tutorial writes it: each value rounded as the source prints it,
 * each formula with the rounded values of its operands put in, so that the line can be
 * checked by hand the way the source computed it.
 */
export function asPrintedStep(
  c: CaseFile,
  quantities: readonly { readonly name: string; readonly value: string; readonly full: string }[],
): AsPrintedQuantity[] {
  const precisionOf = printedPrecision(c);
  const shownValues = new Map(quantities.map((q) => [q.name, roundAsPrinted(q.full, precisionOf(q.name))]));
  const shown = (name: string) => shownValues.get(name);
  return quantities.map((q) => {
    const value = shown(q.name)!;
    const formula = substitutedFormula(c, q.name, shown);
    const { printed } = precisionOf(q.name);
    // Without a symbol, the name as the case writes it (matrix entries in the layer's layout).
    const symbol = sourceSymbol(c, q.name) === q.name ? caseName(c, q.name) : sourceSymbol(c, q.name);
    return {
      name: q.name,
      symbol,
      value,
      formula,
      printed,
      agrees: printed === null ? null : agreesWithPrinted(q.full, printed),
      line: formula === null ? `${symbol} = ${value}` : `${symbol} = ${formula} = ${value}`,
    };
  });
}

import type Decimal from "decimal.js";
import type { CaseFile } from "./case-file.ts";
import { InputError } from "./input-error.ts";
import { matchesPrinted } from "./printed-decimal.ts";
import { exactQuantities } from "./reference-derivation.ts";

/** How a published number came to its quantity. */
export type PlacedBy = "quantity" | "value" | "symbol";

/** Where a published number is placed, and what else it could have been. */
export interface Placement {
  readonly quantity: string;
  readonly by: PlacedBy;
  /** Every quantity whose value rounds to the printed number, the placed one first (by value). */
  readonly candidates: readonly string[];
}

/** The number and the name a source prints, and the quantity the case says it is, if any. */
export interface EntryToPlace {
  readonly symbol: string;
  readonly printed: string;
  readonly quantity?: string | undefined;
}

/**
 * The quantity a source's symbol names, by the rule `run` shows quantities under: an
 * exact entry of `symbols` ("Z_y" → z[1][0]), or the symbol of a vector or matrix with
 * the element's 1-based subscripts ("h_2" → z[0][1], "W0_12" → W[0][0][1], "W0_12,3"
 * when an index reaches 10); x and y are named by their symbol alone ("X_1" → x[0]).
 * Undefined when the symbol names nothing.
 */
export function quantityOfSymbol(
  symbols: Readonly<Record<string, { readonly quantity: string }>>,
  symbol: string,
): string | undefined {
  const exact = symbols[symbol];
  if (exact !== undefined) return exact.quantity;
  const m = /^(.+)_(\d+(?:,\d+)*|\d+)$/.exec(symbol);
  if (m === null) return undefined;
  const parent = symbols[m[1]!];
  if (parent === undefined) return undefined;
  const subscripts = m[2]!.includes(",") ? m[2]!.split(",").map(Number) : [...m[2]!].map(Number);
  if (subscripts.some((s) => s < 1)) return undefined;
  return parent.quantity + subscripts.map((s) => `[${s - 1}]`).join("");
}

/** A quantity name without its sign and sample/time suffixes: what a symbol can point at. */
const baseOf = (name: string) => name.replace(/^-/, "").replace(/@.*$/, "");

/**
 * Places a published number. A number whose quantity the case gives stays there. Otherwise
 * the candidates are every quantity (in the order given: the worked step first, a sign
 * convention's negatives and later steps after) whose exact value, rounded to the printed
 * digits, is the printed number.
 *
 * - When the symbol names a quantity (`h1` → z[0][0]) or a vector or matrix (`h` → z[0]),
 *   the candidates it points at (that quantity at any step or sign, or an element of it)
 *   win, the first of them taken (`by: "value"`). When none of them matches but the symbol
 *   names one quantity, the number stays at that quantity for the verdict to judge
 *   (`by: "symbol"`): a wrong number is not moved to whichever quantity it happens to equal.
 * - Otherwise the first candidate of all is taken (`by: "value"`).
 *
 * Undefined when nothing places it.
 */
export function placeEntry(
  entry: EntryToPlace,
  values: ReadonlyMap<string, Decimal>,
  symbolQuantity: string | undefined,
): Placement | undefined {
  if (entry.quantity !== undefined) return { quantity: entry.quantity, by: "quantity", candidates: [] };
  const printed = entry.printed.replace(/^\u2212/, "-");
  const matching = [...values].filter(([, v]) => matchesPrinted(v, printed)).map(([name]) => name);
  if (symbolQuantity !== undefined) {
    const pointed = matching.filter(
      (name) => baseOf(name) === symbolQuantity || baseOf(name).startsWith(`${symbolQuantity}[`),
    );
    if (pointed.length > 0) return { quantity: pointed[0]!, by: "value", candidates: pointed };
    if (values.has(symbolQuantity)) return { quantity: symbolQuantity, by: "symbol", candidates: matching };
  }
  if (matching.length > 0) return { quantity: matching[0]!, by: "value", candidates: matching };
  return undefined;
}

const placementsByCase = new WeakMap<CaseFile, readonly Placement[]>();

/** How each published number of a loaded case was placed (undefined when the case gave every quantity). */
export function placementsOf(c: CaseFile): readonly Placement[] | undefined {
  return placementsByCase.get(c);
}

/**
 * The case with every published number placed (see `placeEntry`), judged against the exact
 * worked step; a number nothing places is an InputError naming its entry.
 */
export function placePublished(file: string, c: CaseFile): CaseFile {
  if (c.published.every((p) => p.quantity !== undefined)) return c;
  const values = exactQuantities(c);
  const placements = c.published.map((p, n) => {
    const symbolQuantity = quantityOfSymbol(c.symbols, p.symbol);
    const placed = placeEntry(p, values, symbolQuantity);
    if (placed === undefined) {
      throw new InputError(
        file,
        `$.published[${n}].printed`,
        `expected a number that a quantity of the case rounds to, or a "quantity": no quantity has the value ${p.printed} at its digits${symbolQuantity === undefined ? ` and "${p.symbol}" names none` : ` (not even ${symbolQuantity}, which "${p.symbol}" names)`}`,
      );
    }
    return placed;
  });
  const placedCase: CaseFile = {
    ...c,
    published: c.published.map((p, n) => ({ ...p, quantity: placements[n]!.quantity })),
  };
  placementsByCase.set(placedCase, placements);
  return placedCase;
}

import {
  formatQuantity,
  kindOf,
  mustParse,
  negatedName,
  swapMatrixIndices,
  type Horizon,
  type QuantityName,
} from "@bpcheck/core";
import type Decimal from "decimal.js";
import type { CaseFile, Conventions, SourceLocation } from "./case-file.ts";
import { canonicalQuantity, type RawCase } from "./case-normalise.ts";
import { InputError } from "./input-error.ts";
import { matchesPrinted, printedAsDecimal } from "./printed-decimal.ts";
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

/** The numbers a case gives: inputs, targets and the parameters before the first step. */
const GIVEN = /^(x|y|W|b)\[[^@]*$/;

/** A quantity name without its sign and sample/time suffixes: what a symbol can point at. */
const baseOf = (name: string) => name.replace(/^-/, "").replace(/@.*$/, "");

/**
 * Places a published number. A number whose quantity the case gives stays there. Otherwise
 * the candidates are every quantity (in the order given: the worked step first, a sign
 * convention's negatives and later steps after) whose exact value, rounded to the printed
 * digits, is the printed number, results before parts written down on the way to them
 * (`term`, …), before negatives, before the numbers the case gives.
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
  // A printed number is more often a whole result than a part written down on the way to one,
  // a negative or a restated given: those come after it, in that order.
  const rank = (name: string) =>
    GIVEN.test(name) ? 3 : name.startsWith("-") ? 2 : kindOf(mustParse(name)).part ? 1 : 0;
  const matching = [...values]
    .filter(([, v]) => matchesPrinted(v, printed))
    .map(([name]) => name)
    .sort((p, q) => rank(p) - rank(q));
  if (symbolQuantity !== undefined) {
    const target = baseOf(symbolQuantity);
    const pointed = matching.filter(
      (name) => baseOf(name) === target || baseOf(name).startsWith(`${target}[`),
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

/** Later steps searched for a number placed by value: up to the third step, update and epoch of the training. */
const SEARCHED_LATER = 3;

function searchHorizon(c: CaseFile): Horizon {
  const updates = c.training.epochs * (c.training.batch === "sgd" ? c.data.length : 1);
  const reach = Math.min(updates, SEARCHED_LATER);
  return {
    steps: Math.max(c.horizon?.steps ?? 1, reach),
    after: [
      ...new Set([...(c.horizon?.after ?? []), ...Array.from({ length: reach }, (_, n) => n + 1)]),
    ].sort((a, b) => a - b),
    epochs: Math.max(c.horizon?.epochs ?? 0, Math.min(c.training.epochs, SEARCHED_LATER)),
  };
}

/** Whether the conventions in force print the negative of a kind. */
function negates(q: QuantityName, conventions: Conventions): boolean {
  const sign = kindOf(q).sign;
  return (
    (sign === "delta" && conventions.delta === "-dL/dz") ||
    (sign === "gradient" && conventions.gradient === "-dL/dW")
  );
}

/** An empty section and text for a location that leaves them out. */
function missingLocationFields(location: Partial<SourceLocation>): Partial<SourceLocation> {
  return {
    ...(location.section === undefined ? { section: "" } : {}),
    ...(location.text === undefined ? { text: "" } : {}),
  };
}

/**
 * Published entries in full: an id by position (p1, p2, …) and an empty section and text
 * where the file leaves them out.
 */
export function withEntryDefaults(raw: RawCase): RawCase {
  return {
    ...raw,
    published: raw.published.map((p, n) => ({
      ...p,
      id: p.id ?? `p${n + 1}`,
      // The file's own keys first, in its order (generated fixtures copy the location).
      location: { ...p.location, ...missingLocationFields(p.location) },
    })),
  };
}

/**
 * The case with every published number placed (see `placeEntry`), judged against the exact
 * worked step and the first later steps, updates and epochs of its training, in every sign
 * the case's kinds can be printed with; a placed quantity is written as the case writes
 * names (the layer's layout, the case's conventions). A number nothing places is an
 * InputError naming its entry.
 */
export function placePublished(file: string, raw: RawCase, normalise: (raw: RawCase) => CaseFile): CaseFile {
  const open = raw.published.flatMap((p, n) => (p.quantity === undefined ? [n] : []));
  if (open.length === 0) return normalise(raw);
  const given = normalise({ ...raw, published: raw.published.filter((p) => p.quantity !== undefined) });
  const values = exactQuantities({ ...given, horizon: searchHorizon(given) });
  const written = new Map<number, string>();
  const placements: Placement[] = [];
  for (const n of open) {
    const p = raw.published[n]!;
    const conventions = { ...given.conventions, ...p.conventions };
    const options = { conventions, ...(p.layout === undefined ? {} : { layout: p.layout }) };
    const named = quantityOfSymbol(raw.symbols, p.symbol);
    let symbolQuantity: string | undefined;
    try {
      if (named !== undefined) {
        symbolQuantity = formatQuantity(
          canonicalQuantity(file, "$", raw, named, { ...options, prefix: true }),
        );
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
    }
    const placed = placeEntry(
      { symbol: p.symbol, printed: printedAsDecimal(p.printed) },
      values,
      symbolQuantity,
    );
    if (placed === undefined) {
      throw new InputError(
        file,
        `$.published[${n}].printed`,
        `expected a number that a quantity of the case rounds to, or a "quantity": no quantity has the value ${p.printed} at its digits${symbolQuantity === undefined ? ` and "${p.symbol}" names none` : ` (not even ${named}, which "${p.symbol}" names)`}`,
      );
    }
    // Back to the case's own way of writing it: the layer's layout, the sign its conventions print.
    const asWritten = (name: string) => {
      let q = negatedName(mustParse(name), negates(mustParse(name), conventions));
      const layout = p.layout ?? raw.network.layers[q.index[0] ?? 0]?.layout ?? "out-in";
      if (kindOf(q).matrix && layout === "in-out") q = swapMatrixIndices(q);
      return formatQuantity(q);
    };
    written.set(n, asWritten(placed.quantity));
    placements[n] = {
      ...placed,
      quantity: asWritten(placed.quantity),
      candidates: placed.candidates.map(asWritten),
    };
  }
  const placedCase = normalise({
    ...raw,
    published: raw.published.map((p, n) => (written.has(n) ? { ...p, quantity: written.get(n)! } : p)),
  });
  raw.published.forEach((p, n) => {
    placements[n] ??= { quantity: p.quantity, by: "quantity", candidates: [] };
  });
  placementsByCase.set(placedCase, placements);
  return placedCase;
}

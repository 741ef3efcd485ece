import type { CaseFile } from "@bpcheck/golden";

const bySymbolCache = new WeakMap<CaseFile, Map<string, string>>();

/**
 * The case's symbols keyed by the canonical quantity (or quantity prefix) each names, built
 * once per case (looking every quantity's name up in a list rebuilt each time made reports
 * quadratic in the number of symbols).
 */
export function symbolsByQuantity(c: CaseFile): Map<string, string> {
  let map = bySymbolCache.get(c);
  if (map === undefined) {
    map = new Map(Object.entries(c.symbols).map(([symbol, s]) => [s.quantity, symbol]));
    bySymbolCache.set(c, map);
  }
  return map;
}

/**
 * The source's own name for one element of a quantity, from the case's `symbols`: an
 * exact entry ("Z_y" for z[1][0]) wins; otherwise the symbol of the enclosing vector or
 * matrix with 1-based subscripts, as hand calculations write them ("h_2" for z[0][1],
 * "W0_21" for W[0][1][0]: row j = unit, column i = input, so W_ji joins input i to unit
 * j). Indices of 10 or more are separated by commas ("W0_12,3"). Without a symbol, the
 * canonical name.
 */
export function sourceSymbol(c: CaseFile, name: string): string {
  const bySymbol = symbolsByQuantity(c);
  const exact = bySymbol.get(name);
  if (exact !== undefined) return exact;
  const match = /^([^[]+)((?:\[\d+\])+)$/.exec(name);
  if (match === null) return name;
  const indices = [...match[2]!.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  // Vectors and matrices are named by their first index (the layer), samples x and y by none.
  const keep = match[1] === "x" || match[1] === "y" ? 0 : 1;
  const parent =
    match[1]! +
    indices
      .slice(0, keep)
      .map((i) => `[${i}]`)
      .join("");
  const symbol = bySymbol.get(parent);
  if (symbol === undefined) return name;
  const subscripts = indices.slice(keep).map((i) => i + 1);
  return `${symbol}_${subscripts.join(subscripts.some((s) => s >= 10) ? "," : "")}`;
}

/** The source's name of a quantity, or null when the case gives it none (the canonical name is then the only name). */
export function sourceSymbolOrNull(c: CaseFile, name: string): string | null {
  const symbol = sourceSymbol(c, name);
  return symbol === name ? null : symbol;
}

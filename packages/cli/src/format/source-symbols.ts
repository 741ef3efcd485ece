import { formatQuantity, kindOf, parseQuantity, swapMatrixIndices, type QuantityName } from "@bpcheck/core";
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
 * A matrix entry in the index order the case writes its layer in: [l][unit][input] for
 * out-in, [l][input][unit] for in-out (the row and column of the matrix as printed).
 */
export function inCaseLayout(c: CaseFile, q: QuantityName): QuantityName {
  if (!kindOf(q).matrix || q.index.length !== 3) return q;
  return c.network.layers[q.index[0]!]?.layout === "in-out" ? swapMatrixIndices(q) : q;
}

/** A canonical name as the case file writes it (matrix entries in the layer's layout). */
export function caseName(c: CaseFile, name: string): string {
  const parsed = parseQuantity(name);
  return parsed.ok ? formatQuantity(inCaseLayout(c, parsed.name)) : name;
}

/**
 * The source's own name for one element of a quantity, from the case's `symbols`: an
 * exact entry ("Z_y" for z[1][0]) wins; otherwise the symbol of the enclosing vector or
 * matrix with 1-based subscripts, as hand calculations write them ("h_2" for z[0][1],
 * "W0_21" for W[0][1][0]: row j = unit, column i = input, so W_ji joins input i to unit
 * j; in a layer written in×out the subscripts are row i = input, column j = unit).
 * Indices of 10 or more are separated by commas ("W0_12,3"). Without a symbol, the
 * canonical name.
 */
export function sourceSymbol(c: CaseFile, name: string): string {
  const bySymbol = symbolsByQuantity(c);
  const exact = bySymbol.get(name);
  if (exact !== undefined) return exact;
  const parsed = parseQuantity(name);
  if (!parsed.ok || parsed.name.index.length === 0) return name;
  const q = parsed.name;
  // Vectors and matrices are named by their first index (the layer); x, y, dx, lossTerm by none.
  const keep = kindOf(q).layered ? 1 : 0;
  const symbol = bySymbol.get(formatQuantity({ ...q, index: q.index.slice(0, keep) }));
  if (symbol === undefined) return name;
  const subscripts = inCaseLayout(c, q)
    .index.slice(keep)
    .map((i) => i + 1);
  return `${symbol}_${subscripts.join(subscripts.some((s) => s >= 10) ? "," : "")}`;
}

/** The source's name of a quantity, or null when the case gives it none (the canonical name is then the only name). */
export function sourceSymbolOrNull(c: CaseFile, name: string): string | null {
  const symbol = sourceSymbol(c, name);
  return symbol === name ? null : symbol;
}

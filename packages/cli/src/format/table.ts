/** Marks a cell cut short to fit the terminal. */
export const CUT = "…";

/** The narrowest a column is cut to, marker included. */
const MIN_COLUMN = 6;

/**
 * Code points in `s` (what `[...s].length` counts), without building the array: a long
 * table of 1000-digit values spent a visible part of its time there.
 */
function width(s: string): number {
  let n = s.length;
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const before = s.charCodeAt(i - 1);
    // A low surrogate after a high one is the second half of one code point.
    if (c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff) {
      n--;
      i++;
    }
  }
  return n;
}

function cut(cell: string, w: number): string {
  return width(cell) <= w ? cell : [...cell].slice(0, w - 1).join("") + CUT;
}

/**
 * Column widths that fit in `limit` columns (two spaces between columns): the widest
 * column gives up a column at a time, down to MIN_COLUMN; when even that does not fit,
 * the table is as narrow as it can be.
 */
function fitted(natural: readonly number[], limit: number): number[] {
  const widths = [...natural];
  const total = () => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  while (total() > limit) {
    const widest = widths.indexOf(Math.max(...widths));
    if (widths[widest]! <= MIN_COLUMN) break;
    widths[widest]!--;
  }
  return widths;
}

/**
 * Rows of cells as aligned text columns separated by two spaces; columns listed in
 * `right` are right-aligned (numbers of a column then line up on their last digit).
 * Widths count code points, so "Ŷ" and "∂" take one column. Within `limit` columns (a
 * terminal's width) the widest columns are cut, each cut cell ending in "…".
 */
export function table(
  rows: readonly (readonly string[])[],
  right: readonly number[] = [],
  limit: number = Infinity,
): string[] {
  const natural: number[] = [];
  for (const row of rows) row.forEach((cell, c) => (natural[c] = Math.max(natural[c] ?? 0, width(cell))));
  const widths = fitted(natural, limit);
  return rows.map((row) =>
    row
      .map((given, c) => {
        const cell = cut(given, widths[c] ?? 0);
        const pad = " ".repeat((widths[c] ?? 0) - width(cell));
        return right.includes(c) ? pad + cell : c === row.length - 1 ? cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

/** The width a table indented by `indent` may take: the terminal's, or no limit when stdout is not one. */
export function tableLimit(columns: number | null, indent = 0): number {
  return columns === null ? Infinity : Math.max(1, columns - indent);
}

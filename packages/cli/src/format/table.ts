/**
 * Rows of cells as aligned text columns separated by two spaces; columns listed in
 * `right` are right-aligned (numbers of a column then line up on their last digit).
 * Widths count code points, so "Ŷ" and "∂" take one column.
 */
export function table(rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const width = (s: string) => [...s].length;
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, c) => (widths[c] = Math.max(widths[c] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, c) => {
        const pad = " ".repeat((widths[c] ?? 0) - width(cell));
        return right.includes(c) ? pad + cell : c === row.length - 1 ? cell : cell + pad;
      })
      .join("  ")
      .trimEnd(),
  );
}

import { maxOf, minOf } from "@bpcheck/core";
export interface Series {
  readonly label: string;
  readonly values: readonly number[];
}

const MARKERS = ["•", "x", "o", "+"];

/**
 * A small text chart of one or more curves over the same x range (epochs 1…n): `height`
 * rows of `width` columns, the y axis labelled at its top, middle and bottom, the x
 * axis at its ends, and a legend when there is more than one series. Each column shows
 * the value at the nearest epoch; later series are drawn over earlier ones. Non-finite
 * values are left out.
 */
export function terminalChart(series: readonly Series[], width = 60, height = 12): string[] {
  const n = maxOf(
    series.map((s) => s.values.length),
    0,
  );
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  if (n === 0 || finite.length === 0) return ["(no finite values to chart)"];
  const lo = minOf(finite);
  const hi = maxOf(finite);
  // A flat curve is drawn across the middle row, under a single label.
  const flat = hi === lo;
  const span = hi - lo;
  const middle = Math.floor((height - 1) / 2);
  const columns = Math.min(width, n);
  const grid = Array.from({ length: height }, () => Array<string>(columns).fill(" "));
  series.forEach((s, k) => {
    for (let c = 0; c < columns; c++) {
      const v = s.values[columns === 1 ? 0 : Math.round((c * (n - 1)) / (columns - 1))];
      if (v === undefined || !Number.isFinite(v)) continue;
      const row = flat ? middle : height - 1 - Math.round(((v - lo) / span) * (height - 1));
      grid[row]![c] = MARKERS[k % MARKERS.length]!;
    }
  });
  const label = (v: number) => v.toPrecision(4);
  const labels = grid.map((_, r) => {
    if (r === middle) return label((hi + lo) / 2);
    if (flat) return "";
    return r === 0 ? label(hi) : r === height - 1 ? label(lo) : "";
  });
  const pad = maxOf(labels.map((l) => l.length));
  const lines = grid.map((row, r) => `${labels[r]!.padStart(pad)} ┤${row.join("")}`.trimEnd());
  lines.push(`${" ".repeat(pad)} └${"─".repeat(columns)}`);
  const last = String(n);
  lines.push(`${" ".repeat(pad + 2)}1${last.padStart(columns - 1)}  epoch`);
  if (series.length > 1) {
    lines.push(
      `${" ".repeat(pad + 2)}${series.map((s, k) => `${MARKERS[k % MARKERS.length]} ${s.label}`).join("   ")}`,
    );
  }
  return lines;
}

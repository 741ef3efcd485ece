import { maxOf, minOf } from "@bpcheck/core";
import { scaleLinear, scaleLog } from "d3-scale";
import type { Series } from "./terminal-chart.ts";

export interface PlotOptions {
  readonly title: string;
  /** A logarithmic loss axis (every value must be positive). */
  readonly log: boolean;
}

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { top: 48, right: 24, bottom: 56, left: 88 };
const COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"];
const DASHES = ["", "6 4", "2 3", "10 3 2 3"];

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c]!);
}

const fixed = (x: number) => Number(x.toFixed(2));

/**
 * Loss curves as a standalone SVG document: epochs on x (1…n), loss on y (linear or
 * logarithmic), ticks and grid lines from d3-scale's "nice" tick algorithm, axis
 * labels, a title and a legend; one line per series, told apart by colour and dash
 * (the modes' curves often coincide, so a dash keeps each visible). Non-finite and, on
 * a log axis, non-positive values break the line.
 */
export function lossPlotSvg(series: readonly Series[], options: PlotOptions): string {
  const n = Math.max(1, maxOf(series.map((s) => s.values.length)));
  const usable = (v: number) => Number.isFinite(v) && (!options.log || v > 0);
  const values = series.flatMap((s) => s.values.filter(usable));
  const lo = values.length ? minOf(values) : options.log ? 0.1 : 0;
  const hi = values.length ? maxOf(values) : 1;
  const x = scaleLinear()
    .domain([1, Math.max(2, n)])
    .range([MARGIN.left, WIDTH - MARGIN.right])
    .nice();
  const yDomain: [number, number] = lo === hi ? [lo * 0.9 || -1, hi * 1.1 || 1] : [lo, hi];
  const y = (options.log ? scaleLog() : scaleLinear())
    .domain(yDomain)
    .range([HEIGHT - MARGIN.bottom, MARGIN.top])
    .nice();
  const xTicks = x.ticks(8).filter((t) => Number.isInteger(t));
  const yTicks = y.ticks(6);
  const yFormat = options.log ? y.tickFormat(6, ".1e") : y.tickFormat(6);
  const [bottom, top] = [HEIGHT - MARGIN.bottom, MARGIN.top];
  const [left, right] = [MARGIN.left, WIDTH - MARGIN.right];

  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="15">${escapeXml(options.title)}</text>`,
    `<g stroke="#e5e5e5">`,
    ...xTicks.map((t) => `<line x1="${fixed(x(t))}" y1="${top}" x2="${fixed(x(t))}" y2="${bottom}"/>`),
    ...yTicks.map((t) => `<line x1="${left}" y1="${fixed(y(t))}" x2="${right}" y2="${fixed(y(t))}"/>`),
    `</g>`,
    `<g stroke="black"><line x1="${left}" y1="${bottom}" x2="${right}" y2="${bottom}"/><line x1="${left}" y1="${top}" x2="${left}" y2="${bottom}"/></g>`,
    `<g text-anchor="middle">`,
    ...xTicks.map(
      (t) =>
        `<line x1="${fixed(x(t))}" y1="${bottom}" x2="${fixed(x(t))}" y2="${bottom + 5}" stroke="black"/><text x="${fixed(x(t))}" y="${bottom + 19}">${t}</text>`,
    ),
    `</g>`,
    `<g text-anchor="end">`,
    ...yTicks.map(
      (t) =>
        `<line x1="${left - 5}" y1="${fixed(y(t))}" x2="${left}" y2="${fixed(y(t))}" stroke="black"/><text x="${left - 8}" y="${fixed(y(t)) + 4}">${escapeXml(yFormat(t))}</text>`,
    ),
    `</g>`,
    `<text x="${(left + right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">epoch</text>`,
    `<text transform="translate(18 ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle">loss${options.log ? " (log scale)" : ""}</text>`,
  ];
  series.forEach((s, k) => {
    const segments: string[][] = [[]];
    s.values.forEach((v, e) => {
      if (usable(v)) segments[segments.length - 1]!.push(`${fixed(x(e + 1))},${fixed(y(v))}`);
      else if (segments[segments.length - 1]!.length > 0) segments.push([]);
    });
    const dash = DASHES[k % DASHES.length] ? ` stroke-dasharray="${DASHES[k % DASHES.length]}"` : "";
    for (const points of segments.filter((p) => p.length > 0)) {
      out.push(
        `<polyline fill="none" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="2"${dash} points="${points.join(" ")}"/>`,
      );
    }
  });
  series.forEach((s, k) => {
    const ly = top + 8 + k * 18;
    const dash = DASHES[k % DASHES.length] ? ` stroke-dasharray="${DASHES[k % DASHES.length]}"` : "";
    out.push(
      `<line x1="${right - 150}" y1="${ly}" x2="${right - 120}" y2="${ly}" stroke="${COLOURS[k % COLOURS.length]}" stroke-width="2"${dash}/>`,
      `<text x="${right - 112}" y="${ly + 4}">${escapeXml(s.label)}</text>`,
    );
  });
  out.push("</svg>", "");
  return out.join("\n");
}

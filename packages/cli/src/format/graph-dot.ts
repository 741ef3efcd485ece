import type { GraphEdge, GraphModel, GraphNode } from "./graph-model.ts";

/** Text inside a Graphviz HTML-like label. */
const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

const FILL: Record<GraphNode["kind"], string> = {
  input: "#eef4fb",
  unit: "#fdf6e3",
  loss: "#fde8e8",
  target: "#eef4fb",
};

const row = (cells: readonly string[], port?: string) =>
  `<tr>${cells.map((c, k) => `<td align="left"${port !== undefined && k === 0 ? ` port="${port}"` : ""}>${html(c)}</td>`).join("")}</tr>`;

/**
 * A node as an HTML-like table: its own lines, then (for a unit, unless the figure is a
 * summary) one row per weight it receives, in input order, each with the weight's value
 * and gradient; the edge from that input ends at the row's port. The weights' labels
 * sit in the unit they feed, so no label is drawn among the crossing edges.
 */
function nodeLabel(n: GraphNode, incoming: readonly GraphEdge[], listWeights: boolean): string {
  const weights = listWeights ? incoming.filter((e) => e.weight !== null) : [];
  const span = weights.length > 0 ? 2 : 1;
  const own = n.lines.map((l) => `<tr><td align="left" colspan="${span}">${html(l)}</td></tr>`);
  const rule = weights.length > 0 ? ["<hr/>"] : [];
  const rows = weights.map((e, k) => row(e.lines, `in${k}`));
  return `<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="${FILL[n.kind]}">${[...own, ...rule, ...rows].join("")}</table>>`;
}

/**
 * The graph in Graphviz DOT, left to right: one column per layer (inputs, each layer's
 * units with the targets below the output units, then the loss), each column's nodes top to bottom in their numbering
 * (held by invisible edges between neighbours, so the layout cannot reorder them).
 * Every weight is listed, with its value and gradient, in the unit it feeds, and its
 * edge ends at that row: the edges carry no labels, so nothing is placed among the
 * crossings of a dense layer. A network with more than MAX_LISTED_WEIGHTS weights is
 * drawn as a summary, its units without their weights, and the title says so.
 */
/**
 * The font the layout measures text with. Graphviz sizes every cell from its table of font
 * metrics; Helvetica's are narrower than the sans-serif fonts most renderers substitute
 * for it (DejaVu Sans, Verdana), so labels ran into each other. DejaVu Sans is in that
 * table and is among the widest common sans-serif fonts: a narrower font only adds margin.
 */
export const GRAPH_FONT = "DejaVu Sans";

export function graphDot(g: GraphModel): string {
  // A target stands below the output units it is compared with; the loss has a column of its own.
  const column = (n: GraphNode) => (n.kind === "target" ? n.layer - 1 : n.layer);
  const columns = new Map<number, string[]>();
  for (const n of g.nodes) columns.set(column(n), [...(columns.get(column(n)) ?? []), n.id]);
  const incoming = (id: string) => g.edges.filter((e) => e.to === id);
  const port = new Map<GraphEdge, string>();
  if (!g.summary) {
    for (const n of g.nodes)
      incoming(n.id)
        .filter((e) => e.weight !== null)
        .forEach((e, k) => port.set(e, `:in${k}:w`));
  }
  const title = [
    g.title,
    ...(g.summary
      ? ["A summary: the network has too many weights to list; --json and --format mermaid have every value."]
      : []),
    ...(g.note === null ? [] : [g.note]),
  ];
  return [
    "digraph bpcheck {",
    `  label=<${title.map(html).join("<br/>")}>; labelloc=t; labeljust=l; fontname="${GRAPH_FONT}"; fontsize=13;`,
    "  rankdir=LR; nodesep=0.25; ranksep=0.7; newrank=true;",
    `  node [fontname="${GRAPH_FONT}", fontsize=12, shape=plain];`,
    '  edge [color="#555555", arrowsize=0.7];',
    ...g.nodes.map((n) => `  ${n.id} [label=${nodeLabel(n, incoming(n.id), !g.summary)}];`),
    ...[...columns.values()].map(
      (ids) =>
        `  { rank=same; ${ids.join("; ")};${ids.length > 1 ? ` ${ids.join(" -> ")} [style=invis];` : ""} }`,
    ),
    ...g.edges.map((e) => `  ${e.from}:e -> ${e.to}${port.get(e) ?? ":w"};`),
    "}",
    "",
  ].join("\n");
}

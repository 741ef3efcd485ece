import type { GraphModel } from "./graph-model.ts";

const quote = (s: string) => `"${s.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
const label = (lines: readonly string[]) => quote(lines.join("\n")).replace(/\n/g, "\\n");

const SHAPE: Record<string, string> = {
  input: 'shape=ellipse, style=filled, fillcolor="#eef4fb"',
  unit: 'shape=box, style="rounded,filled", fillcolor="#fdf6e3"',
  loss: 'shape=box, style=filled, fillcolor="#fde8e8"',
  target: 'shape=ellipse, style=filled, fillcolor="#eef4fb"',
};

/**
 * The graph in Graphviz DOT, left to right, one rank per layer (inputs, each layer's
 * units, then loss and target); Graphviz places nodes and edge labels, and a line
 * ties each weight's label to its edge (`decorate`), since the edges of a dense layer cross.
 */
export function graphDot(g: GraphModel): string {
  const ranks = new Map<number, string[]>();
  for (const n of g.nodes) ranks.set(n.layer, [...(ranks.get(n.layer) ?? []), n.id]);
  return [
    "digraph bpcheck {",
    `  label=${quote(g.title)}; labelloc=t; fontname="Helvetica";`,
    "  rankdir=LR; nodesep=0.5; ranksep=2.2;",
    '  node [fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
    ...g.nodes.map((n) => `  ${n.id} [label=${label(n.lines)}, ${SHAPE[n.kind]}];`),
    ...[...ranks.values()].map((ids) => `  { rank=same; ${ids.join("; ")}; }`),
    ...g.edges.map(
      (e) => `  ${e.from} -> ${e.to}${e.lines.length ? ` [label=${label(e.lines)}, decorate=true]` : ""};`,
    ),
    "}",
    "",
  ].join("\n");
}

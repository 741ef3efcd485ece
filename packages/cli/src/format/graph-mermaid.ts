import type { GraphModel } from "./graph-model.ts";

/** Mermaid's entity codes keep quotes and angle brackets from ending a label. */
const text = (lines: readonly string[]) =>
  `"${lines.map((l) => l.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")).join("<br/>")}"`;

/** The graph as a Mermaid flowchart (left to right), for Markdown that renders Mermaid. */
export function graphMermaid(g: GraphModel): string {
  return [
    "---",
    `title: ${JSON.stringify(g.note === null ? g.title : `${g.title}. ${g.note}`)}`,
    "---",
    "flowchart LR",
    ...g.nodes.map((n) => {
      const [open, close] = n.kind === "unit" || n.kind === "loss" ? ["[", "]"] : ["([", "])"];
      return `  ${n.id}${open}${text(n.lines)}${close}`;
    }),
    ...g.edges.map((e) =>
      e.lines.length ? `  ${e.from} -- ${text(e.lines)} --> ${e.to}` : `  ${e.from} --> ${e.to}`,
    ),
    "",
  ].join("\n");
}

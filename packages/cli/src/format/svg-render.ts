import { GRAPH_FONT } from "./graph-dot.ts";

/**
 * Renders DOT to SVG with Graphviz (the `dot` layout engine), compiled to WebAssembly
 * and shipped inside @viz-js/viz: no download and no system Graphviz needed. It is
 * loaded only here, when an SVG is asked for (it is most of the CLI's size).
 */
export async function dotToSvg(dot: string): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  const svg = viz.renderString(dot, { format: "svg", engine: "dot" });
  // Graphviz writes the one font it measured with; a viewer without it would fall back to
  // its default (often a serif), so the SVG names the wide sans-serif fonts after it.
  return svg.replaceAll(`font-family="${GRAPH_FONT}"`, `font-family="${GRAPH_FONT},Verdana,sans-serif"`);
}

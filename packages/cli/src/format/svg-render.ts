/**
 * Renders DOT to SVG with Graphviz (the `dot` layout engine), compiled to WebAssembly
 * and shipped inside @viz-js/viz: no download and no system Graphviz needed. It is
 * loaded only here, when an SVG is asked for (it is most of the CLI's size).
 */
export async function dotToSvg(dot: string): Promise<string> {
  const { instance } = await import("@viz-js/viz");
  const viz = await instance();
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}

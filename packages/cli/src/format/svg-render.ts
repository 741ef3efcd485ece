import { instance } from "@viz-js/viz";

/**
 * Renders DOT to SVG with Graphviz (the `dot` layout engine), compiled to WebAssembly
 * and shipped inside @viz-js/viz: no download and no system Graphviz needed.
 */
export async function dotToSvg(dot: string): Promise<string> {
  const viz = await instance();
  return viz.renderString(dot, { format: "svg", engine: "dot" });
}

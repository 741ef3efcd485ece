import { parameterName, type Network, type Quantity } from "@bpcheck/core";

/**
 * Every parameter of a network under its canonical name, in layer order: `W[l][j][i]`
 * row by row, then the layer's biases `b[l][j]` if it has any.
 */
export function networkParameters<T>(net: Network<T>): Quantity<T>[] {
  const out: Quantity<T>[] = [];
  net.layers.forEach((layer, l) => {
    layer.W.forEach((row, j) =>
      row.forEach((w, i) => out.push({ name: parameterName("W", [l, j, i]), value: w })),
    );
    layer.b?.forEach((b, j) => out.push({ name: parameterName("b", [l, j]), value: b }));
  });
  return out;
}

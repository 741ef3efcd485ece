import { activateLayer } from "./activation.ts";
import { dot, type Field } from "./field.ts";
import type { Network } from "./network.ts";

/** Pre-activations z[l] = W[l]·a[l−1] + b[l] and activations a[l] = f(z[l]), with a[−1] = x. */
export interface ForwardTrace<T> {
  readonly z: readonly (readonly T[])[];
  readonly a: readonly (readonly T[])[];
}

export function forward<T>(F: Field<T>, net: Network<T>, x: readonly T[]): ForwardTrace<T> {
  const z: T[][] = [];
  const a: T[][] = [];
  let input = x;
  for (const layer of net.layers) {
    const zl = layer.W.map((row, j) => {
      const wx = dot(F, row, input);
      return layer.b === null ? wx : F.add(wx, layer.b[j] as T);
    });
    const al = activateLayer(F, layer.activation, zl, layer.slope);
    z.push(zl);
    a.push(al);
    input = al;
  }
  return { z, a };
}

/** The network's output ŷ for input x. */
export function predict<T>(F: Field<T>, net: Network<T>, x: readonly T[]): readonly T[] {
  const { a } = forward(F, net, x);
  return a[a.length - 1] ?? x;
}

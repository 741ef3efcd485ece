import { activateLayerWithParts, type SoftmaxParts } from "./activation.ts";
import { sum, type Field } from "./field.ts";
import type { Network } from "./network.ts";

/** Pre-activations z[l] = W[l]·a[l−1] + b[l] and activations a[l] = f(z[l]), with a[−1] = x. */
export interface ForwardTrace<T> {
  readonly z: readonly (readonly T[])[];
  readonly a: readonly (readonly T[])[];
  /** terms[l][j][i] = W[l][j][i]·a[l−1][i]: the products z[l][j] sums (before its bias). */
  readonly terms: readonly (readonly (readonly T[])[])[];
  /** A softmax layer's shifted logits, exponentials and their sum; null for other layers. */
  readonly softmax: readonly (SoftmaxParts<T> | null)[];
}

export function forward<T>(F: Field<T>, net: Network<T>, x: readonly T[]): ForwardTrace<T> {
  const z: T[][] = [];
  const a: T[][] = [];
  const terms: T[][][] = [];
  const softmax: (SoftmaxParts<T> | null)[] = [];
  let input = x;
  // Loops rather than maps: this runs once an epoch in training (see `descend`).
  for (const layer of net.layers) {
    const products: T[][] = [];
    const zl: T[] = [];
    for (let j = 0; j < layer.W.length; j++) {
      const row = layer.W[j]!;
      const p: T[] = [];
      for (let i = 0; i < row.length; i++) p.push(F.mul(row[i]!, input[i] as T));
      products.push(p);
    }
    for (let j = 0; j < products.length; j++) {
      // Summed left to right from zero: the same operations as dot(F, row, input).
      const wx = sum(F, products[j]!);
      zl.push(layer.b === null ? wx : F.add(wx, layer.b[j] as T));
    }
    const { a: al, parts } = activateLayerWithParts(F, layer.activation, zl, layer.slope);
    z.push(zl);
    a.push(al);
    terms.push(products);
    softmax.push(parts);
    input = al;
  }
  return { z, a, terms, softmax };
}

/** The network's output ŷ for input x. */
export function predict<T>(F: Field<T>, net: Network<T>, x: readonly T[]): readonly T[] {
  const { a } = forward(F, net, x);
  return a[a.length - 1] ?? x;
}

import { activationDerivative } from "./activation.ts";
import type { Field } from "./field.ts";
import { forward, type ForwardTrace } from "./forward.ts";
import { loss, lossGradient } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";

export interface SampleTrace<T> {
  readonly forward: ForwardTrace<T>;
  readonly loss: T;
  /** delta[l][j] = ∂L/∂z[l][j] for this sample. */
  readonly delta: readonly (readonly T[])[];
}

/** Everything one gradient-descent step computes. */
export interface StepTrace<T> {
  readonly samples: readonly SampleTrace<T>[];
  /** Mean loss over the step's samples, before the update. */
  readonly loss: T;
  /** dW[l][j][i] = ∂L/∂W[l][j][i], the mean over the step's samples. */
  readonly dW: readonly (readonly (readonly T[])[])[];
  /** db[l][j] = ∂L/∂b[l][j], or null for a layer without biases. */
  readonly db: readonly (readonly T[] | null)[];
  /** The network after the update. */
  readonly next: Network<T>;
}

/**
 * One step of gradient descent on the given samples (one sample for SGD, all of them
 * for full batch), the chain rule on one screen:
 *
 *   delta[L] = ∂L/∂ŷ ⊙ f'(z[L])
 *   delta[l] = (W[l+1]ᵀ · delta[l+1]) ⊙ f'(z[l])
 *   dW[l] = mean_s delta[l] · a[l−1]ᵀ,  db[l] = mean_s delta[l]
 *   W'[l] = W[l] − α dW[l],             b'[l] = b[l] − α db[l] (if biases are updated)
 *
 * Layers are processed from the output down; with update order "sequential" the
 * W[l+1] that carries delta down is the already-updated one.
 */
export function step<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
): StepTrace<T> {
  const L = net.layers.length;
  const traces = samples.map((s) => forward(F, net, s.x));
  const losses = samples.map((s, n) => loss(F, net.loss, s.y, output(traces[n]!, s.x)));
  // Filled from the output layer down.
  const deltas: T[][][] = samples.map(() => Array.from({ length: L }, () => []));
  const dW: T[][][] = Array.from({ length: L }, () => []);
  const db: (T[] | null)[] = Array.from({ length: L }, () => null);
  const next: Layer<T>[] = [...net.layers];
  const count = F.fromInt(samples.length);
  const mean = (x: T) => (samples.length === 1 ? x : F.div(x, count));

  for (let l = L - 1; l >= 0; l--) {
    const layer = net.layers[l]!;
    const above = l === L - 1 ? null : (training.updateOrder === "sequential" ? next : net.layers)[l + 1]!;
    samples.forEach((s, n) => {
      const { z, a } = traces[n]!;
      const upstream =
        above === null ? lossGradient(F, net.loss, s.y, a[l]!) : backThrough(F, above.W, deltas[n]![l + 1]!);
      deltas[n]![l] = upstream.map((g, j) =>
        F.mul(g, activationDerivative(F, layer.activation, z[l]![j]!, a[l]![j]!)),
      );
    });
    const inputOf = (n: number) => (l === 0 ? samples[n]!.x : traces[n]!.a[l - 1]!);
    dW[l] = layer.W.map((row, j) =>
      row.map((_, i) => {
        let g = F.zero;
        for (let n = 0; n < samples.length; n++) {
          g = F.add(g, F.mul(deltas[n]![l]![j]!, inputOf(n)[i]!));
        }
        return mean(g);
      }),
    );
    db[l] =
      layer.b === null
        ? null
        : layer.b.map((_, j) => {
            let g = F.zero;
            for (let n = 0; n < samples.length; n++) g = F.add(g, deltas[n]![l]![j]!);
            return mean(g);
          });
    const descend = (w: T, g: T) => F.sub(w, F.mul(training.learningRate, g));
    next[l] = {
      activation: layer.activation,
      W: layer.W.map((row, j) => row.map((w, i) => descend(w, dW[l]![j]![i]!))),
      b: layer.b === null || !training.updateBiases ? layer.b : layer.b.map((b, j) => descend(b, db[l]![j]!)),
    };
  }

  let total = F.zero;
  for (const x of losses) total = F.add(total, x);
  return {
    samples: samples.map((_, n) => ({ forward: traces[n]!, loss: losses[n]!, delta: deltas[n]! })),
    loss: mean(total),
    dW,
    db,
    next: { loss: net.loss, layers: next },
  };
}

function output<T>(trace: ForwardTrace<T>, x: readonly T[]): readonly T[] {
  return trace.a[trace.a.length - 1] ?? x;
}

/** Wᵀ · delta: the gradient with respect to the layer's inputs. */
function backThrough<T>(F: Field<T>, W: readonly (readonly T[])[], delta: readonly T[]): T[] {
  return W[0]!.map((_, i) => {
    let s = F.zero;
    for (let j = 0; j < W.length; j++) s = F.add(s, F.mul(W[j]![i]!, delta[j]!));
    return s;
  });
}

import { activationBackward, activationDerivativeFactors } from "./activation.ts";
import type { Field } from "./field.ts";
import { forward, type ForwardTrace } from "./forward.ts";
import { loss, lossGradient, lossTerms, reductionOf } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";

export interface SampleTrace<T> {
  readonly forward: ForwardTrace<T>;
  /** fprime[l][j] = f′(z[l][j]) (softmax: the Jacobian's diagonal). */
  readonly fprime: readonly (readonly T[])[];
  /** oneMinusA[l][j] = 1 − a[l][j], the factor of f′ = a(1 − a); null for a layer whose f′ has no such factor. */
  readonly oneMinusA: readonly (readonly T[] | null)[];
  /** The per-output loss terms, before the reduction over outputs. */
  readonly lossTerms: readonly T[];
  readonly loss: T;
  /** da[l][j] = ∂L/∂a[l][j] for this sample's loss. */
  readonly da: readonly (readonly T[])[];
  /** delta[l][j] = ∂L/∂z[l][j] for this sample's loss. */
  readonly delta: readonly (readonly T[])[];
  /** contrib[l][k][j] = delta[l+1][k]·W[l+1][k][j], for l below the output layer. */
  readonly contrib: readonly (readonly (readonly T[])[])[];
  /** dx[i] = ∂L/∂x[i]. */
  readonly dx: readonly T[];
}

/** Everything one gradient-descent step computes. */
export interface StepTrace<T> {
  readonly samples: readonly SampleTrace<T>[];
  /** The step's loss: the samples' losses reduced (mean by default), before the update. */
  readonly loss: T;
  /** dW[l][j][i] = ∂L/∂W[l][j][i] of the step's loss. */
  readonly dW: readonly (readonly (readonly T[])[])[];
  /** db[l][j] = ∂L/∂b[l][j], or null for a layer without biases; for a shared bias every entry is the sum. */
  readonly db: readonly (readonly T[] | null)[];
  /** lrdW[l] = α·dW[l], the step the update subtracts. */
  readonly lrdW: readonly (readonly (readonly T[])[])[];
  /** lrdb[l] = α·db[l] (zero when biases are frozen), or null without biases. */
  readonly lrdb: readonly (readonly T[] | null)[];
  /** DeltaW[l] = −lrdW[l], the change the update applies. */
  readonly DeltaW: readonly (readonly (readonly T[])[])[];
  /** Deltab[l] = −lrdb[l] (zero when biases are frozen), or null without biases. */
  readonly Deltab: readonly (readonly T[] | null)[];
  /** The network after the update. */
  readonly next: Network<T>;
}

/**
 * One step of gradient descent on the given samples (one sample for SGD, all of them
 * for full batch), the chain rule on one screen:
 *
 *   da[L] = ∂L/∂ŷ,  delta[l] = J_f(z[l])ᵀ·da[l]  (= da[l] ⊙ f′(z[l]) for an elementwise f)
 *   da[l] = W[l+1]ᵀ·delta[l+1],  dx = W[0]ᵀ·delta[0]
 *   dW[l] = reduce_s delta[l]·a[l−1]ᵀ,  db[l] = reduce_s delta[l]  (shared bias: Σ_j of it)
 *   lrdW[l] = α dW[l],  DeltaW[l] = −lrdW[l],  W'[l] = W[l] − lrdW[l]
 *   lrdb[l] = α db[l],  Deltab[l] = −lrdb[l],  b'[l] = b[l] − lrdb[l] (if biases are updated)
 *
 * reduce_s is the sum or the mean over the step's samples. Layers are processed from
 * the output down; with update order "sequential" the W[l+1] that carries delta down is
 * the already-updated one.
 */
export function step<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
): StepTrace<T> {
  return descend(F, net, samples, training, true);
}

/** What training keeps of a step: its loss and the updated network. */
export interface Update<T> {
  readonly loss: T;
  readonly next: Network<T>;
}

/**
 * The same step as `step`, computing only what the update needs: no loss terms, f′
 * factors, contributions, ∂L/∂x or changes ΔW, which a worked example prints and
 * training drops. Every value it computes is the one `step` computes, from the same
 * operands in the same order.
 */
export function updateStep<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
): Update<T> {
  return descend(F, net, samples, training, false);
}

function descend<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
  full: true,
): StepTrace<T>;
function descend<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
  full: false,
): Update<T>;
function descend<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
  full: boolean,
): StepTrace<T> | Update<T> {
  // Plain loops and arrays filled by index: the step runs once an epoch in training, where
  // its closures, maps and Array.from calls cost as much as a third of a 50-digit epoch.
  // The field operations are the same, in the same order, as the formulas above.
  const L = net.layers.length;
  const S = samples.length;
  const reduction = reductionOf(net);
  const traces: ForwardTrace<T>[] = [];
  for (let n = 0; n < S; n++) traces.push(forward(F, net, samples[n]!.x));
  const terms: (readonly T[])[] = [];
  if (full)
    for (let n = 0; n < S; n++)
      terms.push(lossTerms(F, net.loss, samples[n]!.y, output(traces[n]!, samples[n]!.x)));
  const losses: T[] = [];
  for (let n = 0; n < S; n++) losses.push(loss(F, net, samples[n]!.y, output(traces[n]!, samples[n]!.x)));
  const factors = full
    ? traces.map((t) =>
        net.layers.map((layer, l) =>
          t.z[l]!.map((zj, j) =>
            activationDerivativeFactors(F, layer.activation, zj, t.a[l]![j]!, layer.slope),
          ),
        ),
      )
    : [];
  const fprimes = factors.map((layers) => layers.map((units) => units.map((u) => u.fprime)));
  const oneMinusAs = factors.map((layers) =>
    layers.map((units) => (units.every((u) => u.oneMinusA !== null) ? units.map((u) => u.oneMinusA!) : null)),
  );
  // Filled from the output layer down.
  const deltas: T[][][] = [];
  const das: T[][][] = [];
  const contribs: T[][][][] = [];
  const dxs: T[][] = [];
  for (let n = 0; n < S; n++) {
    deltas.push(slots<T[]>(L, []));
    das.push(slots<T[]>(L, []));
    contribs.push(slots<T[][]>(Math.max(0, L - 1), []));
    dxs.push([]);
  }
  const dW = slots<T[][]>(L, []);
  const db = slots<T[] | null>(L, null);
  const lrdW = slots<T[][]>(L, []);
  const lrdb = slots<T[] | null>(L, null);
  const DeltaW = slots<T[][]>(L, []);
  const Deltab = slots<T[] | null>(L, null);
  const next: Layer<T>[] = net.layers.slice();
  const count = F.fromInt(S);
  const each = S === 1 || reduction.samples === "sum";
  const reduce = (x: T) => (each ? x : F.div(x, count));
  const carriers = training.updateOrder === "sequential" ? next : net.layers;

  for (let l = L - 1; l >= 0; l--) {
    const layer = net.layers[l]!;
    for (let n = 0; n < S; n++) {
      const { z, a } = traces[n]!;
      if (l === L - 1) das[n]![l] = lossGradient(F, net, samples[n]!.y, a[l]!);
      else {
        const above = carriers[l + 1]!;
        const d = deltas[n]![l + 1]!;
        if (full) contribs[n]![l] = above.W.map((row, k) => row.map((w) => F.mul(d[k]!, w)));
        das[n]![l] = backThrough(F, above.W, d);
      }
      deltas[n]![l] = activationBackward(F, layer.activation, z[l]!, a[l]!, das[n]![l]!, layer.slope);
    }
    const units = layer.W.length;
    const inputs = layer.W[0]!.length;
    const gradient = matrix(units, inputs, (j, i) => {
      let g = F.zero;
      for (let n = 0; n < S; n++) {
        const input = l === 0 ? samples[n]!.x : traces[n]!.a[l - 1]!;
        g = F.add(g, F.mul(deltas[n]![l]![j]!, input[i]!));
      }
      return reduce(g);
    });
    dW[l] = gradient;
    const biasGrad =
      layer.b === null
        ? null
        : biasGradient(F, layer, (j) => {
            let g = F.zero;
            for (let n = 0; n < S; n++) g = F.add(g, deltas[n]![l]![j]!);
            return reduce(g);
          });
    db[l] = biasGrad;
    // The step α·g is computed once: the change is its negative and the update subtracts it.
    const step = matrix(units, inputs, (j, i) => F.mul(training.learningRate, gradient[j]![i]!));
    lrdW[l] = step;
    if (full) DeltaW[l] = step.map((row) => row.map((v) => F.neg(v)));
    const updateBiases = layer.b !== null && training.updateBiases;
    const biasStep =
      biasGrad === null
        ? null
        : biasGrad.map((g) => (updateBiases ? F.mul(training.learningRate, g) : F.zero));
    lrdb[l] = biasStep;
    if (full) Deltab[l] = biasStep === null ? null : biasStep.map((v) => (updateBiases ? F.neg(v) : F.zero));
    const W = matrix(units, inputs, (j, i) => F.sub(layer.W[j]![i]!, step[j]![i]!));
    const b = layer.b === null || !updateBiases ? layer.b : layer.b.map((bj, j) => F.sub(bj, biasStep![j]!));
    next[l] = { ...layer, W, b };
  }
  if (full) {
    for (let n = 0; n < S; n++) dxs[n] = backThrough(F, carriers[0]!.W, deltas[n]![0]!);
  }

  let total = F.zero;
  for (const x of losses) total = F.add(total, x);
  if (!full) return { loss: reduce(total), next: { ...net, layers: next } };
  return {
    samples: samples.map((_, n) => ({
      forward: traces[n]!,
      fprime: fprimes[n]!,
      oneMinusA: oneMinusAs[n]!,
      lossTerms: terms[n]!,
      loss: losses[n]!,
      da: das[n]!,
      delta: deltas[n]!,
      contrib: contribs[n]!,
      dx: dxs[n]!,
    })),
    loss: reduce(total),
    dW,
    db,
    lrdW,
    lrdb,
    DeltaW,
    Deltab,
    next: { ...net, layers: next },
  };
}

/** The rows × columns matrix of entry(j, i), filled row by row (j, then i), as the formulas read. */
function matrix<U>(rows: number, columns: number, entry: (j: number, i: number) => U): U[][] {
  const m: U[][] = [];
  for (let j = 0; j < rows; j++) {
    const row: U[] = [];
    for (let i = 0; i < columns; i++) row.push(entry(j, i));
    m.push(row);
  }
  return m;
}

/**
 * An array of `length` slots holding `value`, each overwritten before it is read: filled by
 * push, so that it is packed (an array made holey by `new Array(n)` would give the step's
 * readers a second kind of array to handle).
 */
function slots<U>(length: number, value: U): U[] {
  const a: U[] = [];
  for (let k = 0; k < length; k++) a.push(value);
  return a;
}

/** A layer's bias gradient from its units' ones: per unit, or for a shared bias their sum in every entry. */
function biasGradient<T>(F: Field<T>, layer: Layer<T>, unit: (j: number) => T): T[] {
  const perUnit = layer.W.map((_, j) => unit(j));
  if (!layer.sharedBias) return perUnit;
  let s = F.zero;
  for (const g of perUnit) s = F.add(s, g);
  return perUnit.map(() => s);
}

function output<T>(trace: ForwardTrace<T>, x: readonly T[]): readonly T[] {
  return trace.a[trace.a.length - 1] ?? x;
}

/** Wᵀ · delta: the gradient with respect to the layer's inputs. */
function backThrough<T>(F: Field<T>, W: readonly (readonly T[])[], delta: readonly T[]): T[] {
  const out: T[] = [];
  for (let i = 0; i < W[0]!.length; i++) {
    let s = F.zero;
    for (let j = 0; j < W.length; j++) s = F.add(s, F.mul(W[j]![i]!, delta[j]!));
    out.push(s);
  }
  return out;
}

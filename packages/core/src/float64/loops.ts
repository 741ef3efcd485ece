import type { Float64Loss } from "./losses.ts";
import type { CompiledLayer } from "./layers.ts";

/**
 * Training by loops over preallocated arrays, for the runs the generated code does not
 * take (see `KernelLimits`): SGD (a batch of one sample per step) and full batch (one
 * step over all samples per epoch) alike. The operations and their order are those of
 * the generic `step` and `train`: every sum starts from 0 and adds left to right, and a
 * mean over one value divides by 1, which leaves it unchanged bit for bit.
 */
export function trainByLoops(
  layers: readonly CompiledLayer[],
  xs: readonly Float64Array[],
  ys: readonly Float64Array[],
  loss: Float64Loss,
  lr: number,
  batchSize: number,
  sequential: boolean,
  updateBiases: boolean,
  epochs: number,
  lossCurve: number[],
  onEpoch: ((epoch: number) => void) | undefined,
): void {
  const L = layers.length;
  const batchCount = xs.length / batchSize;
  // Per sample of a batch: pre-activations, activations and deltas of every layer.
  const traces = Array.from({ length: batchSize }, () => ({
    z: layers.map((l) => new Float64Array(l.outputs)),
    a: layers.map((l) => new Float64Array(l.outputs)),
    delta: layers.map((l) => new Float64Array(l.outputs)),
  }));
  const deltasOf = layers.map((_, l) => traces.map((t) => t.delta[l]!));
  // Inputs of each layer per sample of the batch; the first layer's are set per batch.
  const inputsOf = layers.map((_, l) => traces.map((t) => (l === 0 ? xs[0]! : t.a[l - 1]!)));
  for (let e = 0; e < epochs; e++) {
    let total = 0;
    for (let batch = 0; batch < batchCount; batch++) {
      const first = batch * batchSize;
      let stepTotal = 0;
      for (let n = 0; n < batchSize; n++) {
        const t = traces[n]!;
        inputsOf[0]![n] = xs[first + n]!;
        forwardInto(layers, xs[first + n]!, t.z, t.a);
        stepTotal = stepTotal + loss.sampleLoss(ys[first + n]!, t.a[L - 1]!);
      }
      for (let l = L - 1; l >= 0; l--) {
        const layer = layers[l]!;
        for (let n = 0; n < batchSize; n++) {
          const t = traces[n]!;
          const delta = t.delta[l]!;
          if (l === L - 1) loss.gradientInto(ys[first + n]!, t.a[l]!, delta);
          else backThroughInto(layers[l + 1]!, t.delta[l + 1]!, delta);
          derivativeInto(layer, t.z[l]!, t.a[l]!, delta);
        }
        // Sequential order: the layer below is carried down through these new weights.
        if (sequential) descend(layer, deltasOf[l]!, inputsOf[l]!, lr, updateBiases);
      }
      if (!sequential) {
        for (let l = 0; l < L; l++) descend(layers[l]!, deltasOf[l]!, inputsOf[l]!, lr, updateBiases);
      }
      total = total + stepTotal / batchSize;
    }
    lossCurve[e] = total / batchCount;
    onEpoch?.(e + 1);
  }
}

function forwardInto(
  layers: readonly CompiledLayer[],
  x: Float64Array,
  z: Float64Array[],
  a: Float64Array[],
): void {
  let input = x;
  for (let l = 0; l < layers.length; l++) {
    const { W, b, inputs, outputs, f } = layers[l]!;
    const zl = z[l]!;
    const al = a[l]!;
    for (let j = 0; j < outputs; j++) {
      let s = 0;
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) s = s + W[row + i]! * input[i]!;
      zl[j] = b === null ? s : s + b[j]!;
      al[j] = f.apply(zl[j]!);
    }
    input = al;
  }
}

/** delta ⊙= f'(z). */
function derivativeInto(layer: CompiledLayer, z: Float64Array, a: Float64Array, delta: Float64Array): void {
  for (let j = 0; j < delta.length; j++) delta[j] = delta[j]! * layer.f.derivative(z[j]!, a[j]!);
}

/** Wᵀ · delta of the layer above. */
function backThroughInto(above: CompiledLayer, deltaAbove: Float64Array, out: Float64Array): void {
  const { W, inputs, outputs } = above;
  for (let i = 0; i < inputs; i++) {
    let s = 0;
    for (let j = 0; j < outputs; j++) s = s + W[j * inputs + i]! * deltaAbove[j]!;
    out[i] = s;
  }
}

/**
 * W ← W − α·dW and, when biases exist and are trained, b ← b − α·db, with
 * dW[j][i] = mean_n delta_n[j]·input_n[i] and db[j] = mean_n delta_n[j].
 */
function descend(
  layer: CompiledLayer,
  deltas: readonly Float64Array[],
  inputs: readonly Float64Array[],
  lr: number,
  updateBiases: boolean,
): void {
  const { W, b, inputs: width, outputs } = layer;
  const count = deltas.length;
  const biases = updateBiases ? b : null;
  for (let j = 0; j < outputs; j++) {
    const row = j * width;
    for (let i = 0; i < width; i++) {
      let g = 0;
      for (let n = 0; n < count; n++) g = g + deltas[n]![j]! * inputs[n]![i]!;
      W[row + i] = W[row + i]! - lr * (g / count);
    }
    if (biases !== null) {
      let g = 0;
      for (let n = 0; n < count; n++) g = g + deltas[n]![j]!;
      biases[j] = biases[j]! - lr * (g / count);
    }
  }
}

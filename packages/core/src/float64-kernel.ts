import type { ActivationName } from "./activation.ts";
import type { LossName } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";
import type { TrainResult } from "./train.ts";

/**
 * `train` specialised to float64: the same algorithm as the generic `step` and `train`
 * over the `float64` field, operation for operation in the same order (so the results
 * are equal bit for bit, which a test holds), but on preallocated Float64Arrays with no
 * allocation per epoch. The generic path pays for a dictionary call and a fresh array
 * per operation; this one runs at the speed of a C loop.
 *
 * Every sum starts from 0 and adds left to right, as `dot` and `sum` do; a mean over one
 * sample is the value itself, over n it is a division by n.
 */
export function trainFloat64(
  net: Network<number>,
  samples: readonly Sample<number>[],
  training: Training<number>,
  onEpoch?: (epoch: number) => void,
): TrainResult<number> {
  const layers = net.layers.map(compileLayer);
  const L = layers.length;
  const sgd = training.batch === "sgd";
  const batchSize = sgd ? 1 : samples.length;
  const batchCount = sgd ? samples.length : 1;
  // Per sample of a batch: pre-activations, activations and deltas of every layer.
  const traces = Array.from({ length: batchSize }, () => ({
    z: layers.map((l) => new Float64Array(l.outputs)),
    a: layers.map((l) => new Float64Array(l.outputs)),
    delta: layers.map((l) => new Float64Array(l.outputs)),
  }));
  const dW = layers.map((l) => new Float64Array(l.outputs * l.inputs));
  const db = layers.map((l) => new Float64Array(l.outputs));
  const xs = samples.map((s) => Float64Array.from(s.x));
  const ys = samples.map((s) => Float64Array.from(s.y));
  const lr = training.learningRate;
  const sequential = training.updateOrder === "sequential";
  const updateBiases = training.updateBiases;
  const lossName = net.loss;

  const lossCurve: number[] = [];
  for (let e = 0; e < training.epochs; e++) {
    let total = 0;
    for (let batch = 0; batch < batchCount; batch++) {
      const first = sgd ? batch : 0;
      let stepTotal = 0;
      for (let n = 0; n < batchSize; n++) {
        const t = traces[n]!;
        forwardInto(layers, xs[first + n]!, t.z, t.a);
        stepTotal = stepTotal + sampleLoss(lossName, ys[first + n]!, t.a[L - 1]!);
      }
      const stepLoss = batchSize === 1 ? stepTotal : stepTotal / batchSize;
      for (let l = L - 1; l >= 0; l--) {
        const layer = layers[l]!;
        for (let n = 0; n < batchSize; n++) {
          const t = traces[n]!;
          const delta = t.delta[l]!;
          if (l === L - 1) lossGradientInto(lossName, ys[first + n]!, t.a[l]!, delta);
          else backThroughInto(layers[l + 1]!, t.delta[l + 1]!, delta);
          derivativeInto(layer.activation, t.z[l]!, t.a[l]!, delta);
        }
        gradientsInto(layer, traces, l, xs, first, batchSize, dW[l]!, db[l]!);
        // Sequential order: the layer below is carried down through these new weights.
        if (sequential) descend(layer, dW[l]!, db[l]!, lr, updateBiases);
      }
      if (!sequential) for (let l = 0; l < L; l++) descend(layers[l]!, dW[l]!, db[l]!, lr, updateBiases);
      total = total + stepLoss;
    }
    lossCurve.push(batchCount === 1 ? total : total / batchCount);
    onEpoch?.(e + 1);
  }
  return {
    lossCurve,
    network: {
      loss: net.loss,
      layers: layers.map((l): Layer<number> => ({
        activation: l.activation,
        W: Array.from({ length: l.outputs }, (_, j) =>
          Array.from(l.W.subarray(j * l.inputs, (j + 1) * l.inputs)),
        ),
        b: l.b === null ? null : Array.from(l.b),
      })),
    },
  };
}

interface CompiledLayer {
  readonly activation: ActivationName;
  readonly inputs: number;
  readonly outputs: number;
  /** Row-major outputs × inputs, updated in place. */
  readonly W: Float64Array;
  readonly b: Float64Array | null;
}

function compileLayer(layer: Layer<number>): CompiledLayer {
  const outputs = layer.W.length;
  const inputs = layer.W[0]?.length ?? 0;
  return {
    activation: layer.activation,
    inputs,
    outputs,
    W: Float64Array.from(layer.W.flat()),
    b: layer.b === null ? null : Float64Array.from(layer.b),
  };
}

function forwardInto(
  layers: readonly CompiledLayer[],
  x: Float64Array,
  z: Float64Array[],
  a: Float64Array[],
): void {
  let input = x;
  for (let l = 0; l < layers.length; l++) {
    const { W, b, inputs, outputs, activation } = layers[l]!;
    const zl = z[l]!;
    const al = a[l]!;
    for (let j = 0; j < outputs; j++) {
      let s = 0;
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) s = s + W[row + i]! * input[i]!;
      zl[j] = b === null ? s : s + b[j]!;
    }
    activateInto(activation, zl, al);
    input = al;
  }
}

/** The activations of `activation.ts`, in float64. */
function activateInto(name: ActivationName, z: Float64Array, a: Float64Array): void {
  for (let j = 0; j < z.length; j++) {
    const zj = z[j]!;
    switch (name) {
      case "sigmoid":
        a[j] = 1 / (1 + Math.exp(-zj));
        break;
      case "tanh":
        a[j] = Math.tanh(zj);
        break;
      case "relu":
        a[j] = zj > 0 ? zj : 0;
        break;
      case "identity":
        a[j] = zj;
        break;
    }
  }
}

/** delta ⊙= f'(z), with the derivatives of `activation.ts`. */
function derivativeInto(name: ActivationName, z: Float64Array, a: Float64Array, delta: Float64Array): void {
  for (let j = 0; j < delta.length; j++) {
    const aj = a[j]!;
    switch (name) {
      case "sigmoid":
        delta[j] = delta[j]! * (aj * (1 - aj));
        break;
      case "tanh":
        delta[j] = delta[j]! * (1 - aj * aj);
        break;
      case "relu":
        delta[j] = delta[j]! * (z[j]! > 0 ? 1 : 0);
        break;
      case "identity":
        delta[j] = delta[j]! * 1;
        break;
    }
  }
}

/** The losses of `loss.ts`, in float64. */
function sampleLoss(name: LossName, y: Float64Array, p: Float64Array): number {
  let s = 0;
  for (let k = 0; k < y.length; k++) {
    const yk = y[k]!;
    const pk = p[k]!;
    if (name === "bce") s = s - (yk * Math.log(pk) + (1 - yk) * Math.log(1 - pk));
    else {
      const e = yk - pk;
      s = s + e * e;
    }
  }
  return name === "half-sse" ? s / 2 : s / y.length;
}

/** ∂L/∂ŷ as `lossGradient` computes it. */
function lossGradientInto(name: LossName, y: Float64Array, p: Float64Array, out: Float64Array): void {
  const n = y.length;
  for (let k = 0; k < n; k++) {
    const pk = p[k]!;
    const diff = pk - y[k]!;
    out[k] = name === "half-sse" ? diff : name === "mse" ? (2 * diff) / n : diff / (pk * (1 - pk)) / n;
  }
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

function gradientsInto(
  layer: CompiledLayer,
  traces: readonly { readonly a: Float64Array[]; readonly delta: Float64Array[] }[],
  l: number,
  xs: readonly Float64Array[],
  first: number,
  batchSize: number,
  dW: Float64Array,
  db: Float64Array,
): void {
  const { inputs, outputs } = layer;
  for (let j = 0; j < outputs; j++) {
    for (let i = 0; i < inputs; i++) {
      let g = 0;
      for (let n = 0; n < batchSize; n++) {
        const input = l === 0 ? xs[first + n]! : traces[n]!.a[l - 1]!;
        g = g + traces[n]!.delta[l]![j]! * input[i]!;
      }
      dW[j * inputs + i] = batchSize === 1 ? g : g / batchSize;
    }
    if (layer.b !== null) {
      let g = 0;
      for (let n = 0; n < batchSize; n++) g = g + traces[n]!.delta[l]![j]!;
      db[j] = batchSize === 1 ? g : g / batchSize;
    }
  }
}

/** W ← W − α·dW, and b ← b − α·db when biases exist and are trained. */
function descend(
  layer: CompiledLayer,
  dW: Float64Array,
  db: Float64Array,
  lr: number,
  updateBiases: boolean,
): void {
  const { W, b } = layer;
  for (let k = 0; k < W.length; k++) W[k] = W[k]! - lr * dW[k]!;
  if (b !== null && updateBiases) for (let j = 0; j < b.length; j++) b[j] = b[j]! - lr * db[j]!;
}

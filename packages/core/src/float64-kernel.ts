import type { ActivationName } from "./activation.ts";
import type { LossName } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";
import type { TrainResult } from "./train.ts";

/**
 * `train` specialised to float64: the same algorithm as the generic `step` and `train`
 * over the `float64` field, operation for operation in the same order (so the results
 * are equal bit for bit, which a test holds), but on preallocated Float64Arrays with no
 * allocation per epoch. The generic path pays for a dictionary call and a fresh array
 * per operation. SGD on small networks runs generated straight-line code
 * (`generateSgdTrainer`), long SGD runs on larger ones generated code that loops over
 * rows (`generateRowSgdTrainer`), everything else the loops (`trainSgdLoops` and the
 * full-batch loops below; see `KernelLimits`).
 *
 * Every sum starts from 0 and adds left to right, as `dot` and `sum` do; a mean over one
 * sample is the value itself, over n it is a division by n.
 */
export function trainFloat64(
  net: Network<number>,
  samples: readonly Sample<number>[],
  training: Training<number>,
  onEpoch?: (epoch: number) => void,
  /** Which network sizes get which generated code (tests lower the limits to reach every form). */
  limits: KernelLimits = KERNEL_LIMITS,
): TrainResult<number> {
  const layers = net.layers.map(compileLayer);
  const L = layers.length;
  const sgd = training.batch === "sgd";
  const batchSize = sgd ? 1 : samples.length;
  const batchCount = sgd ? samples.length : 1;
  const xs = samples.map((s) => Float64Array.from(s.x));
  const ys = samples.map((s) => Float64Array.from(s.y));
  const lr = training.learningRate;
  const sequential = training.updateOrder === "sequential";
  const updateBiases = training.updateBiases;
  const lossCode = kernelCode(LOSS_CODES, net.loss);
  const lossCurve: number[] = [];

  const weights = layers.reduce((n, l) => n + l.W.length, 0);
  const form = !sgd
    ? null
    : weights <= limits.unrolledWeights
      ? "unrolled"
      : layers.every((l) => l.inputs <= limits.rowWidth) &&
          training.epochs * samples.length * weights >= limits.rowWork
        ? "rows"
        : null;
  if (form !== null) {
    const trainSgd = compileSgdTrainer(form, layers, lossCode, sequential, updateBiases);
    trainSgd(training.epochs, xs, ys, lr, lossCurve, onEpoch);
    return { lossCurve, network: toNetwork(net, layers) };
  }

  if (sgd) {
    trainSgdLoops(
      layers,
      xs,
      ys,
      lossCode,
      lr,
      sequential,
      updateBiases,
      training.epochs,
      lossCurve,
      onEpoch,
    );
    return { lossCurve, network: toNetwork(net, layers) };
  }

  // Full batch. Per sample of the batch: pre-activations, activations and deltas of every layer.
  const traces = Array.from({ length: batchSize }, () => ({
    z: layers.map((l) => new Float64Array(l.outputs)),
    a: layers.map((l) => new Float64Array(l.outputs)),
    delta: layers.map((l) => new Float64Array(l.outputs)),
  }));
  const deltasOf = layers.map((_, l) => traces.map((t) => t.delta[l]!));
  // Inputs of each layer per sample of the batch; the first layer's are the batch's x.
  const inputsOf = layers.map((_, l) => traces.map((t) => (l === 0 ? xs[0]! : t.a[l - 1]!)));
  for (let e = 0; e < training.epochs; e++) {
    let total = 0;
    for (let batch = 0; batch < batchCount; batch++) {
      const first = sgd ? batch : 0;
      let stepTotal = 0;
      for (let n = 0; n < batchSize; n++) {
        const t = traces[n]!;
        inputsOf[0]![n] = xs[first + n]!;
        forwardInto(layers, xs[first + n]!, t.z, t.a);
        stepTotal = stepTotal + sampleLoss(lossCode, ys[first + n]!, t.a[L - 1]!);
      }
      const stepLoss = batchSize === 1 ? stepTotal : stepTotal / batchSize;
      for (let l = L - 1; l >= 0; l--) {
        const layer = layers[l]!;
        for (let n = 0; n < batchSize; n++) {
          const t = traces[n]!;
          const delta = t.delta[l]!;
          if (l === L - 1) lossGradientInto(lossCode, ys[first + n]!, t.a[l]!, delta);
          else backThroughInto(layers[l + 1]!, t.delta[l + 1]!, delta);
          derivativeInto(layer.code, t.z[l]!, t.a[l]!, delta);
        }
        // Sequential order: the layer below is carried down through these new weights.
        if (sequential) descend(layer, deltasOf[l]!, inputsOf[l]!, lr, updateBiases);
      }
      if (!sequential) {
        for (let l = 0; l < L; l++) descend(layers[l]!, deltasOf[l]!, inputsOf[l]!, lr, updateBiases);
      }
      total = total + stepLoss;
    }
    lossCurve.push(batchCount === 1 ? total : total / batchCount);
    onEpoch?.(e + 1);
  }
  return { lossCurve, network: toNetwork(net, layers) };
}

/**
 * SGD by loops, for networks too large for generated code. The backward pass and the
 * update share one pass over each weight matrix, row by row as it lies in memory:
 * Wᵀ·delta is accumulated into every input's sum at once (u[i] += W[j][i]·delta[j] for
 * j = 0, 1, …), which adds each sum's terms in the same order as the column-wise dot
 * product of the generic `backThrough`, and W[j][i] is updated right after it was read
 * (simultaneous order) or right before (sequential order: the deltas below are carried
 * through the new weights).
 */
function trainSgdLoops(
  layers: readonly CompiledLayer[],
  xs: readonly Float64Array[],
  ys: readonly Float64Array[],
  lossCode: number,
  lr: number,
  sequential: boolean,
  updateBiases: boolean,
  epochs: number,
  lossCurve: number[],
  onEpoch: ((epoch: number) => void) | undefined,
): void {
  const L = layers.length;
  const z = layers.map((l) => new Float64Array(l.outputs));
  const a = layers.map((l) => new Float64Array(l.outputs));
  const delta = layers.map((l) => new Float64Array(l.outputs));
  const count = xs.length;
  for (let e = 0; e < epochs; e++) {
    let total = 0;
    for (let s = 0; s < count; s++) {
      const x = xs[s]!;
      const y = ys[s]!;
      forwardInto(layers, x, z, a);
      total = total + (0 + sampleLoss(lossCode, y, a[L - 1]!));
      lossGradientInto(lossCode, y, a[L - 1]!, delta[L - 1]!);
      derivativeInto(layers[L - 1]!.code, z[L - 1]!, a[L - 1]!, delta[L - 1]!);
      for (let l = L - 1; l > 0; l--) {
        const below = delta[l - 1]!;
        backThroughAndDescend(layers[l]!, delta[l]!, a[l - 1]!, below, lr, sequential, updateBiases);
        derivativeInto(layers[l - 1]!.code, z[l - 1]!, a[l - 1]!, below);
      }
      descendOne(layers[0]!, delta[0]!, x, lr, updateBiases);
    }
    lossCurve.push(count === 1 ? total : total / count);
    onEpoch?.(e + 1);
  }
}

/**
 * below ← Wᵀ·delta and W ← W − α·delta·inputᵀ (b ← b − α·delta when biases are trained)
 * in one pass over W's rows; `sequential` carries delta through the updated W.
 */
function backThroughAndDescend(
  layer: CompiledLayer,
  delta: Float64Array,
  input: Float64Array,
  below: Float64Array,
  lr: number,
  sequential: boolean,
  updateBiases: boolean,
): void {
  const { W, b, inputs: width, outputs } = layer;
  below.fill(0);
  for (let j = 0; j < outputs; j++) {
    const dj = delta[j]!;
    const row = j * width;
    if (sequential) {
      for (let i = 0; i < width; i++) {
        const w = W[row + i]! - lr * (0 + dj * input[i]!);
        W[row + i] = w;
        below[i] = below[i]! + w * dj;
      }
    } else {
      for (let i = 0; i < width; i++) {
        const w = W[row + i]!;
        below[i] = below[i]! + w * dj;
        W[row + i] = w - lr * (0 + dj * input[i]!);
      }
    }
    if (b !== null && updateBiases) b[j] = b[j]! - lr * (0 + dj);
  }
}

function toNetwork(net: Network<number>, layers: readonly CompiledLayer[]): Network<number> {
  return {
    loss: net.loss,
    layers: layers.map((l): Layer<number> => ({
      activation: l.activation,
      W: Array.from({ length: l.outputs }, (_, j) =>
        Array.from(l.W.subarray(j * l.inputs, (j + 1) * l.inputs)),
      ),
      b: l.b === null ? null : Array.from(l.b),
    })),
  };
}

/** Which SGD networks run which generated code; the rest run the loops. */
export interface KernelLimits {
  /**
   * Networks with at most this many weights run fully unrolled straight-line code. Fully
   * unrolled, 8-16-16-4 (448 weights) takes V8's optimising compiler seconds and then runs
   * no faster.
   */
  readonly unrolledWeights: number;
  /** Larger networks whose layers have at most this many inputs run `generateRowSgdTrainer`'s code, */
  readonly rowWidth: number;
  /**
   * if the run updates at least this many weights (epochs × samples × weights): V8 takes
   * about 0.1 s to optimise that code (8-16-16-4), and until then it runs slower than the
   * loops, which are optimised within milliseconds. Measured on 8-16-16-4: the loops win
   * at 10³ epochs (4.5·10⁵ updates), the generated code from about 10⁴ epochs on.
   */
  readonly rowWork: number;
}
const KERNEL_LIMITS: KernelLimits = { unrolledWeights: 64, rowWidth: 64, rowWork: 5_000_000 };

/** Trains `epochs` epochs of SGD, pushing each epoch's loss; weights and biases are updated in place. */
type SgdTrainer = (
  epochs: number,
  xs: readonly Float64Array[],
  ys: readonly Float64Array[],
  lr: number,
  lossCurve: number[],
  onEpoch: ((epoch: number) => void) | undefined,
) => void;
/** Makes the trainer for one network's weight and bias arrays (W0, B0, W1, B1, …). */
type SgdTrainerFactory = (...parameters: (Float64Array | null)[]) => SgdTrainer;

/**
 * Generated trainers by network shape, so that training the same shape again reuses code
 * V8 has already optimised (a fresh `new Function` starts cold in the interpreter);
 * closures made by one generated factory share their optimised code.
 */
const generatedTrainers = new Map<string, SgdTrainerFactory>();
const GENERATED_CACHE_SIZE = 32;

function compileSgdTrainer(
  form: "unrolled" | "rows",
  layers: readonly CompiledLayer[],
  lossCode: number,
  sequential: boolean,
  updateBiases: boolean,
): SgdTrainer {
  const shape = layers.map((l) => [l.inputs, l.outputs, l.code, l.b !== null]);
  const key = JSON.stringify([form, lossCode, sequential, updateBiases, shape]);
  let factory = generatedTrainers.get(key);
  if (factory === undefined) {
    const generate = form === "unrolled" ? generateSgdTrainer : generateRowSgdTrainer;
    factory = generate(layers, lossCode, sequential, updateBiases);
    if (generatedTrainers.size >= GENERATED_CACHE_SIZE) {
      generatedTrainers.delete(generatedTrainers.keys().next().value!);
    }
    generatedTrainers.set(key, factory);
  }
  return factory(...layers.flatMap((l) => [l.W, l.b]));
}

/**
 * SGD over epochs and samples, generated as straight-line code for this network's shape:
 * every loop over units unrolled, every weight, bias and intermediate a local variable,
 * as a C compiler would do it. For networks this small, loop, call and memory overhead
 * would otherwise cost more than the arithmetic. The operations and their order are
 * exactly those of the generic `step` and `train` (sums from 0, left to right; a step's
 * loss is 0 + its sample's loss).
 */
function generateSgdTrainer(
  layers: readonly CompiledLayer[],
  lossCode: number,
  sequential: boolean,
  updateBiases: boolean,
): SgdTrainerFactory {
  const L = layers.length;
  const w = (l: number, k: number) => `w${l}_${k}`;
  const b = (l: number, j: number) => `b${l}_${j}`;
  const load: string[] = [];
  const store: string[] = [];
  layers.forEach((layer, l) => {
    for (let k = 0; k < layer.W.length; k++) {
      load.push(`let ${w(l, k)} = W${l}[${k}];`);
      store.push(`W${l}[${k}] = ${w(l, k)};`);
    }
    for (let j = 0; j < (layer.b?.length ?? 0); j++) {
      load.push(`let ${b(l, j)} = B${l}[${j}];`);
      store.push(`B${l}[${j}] = ${b(l, j)};`);
    }
  });
  const code: string[] = [];
  const input = (l: number, i: number) => (l === 0 ? `x[${i}]` : `a${l - 1}_${i}`);
  layers.forEach((layer, l) => {
    for (let j = 0; j < layer.outputs; j++) {
      const z = `z${l}_${j}`;
      code.push(`let ${z} = 0;`);
      for (let i = 0; i < layer.inputs; i++)
        code.push(`${z} = ${z} + ${w(l, j * layer.inputs + i)} * ${input(l, i)};`);
      if (layer.b !== null) code.push(`${z} = ${z} + ${b(l, j)};`);
      code.push(`const a${l}_${j} = ${activationSource(layer.code, z)};`);
    }
  });
  const n = layers[L - 1]!.outputs;
  code.push("let loss = 0;");
  for (let k = 0; k < n; k++) {
    const p = `a${L - 1}_${k}`;
    code.push(
      lossCode === BCE
        ? `loss = loss - (y[${k}] * Math.log(${p}) + (1 - y[${k}]) * Math.log(1 - ${p}));`
        : `{ const e = y[${k}] - ${p}; loss = loss + e * e; }`,
    );
  }
  code.push(`loss = loss / ${lossCode === HALF_SSE ? 2 : n};`);
  const update = (l: number) => {
    const layer = layers[l]!;
    for (let j = 0; j < layer.outputs; j++) {
      for (let i = 0; i < layer.inputs; i++) {
        const v = w(l, j * layer.inputs + i);
        code.push(`${v} = ${v} - lr * (0 + d${l}_${j} * ${input(l, i)});`);
      }
      if (layer.b !== null && updateBiases) code.push(`${b(l, j)} = ${b(l, j)} - lr * (0 + d${l}_${j});`);
    }
  };
  for (let l = L - 1; l >= 0; l--) {
    const layer = layers[l]!;
    for (let j = 0; j < layer.outputs; j++) {
      const z = `z${l}_${j}`;
      const a = `a${l}_${j}`;
      let upstream = `u${l}_${j}`;
      if (l === L - 1) {
        const diff = `(${a} - y[${j}])`;
        if (lossCode === HALF_SSE) upstream = diff;
        else if (lossCode === MSE) upstream = `(2 * ${diff}) / ${n}`;
        else upstream = `${diff} / (${a} * (1 - ${a})) / ${n}`;
      } else {
        const above = layers[l + 1]!;
        code.push(`let ${upstream} = 0;`);
        for (let k = 0; k < above.outputs; k++) {
          code.push(`${upstream} = ${upstream} + ${w(l + 1, k * above.inputs + j)} * d${l + 1}_${k};`);
        }
      }
      code.push(`const d${l}_${j} = (${upstream}) * ${derivativeSource(layer.code, z, a)};`);
    }
    // Sequential order: the deltas of the layer below are carried through these new weights.
    if (sequential) update(l);
  }
  if (!sequential) for (let l = 0; l < L; l++) update(l);
  // Written back every epoch, not once after the loop: code that has not run by the time
  // V8 optimises the loop would be compiled without type feedback and deoptimise.
  return sgdTrainerFactory(layers.length, { before: load, step: code, afterEpoch: store });
}

/**
 * SGD generated for networks too large to unroll completely: loops over each layer's
 * units (the rows of W), with the loop over its inputs unrolled, the inputs and the
 * backward sums held in local variables and every offset a constant. The backward pass
 * and the update share one pass over W's rows: Wᵀ·delta is accumulated into all inputs'
 * sums at once (u_i += W[j][i]·delta[j] for j = 0, 1, …), which adds each sum's terms in
 * the order of the generic `backThrough`, and W[j][i] is updated right after it was read
 * (simultaneous order) or right before (sequential order).
 */
function generateRowSgdTrainer(
  layers: readonly CompiledLayer[],
  lossCode: number,
  sequential: boolean,
  updateBiases: boolean,
): SgdTrainerFactory {
  const L = layers.length;
  const scratch = layers.map(
    (layer, l) =>
      `const Z${l} = new Float64Array(${layer.outputs}), A${l} = new Float64Array(${layer.outputs}), D${l} = new Float64Array(${layer.outputs});`,
  );
  const code: string[] = [];
  const at = (r: string, i: number) => (i === 0 ? r : `${r} + ${i}`);
  const loadInputs = (l: number) => {
    const from = l === 0 ? "x" : `A${l - 1}`;
    for (let i = 0; i < layers[l]!.inputs; i++) code.push(`const v${i} = ${from}[${i}];`);
  };
  layers.forEach((layer, l) => {
    code.push("{");
    loadInputs(l);
    code.push(`for (let j = 0, r = 0; j < ${layer.outputs}; j++, r += ${layer.inputs}) {`, "let z = 0;");
    for (let i = 0; i < layer.inputs; i++) code.push(`z = z + W${l}[${at("r", i)}] * v${i};`);
    if (layer.b !== null) code.push(`z = z + B${l}[j];`);
    code.push(`Z${l}[j] = z;`, `A${l}[j] = ${activationSource(layer.code, "z")};`, "}", "}");
  });
  const last = layers[L - 1]!;
  const n = last.outputs;
  code.push("let loss = 0;", `for (let k = 0; k < ${n}; k++) {`, `const p = A${L - 1}[k], t = y[k];`);
  code.push(
    lossCode === BCE
      ? "loss = loss - (t * Math.log(p) + (1 - t) * Math.log(1 - p));"
      : "{ const e = t - p; loss = loss + e * e; }",
  );
  const upstream =
    lossCode === HALF_SSE
      ? "(p - t)"
      : lossCode === MSE
        ? `(2 * (p - t)) / ${n}`
        : `(p - t) / (p * (1 - p)) / ${n}`;
  code.push(`D${L - 1}[k] = (${upstream}) * ${derivativeSource(last.code, `Z${L - 1}[k]`, "p")};`, "}");
  code.push(`loss = loss / ${lossCode === HALF_SSE ? 2 : n};`);
  for (let l = L - 1; l >= 0; l--) {
    const layer = layers[l]!;
    code.push("{");
    loadInputs(l);
    for (let i = 0; i < layer.inputs && l > 0; i++) code.push(`let u${i} = 0;`);
    code.push(
      `for (let j = 0, r = 0; j < ${layer.outputs}; j++, r += ${layer.inputs}) {`,
      `const dj = D${l}[j];`,
    );
    for (let i = 0; i < layer.inputs; i++) {
      const k = at("r", i);
      const descend = `- lr * (0 + dj * v${i})`;
      if (l === 0) code.push(`W0[${k}] = W0[${k}] ${descend};`);
      else if (sequential)
        code.push(`{ const w = W${l}[${k}] ${descend}; W${l}[${k}] = w; u${i} = u${i} + w * dj; }`);
      else code.push(`{ const w = W${l}[${k}]; u${i} = u${i} + w * dj; W${l}[${k}] = w ${descend}; }`);
    }
    if (layer.b !== null && updateBiases) code.push(`B${l}[j] = B${l}[j] - lr * (0 + dj);`);
    code.push("}");
    for (let i = 0; i < layer.inputs && l > 0; i++) {
      const below = layers[l - 1]!;
      code.push(`D${l - 1}[${i}] = u${i} * ${derivativeSource(below.code, `Z${l - 1}[${i}]`, `v${i}`)};`);
    }
    code.push("}");
  }
  return sgdTrainerFactory(layers.length, { setup: scratch, step: code });
}

/**
 * The SGD epoch loop around generated code for one sample's step (which leaves the
 * sample's loss in `loss`): `setup` runs once per factory call, `before` once per
 * training call, `afterEpoch` after each epoch. The factory takes the weight and bias
 * arrays W0, B0, W1, B1, … and returns `trainSgd`. Only numbers and names made in this
 * file enter the source; nothing read from a case does.
 */
function sgdTrainerFactory(
  layerCount: number,
  parts: {
    readonly setup?: readonly string[];
    readonly before?: readonly string[];
    readonly step: readonly string[];
    readonly afterEpoch?: readonly string[];
  },
): SgdTrainerFactory {
  const body = [
    ...(parts.setup ?? []),
    "return function trainSgd(epochs, xs, ys, lr, lossCurve, onEpoch) {",
    ...(parts.before ?? []),
    "const count = xs.length;",
    "for (let e = 0; e < epochs; e++) {",
    "let total = 0;",
    "for (let s = 0; s < count; s++) {",
    "const x = xs[s], y = ys[s];",
    ...parts.step,
    "total = total + (0 + loss);",
    "}",
    "lossCurve.push(count === 1 ? total : total / count);",
    ...(parts.afterEpoch ?? []),
    "if (onEpoch !== undefined) onEpoch(e + 1);",
    "}",
    "};",
  ].join("\n");
  const parameters = Array.from({ length: layerCount }, (_, l) => [`W${l}`, `B${l}`]).flat();
  return new Function(...parameters, body) as SgdTrainerFactory;
}

function activationSource(code: number, z: string): string {
  if (code === SIGMOID) return `1 / (1 + Math.exp(-${z}))`;
  if (code === TANH) return `Math.tanh(${z})`;
  if (code === RELU) return `(${z} > 0 ? ${z} : 0)`;
  return z;
}

function derivativeSource(code: number, z: string, a: string): string {
  if (code === SIGMOID) return `(${a} * (1 - ${a}))`;
  if (code === TANH) return `(1 - ${a} * ${a})`;
  if (code === RELU) return `(${z} > 0 ? 1 : 0)`;
  return "1";
}

// Small integer codes keep the inner loops monomorphic (no string comparisons).
const SIGMOID = 0;
const TANH = 1;
const RELU = 2;
const IDENTITY = 3;
// Only these activations and losses reach the kernel (`usesFloat64Kernel` decides); a
// missing code is refused below rather than run wrongly.
const ACTIVATION_CODES: Partial<Record<ActivationName, number>> = {
  sigmoid: SIGMOID,
  tanh: TANH,
  relu: RELU,
  identity: IDENTITY,
};
const HALF_SSE = 0;
const MSE = 1;
const BCE = 2;
const LOSS_CODES: Partial<Record<LossName, number>> = { "half-sse": HALF_SSE, mse: MSE, bce: BCE };

function kernelCode(codes: Partial<Record<string, number>>, name: string): number {
  const code = codes[name];
  if (code === undefined) throw new RangeError(`the float64 kernel does not implement ${name}`);
  return code;
}

interface CompiledLayer {
  readonly activation: ActivationName;
  readonly code: number;
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
    code: kernelCode(ACTIVATION_CODES, layer.activation),
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
    const { W, b, inputs, outputs, code } = layers[l]!;
    const zl = z[l]!;
    const al = a[l]!;
    for (let j = 0; j < outputs; j++) {
      let s = 0;
      const row = j * inputs;
      for (let i = 0; i < inputs; i++) s = s + W[row + i]! * input[i]!;
      zl[j] = b === null ? s : s + b[j]!;
    }
    activateInto(code, zl, al);
    input = al;
  }
}

/** The activations of `activation.ts`, in float64. */
function activateInto(code: number, z: Float64Array, a: Float64Array): void {
  const n = z.length;
  if (code === SIGMOID) for (let j = 0; j < n; j++) a[j] = 1 / (1 + Math.exp(-z[j]!));
  else if (code === TANH) for (let j = 0; j < n; j++) a[j] = Math.tanh(z[j]!);
  else if (code === RELU) for (let j = 0; j < n; j++) a[j] = z[j]! > 0 ? z[j]! : 0;
  else a.set(z);
}

/** delta ⊙= f'(z), with the derivatives of `activation.ts`. */
function derivativeInto(code: number, z: Float64Array, a: Float64Array, delta: Float64Array): void {
  const n = delta.length;
  if (code === SIGMOID) for (let j = 0; j < n; j++) delta[j] = delta[j]! * (a[j]! * (1 - a[j]!));
  else if (code === TANH) for (let j = 0; j < n; j++) delta[j] = delta[j]! * (1 - a[j]! * a[j]!);
  else if (code === RELU) for (let j = 0; j < n; j++) delta[j] = delta[j]! * (z[j]! > 0 ? 1 : 0);
  // f' = 1: delta·1 is delta itself, bit for bit (NaN and −0 included).
}

/** The losses of `loss.ts`, in float64. */
function sampleLoss(code: number, y: Float64Array, p: Float64Array): number {
  let s = 0;
  const n = y.length;
  if (code === BCE)
    for (let k = 0; k < n; k++) s = s - (y[k]! * Math.log(p[k]!) + (1 - y[k]!) * Math.log(1 - p[k]!));
  else
    for (let k = 0; k < n; k++) {
      const e = y[k]! - p[k]!;
      s = s + e * e;
    }
  return code === HALF_SSE ? s / 2 : s / n;
}

/** ∂L/∂ŷ as `lossGradient` computes it. */
function lossGradientInto(code: number, y: Float64Array, p: Float64Array, out: Float64Array): void {
  const n = y.length;
  for (let k = 0; k < n; k++) {
    const pk = p[k]!;
    const diff = pk - y[k]!;
    out[k] = code === HALF_SSE ? diff : code === MSE ? (2 * diff) / n : diff / (pk * (1 - pk)) / n;
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
  if (count === 1) {
    descendOne(layer, deltas[0]!, inputs[0]!, lr, updateBiases);
    return;
  }
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

/** `descend` on one sample: W ← W − α·delta·inputᵀ, b ← b − α·delta when biases are trained. */
function descendOne(
  layer: CompiledLayer,
  delta: Float64Array,
  input: Float64Array,
  lr: number,
  updateBiases: boolean,
): void {
  const { W, b, inputs: width, outputs } = layer;
  for (let j = 0; j < outputs; j++) {
    const dj = delta[j]!;
    const row = j * width;
    for (let i = 0; i < width; i++) W[row + i] = W[row + i]! - lr * (0 + dj * input[i]!);
    if (b !== null && updateBiases) b[j] = b[j]! - lr * (0 + dj);
  }
}

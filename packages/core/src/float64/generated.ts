import type { CompiledLayer } from "./layers.ts";
import type { Float64Loss } from "./losses.ts";

/**
 * Trains `epochs` epochs of SGD, writing epoch e's loss to `lossCurve[e]` (an array of
 * `epochs` entries, `lossCurveOf`); weights and biases are updated in place.
 */
export type SgdTrainer = (
  epochs: number,
  xs: readonly Float64Array[],
  ys: readonly Float64Array[],
  lr: number,
  lossCurve: number[],
  onEpoch: ((epoch: number) => void) | undefined,
) => void;
/** Makes the trainer for one network's weight and bias arrays (W0, B0, W1, B1, …). */
type SgdTrainerFactory = (...parameters: (Float64Array | null)[]) => SgdTrainer;

/** The two forms of generated SGD code: fully unrolled, or loops over each layer's rows. */
export type GeneratedForm = "unrolled" | "rows";

/**
 * Generated trainers by network shape, so that training the same shape again reuses code
 * V8 has already optimised (a fresh `new Function` starts cold in the interpreter);
 * closures made by one generated factory share their optimised code.
 */
const generatedTrainers = new Map<string, SgdTrainerFactory>();
const GENERATED_CACHE_SIZE = 32;

/**
 * The generated SGD trainer of this form for these layers (bound to their arrays), for
 * data of one sample (`oneSample`: the sample's numbers are read once, before the epochs)
 * or of any number of samples.
 */
export function generatedSgdTrainer(
  form: GeneratedForm,
  layers: readonly CompiledLayer[],
  lossName: string,
  loss: Float64Loss,
  sequential: boolean,
  updateBiases: boolean,
  oneSample: boolean,
): SgdTrainer {
  const shape = layers.map((l) => [l.inputs, l.outputs, l.activation, l.b !== null]);
  const key = JSON.stringify([form, lossName, sequential, updateBiases, oneSample, shape]);
  let factory = generatedTrainers.get(key);
  if (factory === undefined) {
    const generate = form === "unrolled" ? generateUnrolledSgd : generateRowSgd;
    factory = generate(layers, loss, sequential, updateBiases, oneSample);
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
function generateUnrolledSgd(
  layers: readonly CompiledLayer[],
  loss: Float64Loss,
  sequential: boolean,
  updateBiases: boolean,
  oneSample: boolean,
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
  // The sample's inputs and targets in local variables, read once per sample.
  const inputs = layers[0]!.inputs;
  const n = layers[L - 1]!.outputs;
  const sample = [
    ...Array.from({ length: inputs }, (_, i) => `const x_${i} = x[${i}];`),
    ...Array.from({ length: n }, (_, k) => `const y_${k} = y[${k}];`),
  ];
  const code: string[] = [];
  const input = (l: number, i: number) => (l === 0 ? `x_${i}` : `a${l - 1}_${i}`);
  layers.forEach((layer, l) => {
    for (let j = 0; j < layer.outputs; j++) {
      const z = `z${l}_${j}`;
      code.push(`let ${z} = 0;`);
      for (let i = 0; i < layer.inputs; i++)
        code.push(`${z} = ${z} + ${w(l, j * layer.inputs + i)} * ${input(l, i)};`);
      if (layer.b !== null) code.push(`${z} = ${z} + ${b(l, j)};`);
      code.push(`const a${l}_${j} = ${layer.f.applySource(z)};`);
    }
  });
  code.push("let loss = 0;");
  for (let k = 0; k < n; k++)
    code.push(`loss = ${loss.accumulateSource("loss", `y_${k}`, `a${L - 1}_${k}`)};`);
  code.push(`loss = ${loss.finishSource("loss", String(n))};`);
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
      if (l === L - 1) upstream = loss.gradientSource(a, `y_${j}`, String(n));
      else {
        const above = layers[l + 1]!;
        code.push(`let ${upstream} = 0;`);
        for (let k = 0; k < above.outputs; k++) {
          code.push(`${upstream} = ${upstream} + ${w(l + 1, k * above.inputs + j)} * d${l + 1}_${k};`);
        }
      }
      code.push(`const d${l}_${j} = (${upstream}) * ${layer.f.derivativeSource(z, a)};`);
    }
    // Sequential order: the deltas of the layer below are carried through these new weights.
    if (sequential) update(l);
  }
  if (!sequential) for (let l = 0; l < L; l++) update(l);
  return sgdTrainerFactory(L, oneSample, { before: load, sample, step: code, after: store });
}

/**
 * SGD generated for networks too large to unroll completely: loops over each layer's
 * units (the rows of W), with the loop over its inputs unrolled, the inputs and the
 * backward sums held in local variables and every offset a constant. The backward pass
 * and the update share one pass over W's rows: Wᵀ·delta is accumulated into all inputs'
 * sums at once (u_i += W[j][i]·delta[j] for j = 0, 1, …), which adds each sum's terms in
 * the order of the generic `backThrough`, and W[j][i] is updated right after it was read
 * (simultaneous order) or right before (sequential order: the deltas below are carried
 * through the new weights).
 */
function generateRowSgd(
  layers: readonly CompiledLayer[],
  loss: Float64Loss,
  sequential: boolean,
  updateBiases: boolean,
  oneSample: boolean,
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
    code.push(`Z${l}[j] = z;`, `A${l}[j] = ${layer.f.applySource("z")};`, "}", "}");
  });
  const last = layers[L - 1]!;
  const n = String(last.outputs);
  code.push(
    "let loss = 0;",
    `for (let k = 0; k < ${n}; k++) {`,
    `const p = A${L - 1}[k], t = y[k];`,
    `loss = ${loss.accumulateSource("loss", "t", "p")};`,
    `D${L - 1}[k] = (${loss.gradientSource("p", "t", n)}) * ${last.f.derivativeSource(`Z${L - 1}[k]`, "p")};`,
    "}",
    `loss = ${loss.finishSource("loss", n)};`,
  );
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
      code.push(`D${l - 1}[${i}] = u${i} * ${below.f.derivativeSource(`Z${l - 1}[${i}]`, `v${i}`)};`);
    }
    code.push("}");
  }
  return sgdTrainerFactory(L, oneSample, { setup: scratch, step: code });
}

/**
 * The SGD epoch loop around generated code for one sample's step (which leaves the
 * sample's loss in `loss`): `setup` runs once per factory call, `before` and `after`
 * once per training call (before the first epoch and after the last), `sample` once
 * per sample with `x` and `y` bound to its arrays. With one sample (`oneSample`) there
 * is no loop over samples and `sample` runs once, before the epochs, so that an epoch
 * is the step alone: its loss is 0 + (0 + loss), the sum over the epoch's one step,
 * from 0, of the step's loss (0 + its sample's), divided by the one step it took,
 * which leaves it unchanged. The factory takes the weight and bias arrays W0, B0, W1,
 * B1, … and returns `trainSgd`. Only numbers, names made in this file and the kernel's
 * own expression text enter the source; nothing read from a case does.
 */
function sgdTrainerFactory(
  layerCount: number,
  oneSample: boolean,
  parts: {
    readonly setup?: readonly string[];
    readonly before?: readonly string[];
    readonly sample?: readonly string[];
    readonly step: readonly string[];
    readonly after?: readonly string[];
  },
): SgdTrainerFactory {
  const sample = (s: string) => [`const x = xs[${s}], y = ys[${s}];`, ...(parts.sample ?? [])];
  const epochs = oneSample
    ? [...sample("0"), "for (let e = 0; e < epochs; e++) {", ...parts.step, "lossCurve[e] = 0 + (0 + loss);"]
    : [
        "const count = xs.length;",
        "for (let e = 0; e < epochs; e++) {",
        "let total = 0;",
        "for (let s = 0; s < count; s++) {",
        ...sample("s"),
        ...parts.step,
        "total = total + (0 + loss);",
        "}",
        "lossCurve[e] = total / count;",
      ];
  const body = [
    ...(parts.setup ?? []),
    "return function trainSgd(epochs, xs, ys, lr, lossCurve, onEpoch) {",
    ...(parts.before ?? []),
    ...epochs,
    "if (onEpoch !== undefined) onEpoch(e + 1);",
    "}",
    ...(parts.after ?? []),
    "};",
  ].join("\n");
  const parameters = Array.from({ length: layerCount }, (_, l) => [`W${l}`, `B${l}`]).flat();
  return new Function(...parameters, body) as SgdTrainerFactory;
}

import fc from "fast-check";
import {
  ACTIVATIONS,
  float64,
  forward,
  instantiate,
  type ActivationName,
  type LossName,
  type ProblemSpec,
} from "../src/index.ts";
import seedCase from "../../../fixtures/bp-worked-example-zh/case.json";

/** The seed article's worked example (§1.2 of the article). */
export const seedProblem = seedCase as unknown as ProblemSpec;

/** A decimal string in [−lim, lim] with three decimals, e.g. "-0.731". */
const decimal = (lim: number) =>
  fc.integer({ min: -lim * 1000, max: lim * 1000 }).map((n) => String(n / 1000));

const vector = (n: number, lim: number) => fc.array(decimal(lim), { minLength: n, maxLength: n });

/** The activations and losses of the first case format (the ones the float64 kernel implements). */
export const CLASSIC_ACTIVATIONS: readonly ActivationName[] = ["identity", "relu", "sigmoid", "tanh"];
const CLASSIC_LOSSES: readonly LossName[] = ["half-sse", "mse", "bce"];

/**
 * Random problems: 1–3 layers of 1–4 units, any classic activation (the last one sigmoid
 * for binary cross-entropy, whose domain is (0, 1)), any classic loss, with or without
 * biases, 1–3 samples, either update order and batch mode.
 */
export const arbitraryProblem: fc.Arbitrary<ProblemSpec> = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    activations: fc.array(fc.constantFrom(...CLASSIC_ACTIVATIONS), { minLength: 3, maxLength: 3 }),
    loss: fc.constantFrom(...CLASSIC_LOSSES),
    biased: fc.boolean(),
    samples: fc.integer({ min: 1, max: 3 }),
    updateOrder: fc.constantFrom("simultaneous" as const, "sequential" as const),
    batch: fc.constantFrom("sgd" as const, "full-batch" as const),
    updateBiases: fc.boolean(),
  })
  .chain((p) => {
    const layerCount = p.widths.length - 1;
    const layers = fc.tuple(
      ...Array.from({ length: layerCount }, (_, l) =>
        fc.record({
          weights: fc.array(vector(p.widths[l]!, 1), {
            minLength: p.widths[l + 1]!,
            maxLength: p.widths[l + 1]!,
          }),
          biases: p.biased ? vector(p.widths[l + 1]!, 1) : fc.constant(null),
        }),
      ),
    );
    const outputs = p.widths[layerCount]!;
    const target =
      p.loss === "bce" ? fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 1000)) : decimal(1);
    const data = fc.array(
      fc.record({
        x: vector(p.widths[0]!, 2),
        y: fc.array(target, { minLength: outputs, maxLength: outputs }),
      }),
      {
        minLength: p.samples,
        maxLength: p.samples,
      },
    );
    return fc.tuple(layers, data).map(([ls, samples]): ProblemSpec => ({
      network: {
        inputs: p.widths[0]!,
        loss: p.loss,
        layers: ls.map((l, i) => ({
          ...l,
          activation: i === layerCount - 1 && p.loss === "bce" ? "sigmoid" : p.activations[i]!,
        })),
      },
      data: samples,
      training: {
        learningRate: "0.1",
        epochs: 3,
        batch: p.batch,
        updateOrder: p.updateOrder,
        updateBiases: p.updateBiases,
      },
    }));
  });

/**
 * Random problems of the whole vocabulary: every activation (leaky ReLU with a random
 * slope; softmax on any layer of two or more units), every loss (the output layer
 * softmax or sigmoid for cce, sigmoid for bce; cce targets a random distribution), per-unit,
 * shared or no biases per layer, any reduction over outputs and samples.
 */
export const arbitraryModernProblem: fc.Arbitrary<ProblemSpec> = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    activations: fc.array(fc.constantFrom(...ACTIVATIONS), { minLength: 3, maxLength: 3 }),
    loss: fc.constantFrom<LossName>("half-sse", "sse", "mse", "bce", "cce", "output"),
    biases: fc.array(fc.constantFrom("unit" as const, "shared" as const, "none" as const), {
      minLength: 3,
      maxLength: 3,
    }),
    slope: fc.integer({ min: 1, max: 300 }).map((n) => String(n / 1000)),
    outputs: fc.constantFrom("sum" as const, "mean" as const),
    samplesReduction: fc.constantFrom("sum" as const, "mean" as const),
    samples: fc.integer({ min: 1, max: 3 }),
    batch: fc.constantFrom("sgd" as const, "full-batch" as const),
  })
  .chain((p) => {
    const layerCount = p.widths.length - 1;
    const activation = (l: number): ActivationName => {
      const wanted = p.activations[l]!;
      const last = l === layerCount - 1;
      if (last && p.loss === "bce") return "sigmoid";
      if (last && p.loss === "cce") return p.widths[l + 1]! >= 2 ? "softmax" : "sigmoid";
      return wanted === "softmax" && p.widths[l + 1]! < 2 ? "tanh" : wanted;
    };
    const layers = fc.tuple(
      ...Array.from({ length: layerCount }, (_, l) =>
        fc.record({
          weights: fc.array(vector(p.widths[l]!, 1), {
            minLength: p.widths[l + 1]!,
            maxLength: p.widths[l + 1]!,
          }),
          bias: decimal(1),
          biases: vector(p.widths[l + 1]!, 1),
        }),
      ),
    );
    const outputs = p.widths[layerCount]!;
    const distribution = fc
      .array(fc.integer({ min: 0, max: 10 }), { minLength: outputs, maxLength: outputs })
      .map((ws) => {
        const total = ws.reduce((s, w) => s + w, 0);
        // A one-hot target when every draw is 0; otherwise weights over their sum, the last
        // entry taking the remainder so that the decimals sum to 1 exactly.
        if (total === 0) return ws.map((_, k) => (k === 0 ? "1" : "0"));
        const ps = ws.map((w) => Math.round((w / total) * 1000));
        ps[ps.length - 1] = 1000 - ps.slice(0, -1).reduce((s, v) => s + v, 0);
        return ps.map((v) => String(v / 1000));
      });
    const target =
      p.loss === "cce"
        ? distribution
        : fc.array(
            p.loss === "bce" ? fc.integer({ min: 0, max: 1000 }).map((n) => String(n / 1000)) : decimal(1),
            { minLength: outputs, maxLength: outputs },
          );
    const data = fc.array(fc.record({ x: vector(p.widths[0]!, 2), y: target }), {
      minLength: p.samples,
      maxLength: p.samples,
    });
    return fc.tuple(layers, data).map(([ls, samples]): ProblemSpec => ({
      network: {
        inputs: p.widths[0]!,
        loss: p.loss,
        reduction: { outputs: p.outputs, samples: p.samplesReduction },
        layers: ls.map((l, i) => {
          const a = activation(i);
          const kind = p.biases[i]!;
          return {
            activation: a,
            ...(a === "leaky-relu" ? { slope: p.slope } : {}),
            weights: l.weights,
            biases: kind === "none" ? null : kind === "shared" ? l.weights.map(() => l.bias) : l.biases,
            ...(kind === "shared" ? { sharedBias: true } : {}),
          };
        }),
      },
      data: samples,
      training: {
        learningRate: "0.1",
        epochs: 2,
        batch: p.batch,
        updateOrder: "simultaneous",
        updateBiases: true,
      },
    }));
  });

/**
 * relu (and leaky ReLU) has no derivative at z = 0: a difference stencil straddling the kink measures a
 * mean of both slopes, so draws with a relu pre-activation within 0.01 of zero are not a
 * test of backprop (the three-decimal grid lands on exactly 0 quite often).
 */
export function nearReluKink(spec: ProblemSpec): boolean {
  const p = instantiate(float64, spec);
  return p.samples.some((s) => {
    const { z } = forward(float64, p.network, s.x);
    return p.network.layers.some(
      (l, i) =>
        (l.activation === "relu" || l.activation === "leaky-relu") && z[i]!.some((v) => Math.abs(v) < 1e-2),
    );
  });
}

/**
 * Binary cross-entropy takes ln(1 − ŷ) and ln ŷ: with an output within 0.01 of 0 or 1 the
 * float64 loss carries its rounding amplified by up to 1/(1 − ŷ), and a difference stencil
 * divides that by its step, so the numeric estimate errs above a 10⁻⁶ tolerance while
 * backprop, which never forms 1 − ŷ's logarithm, stays right. Such draws are no test of
 * backprop against the stencil.
 */
export function saturatedBce(spec: ProblemSpec): boolean {
  if (spec.network.loss !== "bce") return false;
  const p = instantiate(float64, spec);
  return p.samples.some((s) => {
    const { a } = forward(float64, p.network, s.x);
    return a[a.length - 1]!.some((y) => Math.min(y, 1 - y) < 1e-2);
  });
}

import fc from "fast-check";
import { ACTIVATIONS, float64, forward, instantiate, type ProblemSpec } from "../src/index.ts";
import seedCase from "../../../fixtures/bp-worked-example-zh/case.json";

/** The seed article's worked example (§1.2 of the article). */
export const seedProblem = seedCase as unknown as ProblemSpec;

/** A decimal string in [−lim, lim] with three decimals, e.g. "-0.731". */
const decimal = (lim: number) =>
  fc.integer({ min: -lim * 1000, max: lim * 1000 }).map((n) => String(n / 1000));

const vector = (n: number, lim: number) => fc.array(decimal(lim), { minLength: n, maxLength: n });

/**
 * Random problems: 1–3 layers of 1–4 units, any activation (the last one sigmoid for
 * binary cross-entropy, whose domain is (0, 1)), any loss, with or without biases, 1–3
 * samples, either update order and batch mode.
 */
export const arbitraryProblem: fc.Arbitrary<ProblemSpec> = fc
  .record({
    widths: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 4 }),
    activations: fc.array(fc.constantFrom(...ACTIVATIONS), { minLength: 3, maxLength: 3 }),
    loss: fc.constantFrom("half-sse" as const, "mse" as const, "bce" as const),
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
 * relu has no derivative at z = 0: a difference stencil straddling the kink measures a
 * mean of both slopes, so draws with a relu pre-activation within 0.01 of zero are not a
 * test of backprop (the three-decimal grid lands on exactly 0 quite often).
 */
export function nearReluKink(spec: ProblemSpec): boolean {
  const p = instantiate(float64, spec);
  return p.samples.some((s) => {
    const { z } = forward(float64, p.network, s.x);
    return p.network.layers.some((l, i) => l.activation === "relu" && z[i]!.some((v) => Math.abs(v) < 1e-2));
  });
}

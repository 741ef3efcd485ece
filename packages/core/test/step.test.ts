import { describe, expect, it } from "vitest";
import {
  deriveFirstStep,
  float32,
  float64,
  predict,
  instantiate,
  step,
  train,
  type LayerSpec,
  type ProblemSpec,
  type TrainingSpec,
} from "../src/index.ts";
import { expectClose } from "./expect-close.ts";
import { seedProblem } from "./arbitrary.ts";

const training = (over: Partial<TrainingSpec> = {}): TrainingSpec => ({
  learningRate: "0.5",
  epochs: 1,
  batch: "sgd",
  updateOrder: "simultaneous",
  updateBiases: true,
  ...over,
});

const layer = (weights: string[][], biases: string[] | null = null): LayerSpec => ({
  activation: "identity",
  weights,
  biases,
});

/** x = 1, y = 0, z0 = 2·x, z1 = 3·z0: every number below is exact in binary. */
const chain = (over: Partial<TrainingSpec> = {}): ProblemSpec => ({
  network: { inputs: 1, loss: "half-sse", layers: [layer([["2"]]), layer([["3"]])] },
  data: [{ x: ["1"], y: ["0"] }],
  training: training(over),
});

function firstStep(spec: ProblemSpec) {
  const p = instantiate(float64, spec);
  return deriveFirstStep(float64, p);
}

const value = (d: ReturnType<typeof firstStep>, name: string) =>
  d.quantities.find((q) => q.name === name)?.value;

describe("one step by hand", () => {
  // z0 = 2, z1 = 6, L = ½·6² = 18, delta1 = 6, dW1 = 6·2 = 12, W1' = 3 − ½·12 = −3.
  it.each([
    ["z[0][0]", 2],
    ["z[1][0]", 6],
    ["loss", 18],
    ["delta[1][0]", 6],
    ["dW[1][0][0]", 12],
    ["W'[1][0][0]", -3],
    // simultaneous: delta0 = W1·delta1 = 18, W0' = 2 − ½·18 = −7
    ["delta[0][0]", 18],
    ["dW[0][0][0]", 18],
    ["W'[0][0][0]", -7],
  ])("simultaneous update: %s = %s", (name, expected) => {
    expect(value(firstStep(chain()), name)).toBe(expected);
  });

  it.each([
    // sequential: delta0 = W1'·delta1 = −3·6 = −18, W0' = 2 + ½·18 = 11
    ["delta[0][0]", -18],
    ["dW[0][0][0]", -18],
    ["W'[0][0][0]", 11],
    ["W'[1][0][0]", -3],
  ])("sequential update carries delta through the updated W1: %s = %s", (name, expected) => {
    expect(value(firstStep(chain({ updateOrder: "sequential" })), name)).toBe(expected);
  });

  const biased: ProblemSpec = {
    network: { inputs: 1, loss: "half-sse", layers: [layer([["2"]], ["1"])] },
    data: [{ x: ["1"], y: ["0"] }],
    training: training(),
  };
  // z = 2 + 1 = 3, delta = 3, db = 3, b' = 1 − ½·3 = −0.5
  it("updated biases descend along their gradient", () => {
    const d = firstStep(biased);
    expect([value(d, "z[0][0]"), value(d, "db[0][0]"), value(d, "b'[0][0]")]).toEqual([3, 3, -0.5]);
  });

  it("frozen biases keep their value while their gradient is still reported", () => {
    const d = firstStep({ ...biased, training: training({ updateBiases: false }) });
    expect([value(d, "db[0][0]"), value(d, "b'[0][0]"), value(d, "W'[0][0][0]")]).toEqual([3, 1, 0.5]);
  });
});

describe("batches", () => {
  const twoSamples: ProblemSpec = {
    ...chain({ batch: "full-batch" }),
    data: [
      { x: ["1"], y: ["0"] },
      { x: ["-2"], y: ["1"] },
    ],
  };

  it("a full-batch gradient is the mean of the per-sample gradients", () => {
    const p = instantiate(float64, twoSamples);
    const full = step(float64, p.network, p.samples, p.training);
    const per = p.samples.map((s) => step(float64, p.network, [s], p.training));
    full.dW.forEach((m, l) =>
      m.forEach((row, j) =>
        row.forEach((g, i) => {
          const mean = (per[0]!.dW[l]![j]![i]! + per[1]!.dW[l]![j]![i]!) / 2;
          expectClose(g, mean, { ulps: 1 }, `dW[${l}][${j}][${i}]`);
        }),
      ),
    );
    expectClose(full.loss, (per[0]!.loss + per[1]!.loss) / 2, { ulps: 1 }, "loss");
  });

  it("per-sample quantities of a batch step carry the sample suffix", () => {
    const names = firstStep(twoSamples).quantities.map((q) => q.name);
    expect(names).toContain("z[0][0]@s[1]");
    expect(names).toContain("loss@s[0]");
    expect(names).toContain("loss");
    expect(names).not.toContain("z[0][0]");
  });

  it("SGD visits the samples in order, one step each", () => {
    const p = instantiate(float64, { ...twoSamples, training: training({ epochs: 1 }) });
    const first = step(float64, p.network, [p.samples[0]!], p.training);
    const second = step(float64, first.next, [p.samples[1]!], p.training);
    const trained = train(float64, p.network, p.samples, p.training);
    expect(trained.network).toEqual(second.next);
    expect(trained.lossCurve).toEqual([(first.loss + second.loss) / 2]);
  });
});

describe("training", () => {
  it("the seed network's loss falls every epoch and the curve has one value per epoch", () => {
    const p = instantiate(float64, seedProblem);
    const seen: number[] = [];
    const { lossCurve } = train(float64, p.network, p.samples, p.training, (e) => seen.push(e));
    expect(lossCurve).toHaveLength(200);
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    lossCurve.slice(1).forEach((l, e) => expect(l).toBeLessThan(lossCurve[e]!));
  });

  it("one epoch of one sample is exactly the worked step", () => {
    const p = instantiate(float64, seedProblem);
    const { trace } = deriveFirstStep(float64, p);
    const trained = train(float64, p.network, p.samples, { ...p.training, epochs: 1 });
    expect(trained.network).toEqual(trace.next);
    expect(trained.lossCurve[0]).toBe(trace.loss);
  });
});

describe("number systems", () => {
  it("the seed step in float32 stays within float32 accuracy of the float64 step", () => {
    const d32 = deriveFirstStep(float32, instantiate(float32, seedProblem));
    const d64 = deriveFirstStep(float64, instantiate(float64, seedProblem));
    d32.quantities.forEach((q, k) => {
      expect(Math.fround(q.value)).toBe(q.value);
      expectClose(q.value, d64.quantities[k]!.value, { rtol: 1e-6 }, q.name);
    });
  });

  it("predict returns the last layer's activation", () => {
    const p = instantiate(float64, seedProblem);
    expect(predict(float64, p.network, p.samples[0]!.x)).toEqual([
      value(deriveFirstStep(float64, p), "a[1][0]"),
    ]);
  });
});

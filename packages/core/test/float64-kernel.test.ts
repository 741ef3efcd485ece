import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  float32,
  float64,
  instantiate,
  train,
  trainFloat64,
  usesFloat64Kernel,
  type ActivationName,
  type KernelLimits,
  type LossName,
  type ProblemSpec,
  type TrainResult,
} from "../src/index.ts";
import { train as trainGeneric } from "../src/train.ts";
import { arbitraryProblem, seedProblem } from "./arbitrary.ts";

/** Every number of a training result, in a fixed order. */
function numbers(r: TrainResult<number>): number[] {
  return [...r.lossCurve, ...r.network.layers.flatMap((l) => [...l.W.flat(), ...(l.b ?? [])])];
}

/** Generic and kernel results of the same problem; equal means Object.is on every number (NaN, −0 included). */
function bothWays(spec: ProblemSpec, epochs: number, limits?: KernelLimits) {
  const p = instantiate(float64, spec);
  const training = { ...p.training, epochs };
  const generic = numbers(trainGeneric(float64, p.network, p.samples, training));
  const kernel = numbers(trainFloat64(p.network, p.samples, training, undefined, limits));
  return { generic, kernel };
}

/**
 * The kernel's three forms: fully unrolled generated SGD (small networks), generated SGD
 * looping over rows (larger ones), and the loops (everything else, full batch included).
 */
const forms = [
  { form: "unrolled code", limits: undefined },
  { form: "row code", limits: { unrolledWeights: 0, rowWidth: 64, rowWork: 0 } },
  { form: "loops", limits: { unrolledWeights: 0, rowWidth: 0, rowWork: 0 } },
];

function expectIdentical(kernel: number[], generic: number[]): void {
  expect(kernel.length).toBe(generic.length);
  kernel.forEach((v, k) => expect(Object.is(v, generic[k]), `number ${k}: ${v} vs ${generic[k]}`).toBe(true));
}

describe("the float64 kernel equals the generic algorithm bit for bit", () => {
  it.each(forms.flatMap((f) => [1, 2, 200, 1000].map((epochs) => ({ ...f, epochs }))))(
    "on the seed network over $epochs epochs ($form)",
    ({ epochs, limits }) => {
      const { generic, kernel } = bothWays(seedProblem, epochs, limits);
      expectIdentical(kernel, generic);
    },
  );

  it.each(forms)(
    "on random networks, losses, batch modes and update orders ($form)",
    ({ limits }) => {
      fc.assert(
        fc.property(arbitraryProblem, fc.integer({ min: 1, max: 20 }), (spec, epochs) => {
          const { generic, kernel } = bothWays(spec, epochs, limits);
          expectIdentical(kernel, generic);
        }),
        { numRuns: 150 },
      );
    },
    30_000,
  );

  // With the default limits, 50 epochs of 8-16-16-4 run the loops and long runs the row code.
  it.each(forms.slice(1))("on an 8-16-16-4 network, 50 epochs ($form)", ({ limits }) => {
    const decimal = (k: number) => String((((k * 7919) % 2001) - 1000) / 1000);
    const widths = [8, 16, 16, 4];
    const spec: ProblemSpec = {
      network: {
        inputs: 8,
        loss: "half-sse",
        layers: widths.slice(1).map((out, l) => ({
          activation: "sigmoid" as const,
          weights: Array.from({ length: out }, (_, j) =>
            Array.from({ length: widths[l]! }, (_, i) => decimal(l * 1000 + j * 16 + i)),
          ),
          biases: null,
        })),
      },
      data: [{ x: Array.from({ length: 8 }, (_, i) => decimal(i + 77)), y: ["0.1", "0.9", "0.5", "0.3"] }],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: false,
      },
    };
    const { generic, kernel } = bothWays(spec, 50, limits);
    expectIdentical(kernel, generic);
  });

  it("reports every epoch to onEpoch, as the generic train does", () => {
    const p = instantiate(float64, seedProblem);
    const seen: number[] = [];
    trainFloat64(p.network, p.samples, { ...p.training, epochs: 3 }, (e) => seen.push(e));
    expect(seen).toEqual([1, 2, 3]);
  });

  it("refuses, rather than trains wrongly, a loss or an activation it has no record for", () => {
    const p = instantiate(float64, seedProblem);
    const softmax = {
      ...p.network,
      layers: [{ ...p.network.layers[0]!, activation: "softmax" as const }, ...p.network.layers.slice(1)],
    };
    expect(() => trainFloat64(softmax, p.samples, p.training)).toThrow(/no activation "softmax"/);
    const cce = { ...p.network, loss: "cce" as const };
    expect(() => trainFloat64(cce, p.samples, p.training)).toThrow(/no loss "cce"/);
  });

  it("leaves the network it was given unchanged", () => {
    const p = instantiate(float64, seedProblem);
    const before = JSON.stringify(p.network);
    trainFloat64(p.network, p.samples, { ...p.training, epochs: 5 });
    expect(JSON.stringify(p.network)).toBe(before);
  });
});

describe("train chooses the kernel for float64 only", () => {
  it.each([
    { F: float64, expected: true },
    { F: float32, expected: false },
  ])("on $F.name: $expected", ({ F, expected }) => {
    expect(usesFloat64Kernel(F)).toBe(expected);
  });

  it("on float64, takes the networks the kernel has records for and refuses the rest", () => {
    const net = instantiate(float64, seedProblem).network;
    expect(usesFloat64Kernel(float64, net)).toBe(true);
    // Names the kernel has no record for (the casts stand for names added to the model later).
    const withActivation = (activation: ActivationName) => ({
      ...net,
      layers: [{ ...net.layers[0]!, activation }, ...net.layers.slice(1)],
    });
    expect(usesFloat64Kernel(float64, withActivation("softmax"))).toBe(false);
    expect(usesFloat64Kernel(float64, withActivation("toString" as ActivationName))).toBe(false);
    expect(usesFloat64Kernel(float64, { ...net, loss: "toString" as LossName })).toBe(false);
  });

  it("the exported train gives the kernel's results on float64 and the generic ones on float32", () => {
    for (const F of [float64, float32]) {
      const p = instantiate(F, seedProblem);
      const training = { ...p.training, epochs: 50 };
      expectIdentical(
        numbers(train(F, p.network, p.samples, training)),
        numbers(trainGeneric(F, p.network, p.samples, training)),
      );
    }
  });
});

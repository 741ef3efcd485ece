import type { ProblemSpec } from "@bpcheck/core";
import seedCase from "../../fixtures/bp-worked-example-zh/case.json" with { type: "json" };

/** A benchmark network: sigmoid layers without biases, half-SSE loss, one sample, SGD. */
export interface BenchProblem {
  readonly name: string;
  readonly spec: ProblemSpec;
}

/** The seed article's 2-2-1 network (fixtures/bp-worked-example-zh/case.json). */
export const seed: BenchProblem = { name: "2-2-1 (seed)", spec: seedCase as unknown as ProblemSpec };

/** mulberry32: a small seeded generator, so the "random" network is the same on every run. */
function generator(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A decimal string with three decimals in [−lim, lim] (or in [0.1, 0.9] for a target). */
function decimals(next: () => number, lim: number): string {
  return String(Math.round((2 * next() - 1) * lim * 1000) / 1000);
}

/** A layered sigmoid network with fixed pseudo-random weights (seeded), e.g. widths [8, 16, 16, 4]. */
export function randomNetwork(widths: readonly number[], seedValue = 20_240_601): BenchProblem {
  const next = generator(seedValue);
  const layers = widths.slice(1).map((out, l) => ({
    activation: "sigmoid" as const,
    weights: Array.from({ length: out }, () => Array.from({ length: widths[l]! }, () => decimals(next, 1))),
    biases: null,
  }));
  return {
    name: widths.join("-"),
    spec: {
      network: { inputs: widths[0]!, layers, loss: "half-sse" },
      data: [
        {
          x: Array.from({ length: widths[0]! }, () => decimals(next, 1)),
          y: Array.from({ length: widths[widths.length - 1]! }, () =>
            String(0.1 + Math.round(next() * 800) / 1000),
          ),
        },
      ],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: false,
      },
    },
  };
}

/** The problem in the baselines' own terms (JSON for Python, whitespace-separated numbers for C). */
export function baselineInput(p: BenchProblem): { json: string; text: string } {
  const { network, data, training } = p.spec;
  const weights = network.layers.map((l) => l.weights);
  const json = JSON.stringify({ x: data[0]!.x, y: data[0]!.y, learningRate: training.learningRate, weights });
  const widths = [network.inputs, ...network.layers.map((l) => l.weights.length)];
  const text = [
    String(network.layers.length),
    widths.join(" "),
    ...weights.map((W) => W.flat().join(" ")),
    data[0]!.x.join(" "),
    data[0]!.y.join(" "),
    training.learningRate,
  ].join("\n");
  return { json, text };
}

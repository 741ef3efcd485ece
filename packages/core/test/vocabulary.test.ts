import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  activationDerivative,
  deriveWorkedExample,
  float64,
  forward,
  gradientCheck,
  inputGradientCheck,
  instantiate,
  step,
  usesFloat64Kernel,
  type ProblemSpec,
} from "../src/index.ts";
import { arbitraryModernProblem, nearReluKink, saturatedBce } from "./arbitrary.ts";
import { expectClose } from "./expect-close.ts";

const byName = (spec: ProblemSpec) =>
  new Map(deriveWorkedExample(float64, instantiate(float64, spec)).quantities.map((q) => [q.name, q.value]));

/** A 2-2-3 network: sigmoid hidden layer with a shared bias, softmax output, cce. */
const softmaxCase: ProblemSpec = {
  network: {
    inputs: 2,
    loss: "cce",
    layers: [
      {
        activation: "sigmoid",
        weights: [
          ["0.1", "-0.2"],
          ["0.4", "0.3"],
        ],
        biases: ["0.5", "0.5"],
        sharedBias: true,
      },
      {
        activation: "softmax",
        weights: [
          ["0.3", "0.9"],
          ["-0.6", "0.2"],
          ["0.1", "0.1"],
        ],
        biases: null,
      },
    ],
  },
  data: [{ x: ["1", "2"], y: ["0", "1", "0"] }],
  training: { learningRate: "0.5", epochs: 3, batch: "sgd", updateOrder: "simultaneous", updateBiases: true },
};

describe("gradients of the whole vocabulary against a five-point central difference", () => {
  it("agree on random networks (softmax + cce, leaky ReLU, shared biases, every loss and reduction)", () => {
    fc.assert(
      fc.property(arbitraryModernProblem, (spec) => {
        fc.pre(!nearReluKink(spec) && !saturatedBce(spec));
        const p = instantiate(float64, spec);
        for (const g of gradientCheck(float64, p.network, p.samples)) {
          expectClose(g.backprop, g.numeric, { rtol: 1e-6, atol: 1e-9 }, g.name);
        }
        for (const g of inputGradientCheck(float64, p.network, p.samples[0]!)) {
          expectClose(g.backprop, g.numeric, { rtol: 1e-6, atol: 1e-9 }, g.name);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("every new quantity kind satisfies its definition on random networks", () => {
    fc.assert(
      fc.property(arbitraryModernProblem, (spec) => {
        const p = instantiate(float64, spec);
        const samples = p.training.batch === "sgd" ? p.samples.slice(0, 1) : p.samples;
        const t = step(float64, p.network, samples, p.training);
        const L = p.network.layers.length;
        t.samples.forEach((s, n) => {
          // da[l][j] = Σ_k contrib[l][k][j]: the contributions of the units above add up.
          for (let l = 0; l < L - 1; l++) {
            s.da[l]!.forEach((g, j) => {
              const total = s.contrib[l]!.reduce((acc, row) => acc + row[j]!, 0);
              expectClose(g, total, { rtol: 1e-12, atol: 1e-15 }, `da[${l}][${j}]`);
            });
          }
          // The written-down parts: z sums its terms (and the bias); a softmax layer's outputs are
          // its shifted exponentials over their sum, the largest shifted logit 0; 1 − a is the
          // factor of f′ = a(1 − a), present exactly for sigmoid and softmax.
          p.network.layers.forEach((layer, l) => {
            const { z, a, terms, softmax } = s.forward;
            terms[l]!.forEach((row, j) => {
              const input = l === 0 ? samples[n]!.x : a[l - 1]!;
              row.forEach((term, i) => expect(term).toBe(layer.W[j]![i]! * input[i]!));
              if (layer.b === null) expect(z[l]![j]).toBe(row.reduce((acc, v) => acc + v, 0));
            });
            const parts = softmax[l]!;
            expect(parts === null).toBe(layer.activation !== "softmax");
            if (parts !== null) {
              expect(Math.max(...parts.shifted)).toBe(0);
              parts.exps.forEach((e, j) => {
                expect(e).toBe(Math.exp(parts.shifted[j]!));
                expect(a[l]![j]).toBe(e / parts.sum);
              });
            }
            const complement = s.oneMinusA[l]!;
            expect(complement === null).toBe(
              layer.activation !== "sigmoid" && layer.activation !== "softmax",
            );
            complement?.forEach((c, j) => {
              expect(c).toBe(1 - a[l]![j]!);
              expect(s.fprime[l]![j]).toBe(a[l]![j]! * c);
            });
          });
          // fprime is f′(z) of each unit.
          p.network.layers.forEach((layer, l) =>
            s.fprime[l]!.forEach((d, j) =>
              expect(d).toBe(
                activationDerivative(
                  float64,
                  layer.activation,
                  s.forward.z[l]![j]!,
                  s.forward.a[l]![j]!,
                  layer.slope,
                ),
              ),
            ),
          );
        });
        // ΔW = −α·dW = −lrdW and W' = W + ΔW = W − lrdW; a frozen or absent bias has no change.
        t.DeltaW.forEach((m, l) =>
          m.forEach((row, j) =>
            row.forEach((d, i) => {
              expect(d).toBe(-(0.1 * t.dW[l]![j]![i]!));
              expect(t.lrdW[l]![j]![i]!).toBe(-d);
              expect(t.next.layers[l]!.W[j]![i]!).toBe(p.network.layers[l]!.W[j]![i]! - t.lrdW[l]![j]![i]!);
              expectClose(t.next.layers[l]!.W[j]![i]!, p.network.layers[l]!.W[j]![i]! + d, { ulps: 1 }, "W'");
            }),
          ),
        );
        t.lrdb.forEach((v, l) =>
          v?.forEach((s, j) => expect(s).toBe(p.training.updateBiases ? 0.1 * t.db[l]![j]! : 0)),
        );
        // A shared bias moves as one: every unit's entry gets the sum of the units' gradients.
        p.network.layers.forEach((layer, l) => {
          if (!layer.sharedBias) return;
          const b = t.next.layers[l]!.b!;
          expect(new Set(b).size).toBe(1);
          expect(new Set(t.db[l]!).size).toBe(1);
        });
      }),
      { numRuns: 200 },
    );
  });
});

describe("softmax and categorical cross-entropy", () => {
  it("reduce to ∂L/∂z = ŷ − y through the full Jacobian (checked on random networks, not assumed)", () => {
    fc.assert(
      fc.property(arbitraryModernProblem, (spec) => {
        const last = spec.network.layers[spec.network.layers.length - 1]!;
        fc.pre(spec.network.loss === "cce" && last.activation === "softmax");
        const p = instantiate(float64, spec);
        const s = p.samples[0]!;
        const t = step(float64, p.network, [s], p.training);
        const L = p.network.layers.length - 1;
        const yHat = t.samples[0]!.forward.a[L]!;
        // The reduction over outputs scales ∂L/∂ŷ and so the delta: mean divides by n.
        const scale = spec.network.reduction?.outputs === "mean" ? yHat.length : 1;
        t.samples[0]!.delta[L]!.forEach((d, k) =>
          expectClose(d * scale, yHat[k]! - s.y[k]!, { rtol: 1e-12, atol: 1e-15 }, `delta[${L}][${k}]`),
        );
      }),
      { numRuns: 300 },
    );
  });

  it("give a distribution and the shared bias gradient as the sum over the layer's units", () => {
    const v = byName(softmaxCase);
    const total = [0, 1, 2].reduce((s, k) => s + v.get(`a[1][${k}]`)!, 0);
    expectClose(total, 1, { ulps: 2 }, "Σ softmax");
    expect(v.has("b[0]")).toBe(true);
    expect(v.has("b[0][0]")).toBe(false);
    expectClose(v.get("db[0]")!, v.get("delta[0][0]")! + v.get("delta[0][1]")!, { ulps: 1 }, "db[0]");
    expectClose(v.get("b'[0]")!, 0.5 - 0.5 * v.get("db[0]")!, { ulps: 1 }, "b'[0]");
    expectClose(v.get("loss")!, -Math.log(v.get("a[1][1]")!), { ulps: 2 }, "loss");
    expectClose(v.get("lossTerm[1]")!, v.get("loss")!, { ulps: 0 }, "lossTerm[1]");
    expect(v.get("lossTerm[0]")).toBe(0);
  });

  it("a softmax stays finite for large logits (the shift by the maximum)", () => {
    const p = instantiate(float64, {
      ...softmaxCase,
      network: {
        inputs: 1,
        loss: "cce",
        layers: [{ activation: "softmax", weights: [["1000"], ["999"]], biases: null }],
      },
      data: [{ x: ["1"], y: ["1", "0"] }],
    });
    const a = forward(float64, p.network, p.samples[0]!.x).a[0]!;
    expectClose(a[0]!, 1 / (1 + Math.exp(-1)), { ulps: 2 }, "a[0][0]");
  });
});

describe("activation derivatives at the kink", () => {
  it("relu′(0) is 0 and leaky-relu′(0) is its slope, as documented", () => {
    expect(activationDerivative(float64, "relu", 0, 0)).toBe(0);
    expect(activationDerivative(float64, "relu", 1e-300, 1e-300)).toBe(1);
    expect(activationDerivative(float64, "leaky-relu", 0, 0, 0.01)).toBe(0.01);
    expect(activationDerivative(float64, "leaky-relu", -2, -0.02, 0.01)).toBe(0.01);
    expect(activationDerivative(float64, "leaky-relu", 2, 2, 0.01)).toBe(1);
  });
});

describe("quantities at later steps, after n updates and per epoch", () => {
  const later: ProblemSpec = { ...softmaxCase, horizon: { steps: 2, after: [1, 3], epochs: 3 } };

  it("the second step's forward pass uses the parameters after the first update", () => {
    const v = byName(later);
    const p = instantiate(float64, softmaxCase);
    const once = step(float64, p.network, p.samples, p.training).next;
    const second = forward(float64, once, p.samples[0]!.x);
    expect(v.get("z[0][0]@step[2]")).toBe(second.z[0]![0]);
    expect(v.get("a[1][2]@step[2]")).toBe(second.a[1]![2]);
    expect(v.get("W[1][0][1]@step[2]")).toBe(once.layers[1]!.W[0]![1]);
    // One sample: "the loss after one update" is the loss of the second step, before its update.
    expect(v.get("loss@after[1]")).toBe(v.get("loss@step[2]"));
  });

  it("names both meanings of the loss after N: with the weights after N updates, and of epoch N before its update", () => {
    const v = byName(later);
    expect(v.get("loss@epoch[1]")).toBe(v.get("loss"));
    expect(v.get("loss@epoch[2]")).toBe(v.get("loss@after[1]"));
    expect(v.has("loss@after[3]")).toBe(true);
    expect(v.get("W'[1][0][0]@epoch[1]")).toBe(v.get("W'[1][0][0]"));
    expect(v.has("loss@epoch[4]")).toBe(false);
  });
});

describe("the float64 kernel dispatch", () => {
  it("sends what the kernel does not implement to the generic algorithm", () => {
    const net = (patch: Partial<ProblemSpec["network"]>) =>
      instantiate(float64, { ...softmaxCase, network: { ...softmaxCase.network, ...patch } }).network;
    expect(usesFloat64Kernel(float64, net({}))).toBe(false);
    const plain = {
      loss: "half-sse" as const,
      layers: [{ activation: "sigmoid" as const, weights: [["0.1", "0.2"]], biases: ["0.1"] }],
    };
    expect(usesFloat64Kernel(float64, net(plain))).toBe(true);
    expect(usesFloat64Kernel(float64, net({ ...plain, loss: "sse" }))).toBe(false);
    expect(usesFloat64Kernel(float64, net({ ...plain, reduction: { samples: "sum" } }))).toBe(false);
    expect(
      usesFloat64Kernel(
        float64,
        net({ ...plain, layers: [{ ...plain.layers[0]!, activation: "leaky-relu", slope: "0.1" }] }),
      ),
    ).toBe(false);
    expect(
      usesFloat64Kernel(float64, net({ ...plain, layers: [{ ...plain.layers[0]!, sharedBias: true }] })),
    ).toBe(false);
  });
});

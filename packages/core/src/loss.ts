import type { Field } from "./field.ts";

export const REDUCTIONS = ["sum", "mean"] as const;
export type ReductionMode = (typeof REDUCTIONS)[number];

/**
 * How a loss is reduced: over the outputs of one sample (the sample's loss is the sum or
 * the mean of its per-output terms), and over the samples of a full-batch step (the
 * step's loss and its gradients are the sum or the mean of the samples').
 */
export interface Reduction {
  readonly outputs: ReductionMode;
  readonly samples: ReductionMode;
}

/**
 * A loss: the per-output summand s_k, a factor applied to the reduced sum (½ for half-sse),
 * and ∂(factor·s_k)/∂ŷ_k. Everything a source writes as its loss is one of these with a
 * reduction: L = factor · reduce_k s_k.
 */
interface Loss {
  /** The loss of one sample as reports write it: "½ Σ (y − ŷ)²". */
  readonly expression: string;
  readonly formula: string;
  /** A public worked example that uses the loss (for the docs). */
  readonly usedBy: string;
  readonly outputs: ReductionMode;
  readonly half: boolean;
  /** s_k, the unscaled summand. */
  summand<T>(F: Field<T>, y: T, p: T): T;
  /** ∂(factor·s_k)/∂ŷ_k. */
  gradient<T>(F: Field<T>, y: T, p: T): T;
}

const squared = <T>(F: Field<T>, y: T, p: T) => {
  const e = F.sub(y, p);
  return F.mul(e, e);
};
const twice = <T>(F: Field<T>, y: T, p: T) => F.mul(F.fromInt(2), F.sub(p, y));

/** Every loss, one record each. */
const LOSS_TABLE = {
  "half-sse": {
    expression: "½ Σ (y − ŷ)²",
    formula: "L = ½ Σ_k (y_k − ŷ_k)²; ∂L/∂ŷ_k = ŷ_k − y_k",
    usedBy: "Matt Mazur's step-by-step example, hmkcode's Backpropagation Step by Step",
    outputs: "sum",
    half: true,
    summand: squared,
    gradient: (F, y, p) => F.sub(p, y),
  },
  sse: {
    expression: "Σ (y − ŷ)²",
    formula: "L = Σ_k (y_k − ŷ_k)²; ∂L/∂ŷ_k = 2(ŷ_k − y_k)",
    usedBy: "Nielsen's Neural Networks and Deep Learning writes the quadratic cost with and without ½",
    outputs: "sum",
    half: false,
    summand: squared,
    gradient: twice,
  },
  mse: {
    expression: "(1/n) Σ (y − ŷ)²",
    formula: "L = (1/n) Σ_k (y_k − ŷ_k)²; ∂L/∂ŷ_k = 2(ŷ_k − y_k)/n",
    usedBy: "Keras and PyTorch MSELoss (mean over outputs)",
    outputs: "mean",
    half: false,
    summand: squared,
    gradient: twice,
  },
  bce: {
    expression: "−(1/n) Σ [y ln ŷ + (1 − y) ln(1 − ŷ)]",
    formula:
      "L = −(1/n) Σ_k [y_k ln ŷ_k + (1 − y_k) ln(1 − ŷ_k)]; ∂L/∂ŷ_k = (ŷ_k − y_k) / (ŷ_k(1 − ŷ_k)) / n; 0 < ŷ_k < 1",
    usedBy: "PyTorch BCELoss; the relu-bce interview note",
    outputs: "mean",
    half: false,
    summand: (F, y, p) => F.neg(F.add(F.mul(y, F.ln(p)), F.mul(F.sub(F.one, y), F.ln(F.sub(F.one, p))))),
    gradient: (F, y, p) => F.div(F.sub(p, y), F.mul(p, F.sub(F.one, p))),
  },
  cce: {
    expression: "−Σ y ln ŷ",
    formula: "L = −Σ_k y_k ln ŷ_k; ∂L/∂ŷ_k = −y_k/ŷ_k; y is a distribution (y_k ≥ 0, Σ y_k = 1), ŷ_k > 0",
    usedBy: "PyTorch CrossEntropyLoss after softmax; Gorman's worked example",
    outputs: "sum",
    half: false,
    summand: (F, y, p) => F.neg(F.mul(y, F.ln(p))),
    gradient: (F, y, p) => F.neg(F.div(y, p)),
  },
  output: {
    expression: "Σ ŷ",
    formula: "L = Σ_k ŷ_k (the targets are ignored); ∂L/∂ŷ_k = 1: gradients of the output itself",
    usedBy: "micrograd's o.backward() on one tanh neuron",
    outputs: "sum",
    half: false,
    summand: (_F, _y, p) => p,
    gradient: (F) => F.one,
  },
} as const satisfies Record<string, Loss>;

export type LossName = keyof typeof LOSS_TABLE;
export const LOSSES = Object.keys(LOSS_TABLE) as LossName[];

/** The documentation of a loss: its formula and a source that uses it. */
export function lossInfo(name: LossName): Pick<Loss, "expression" | "formula" | "usedBy" | "outputs"> {
  return LOSS_TABLE[name];
}

/** The reduction in force: the network's own, else the loss's default over outputs and the mean over samples. */
export function reductionOf(net: {
  readonly loss: LossName;
  readonly reduction?: Partial<Reduction>;
}): Reduction {
  return {
    outputs: net.reduction?.outputs ?? LOSS_TABLE[net.loss].outputs,
    samples: net.reduction?.samples ?? "mean",
  };
}

/** The per-output terms e_k = factor·s_k, whose reduction over outputs is the sample's loss. */
export function lossTerms<T>(F: Field<T>, name: LossName, y: readonly T[], yHat: readonly T[]): T[] {
  const record: Loss = LOSS_TABLE[name];
  return y.map((yk, k) => {
    const s = record.summand(F, yk, yHat[k]!);
    return record.half ? F.div(s, F.fromInt(2)) : s;
  });
}

type Net = { readonly loss: LossName; readonly reduction?: Partial<Reduction> };

/**
 * Loss of one sample with n outputs ŷ against targets y: factor · reduce_k s_k (the
 * factor ½ and the mean's 1/n applied once, to the sum).
 */
export function loss<T>(F: Field<T>, net: Net | LossName, y: readonly T[], yHat: readonly T[]): T {
  const n = typeof net === "string" ? { loss: net } : net;
  const record: Loss = LOSS_TABLE[n.loss];
  let s = F.zero;
  for (let k = 0; k < y.length; k++) s = F.add(s, record.summand(F, y[k]!, yHat[k]!));
  const mean = reductionOf(n).outputs === "mean";
  if (record.half) return F.div(s, F.fromInt(mean ? 2 * y.length : 2));
  return mean ? F.div(s, F.fromInt(y.length)) : s;
}

/** ∂L/∂ŷ_k for every output k of one sample. */
export function lossGradient<T>(F: Field<T>, net: Net | LossName, y: readonly T[], yHat: readonly T[]): T[] {
  const n = typeof net === "string" ? { loss: net } : net;
  const record: Loss = LOSS_TABLE[n.loss];
  const mean = reductionOf(n).outputs === "mean";
  const count = F.fromInt(y.length);
  return y.map((yk, k) => {
    const g = record.gradient(F, yk, yHat[k]!);
    return mean ? F.div(g, count) : g;
  });
}

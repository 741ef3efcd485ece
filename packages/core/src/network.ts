import type { ActivationName } from "./activation.ts";
import type { Field } from "./field.ts";
import type { LossName } from "./loss.ts";

/**
 * The case model: a worked example as its source states it, every number a decimal
 * string so that each number system starts from the printed value itself.
 */
export interface LayerSpec {
  readonly activation: ActivationName;
  /** out × in matrix, so that z = W·a + b (the article's h = W0·X). */
  readonly weights: readonly (readonly string[])[];
  /** One bias per unit, or null for a layer without biases. */
  readonly biases: readonly string[] | null;
}

export interface NetworkSpec {
  readonly inputs: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
}

export interface SampleSpec {
  readonly x: readonly string[];
  readonly y: readonly string[];
}

export const UPDATE_ORDERS = ["simultaneous", "sequential"] as const;
/**
 * simultaneous: every gradient comes from the weights before the step (the standard).
 * sequential: layers are updated from the output down, and a layer's deltas are
 * propagated through the already-updated weights of the layer above.
 */
export type UpdateOrder = (typeof UPDATE_ORDERS)[number];

export const BATCH_MODES = ["sgd", "full-batch"] as const;
/** sgd: one step per sample, in order. full-batch: one step per epoch on the mean gradient. */
export type BatchMode = (typeof BATCH_MODES)[number];

export interface TrainingSpec {
  readonly learningRate: string;
  readonly epochs: number;
  readonly batch: BatchMode;
  readonly updateOrder: UpdateOrder;
  /** false: biases keep their initial values (some famous tutorials never update them). */
  readonly updateBiases: boolean;
}

export interface ProblemSpec {
  readonly network: NetworkSpec;
  readonly data: readonly SampleSpec[];
  readonly training: TrainingSpec;
}

/** The same model with numbers of a field. */
export interface Layer<T> {
  readonly activation: ActivationName;
  readonly W: readonly (readonly T[])[];
  readonly b: readonly T[] | null;
}

export interface Network<T> {
  readonly layers: readonly Layer<T>[];
  readonly loss: LossName;
}

export interface Sample<T> {
  readonly x: readonly T[];
  readonly y: readonly T[];
}

export interface Training<T> {
  readonly learningRate: T;
  readonly epochs: number;
  readonly batch: BatchMode;
  readonly updateOrder: UpdateOrder;
  readonly updateBiases: boolean;
}

export interface Problem<T> {
  readonly network: Network<T>;
  readonly samples: readonly Sample<T>[];
  readonly training: Training<T>;
}

/** Reads a problem's decimal strings into field F. Shapes are assumed valid (the case loader checks them). */
export function instantiate<T>(F: Field<T>, spec: ProblemSpec): Problem<T> {
  const vec = (v: readonly string[]) => v.map((s) => F.fromDecimal(s));
  return {
    network: {
      loss: spec.network.loss,
      layers: spec.network.layers.map((l) => ({
        activation: l.activation,
        W: l.weights.map(vec),
        b: l.biases === null ? null : vec(l.biases),
      })),
    },
    samples: spec.data.map((s) => ({ x: vec(s.x), y: vec(s.y) })),
    training: { ...spec.training, learningRate: F.fromDecimal(spec.training.learningRate) },
  };
}

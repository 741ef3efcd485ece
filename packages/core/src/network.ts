import type { ActivationName } from "./activation.ts";
import type { Field } from "./field.ts";
import type { LossName, Reduction } from "./loss.ts";

export const LAYOUTS = ["out-in", "in-out"] as const;
/**
 * How a source writes a layer's weight matrix: out-in, one row per unit (z = W·a, the
 * column-vector convention); in-out, one row per input (z = a·W, the row-vector
 * convention of many notebooks). The model always holds out × in; the layout only says
 * how the case file and the reports write it.
 */
export type Layout = (typeof LAYOUTS)[number];

/**
 * The case model: a worked example as its source states it, every number a decimal
 * string so that each number system starts from the printed value itself.
 */
export interface LayerSpec {
  readonly activation: ActivationName;
  /** The slope of leaky ReLU for z < 0 (leaky-relu only). */
  readonly slope?: string;
  /** out × in matrix, so that z = W·a + b (the article's h = W0·X), whatever the case's layout. */
  readonly weights: readonly (readonly string[])[];
  /** One bias per unit (all equal for a shared bias), or null for a layer without biases. */
  readonly biases: readonly string[] | null;
  /** One bias shared by every unit of the layer: its gradient is the sum of the units' gradients. */
  readonly sharedBias?: boolean;
  /** How the source writes the weights (default out-in); for display only. */
  readonly layout?: Layout;
}

export interface NetworkSpec {
  readonly inputs: number;
  readonly layers: readonly LayerSpec[];
  readonly loss: LossName;
  /** Reductions over outputs and samples; each missing one is the loss's default. */
  readonly reduction?: Partial<Reduction>;
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

/**
 * How far the derivation goes past the first step: the later steps, update counts and
 * epochs whose quantities a case names (see `quantity-name.ts`). Absent: the first step only.
 */
export interface Horizon {
  /** Steps 2..steps are derived too. */
  readonly steps: number;
  /** Forward passes with the parameters after each of these update counts. */
  readonly after: readonly number[];
  /** Epoch losses and parameters after epochs 1..epochs. */
  readonly epochs: number;
}

export interface ProblemSpec {
  readonly network: NetworkSpec;
  readonly data: readonly SampleSpec[];
  readonly training: TrainingSpec;
  readonly horizon?: Horizon;
}

/** The same model with numbers of a field. */
export interface Layer<T> {
  readonly activation: ActivationName;
  /** Leaky ReLU's slope for z < 0. */
  readonly slope?: T;
  readonly W: readonly (readonly T[])[];
  /** One per unit; for a shared bias every entry is the same value. */
  readonly b: readonly T[] | null;
  readonly sharedBias?: boolean;
}

export interface Network<T> {
  readonly layers: readonly Layer<T>[];
  readonly loss: LossName;
  readonly reduction?: Partial<Reduction>;
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
  readonly horizon?: Horizon;
}

/** Reads a problem's decimal strings into field F. Shapes are assumed valid (the case loader checks them). */
export function instantiate<T>(F: Field<T>, spec: ProblemSpec): Problem<T> {
  const vec = (v: readonly string[]) => v.map((s) => F.fromDecimal(s));
  return {
    network: {
      loss: spec.network.loss,
      ...(spec.network.reduction === undefined ? {} : { reduction: spec.network.reduction }),
      layers: spec.network.layers.map((l) => ({
        activation: l.activation,
        ...(l.slope === undefined ? {} : { slope: F.fromDecimal(l.slope) }),
        W: l.weights.map(vec),
        b: l.biases === null ? null : vec(l.biases),
        ...(l.sharedBias ? { sharedBias: true } : {}),
      })),
    },
    samples: spec.data.map((s) => ({ x: vec(s.x), y: vec(s.y) })),
    training: { ...spec.training, learningRate: F.fromDecimal(spec.training.learningRate) },
    ...(spec.horizon === undefined ? {} : { horizon: spec.horizon }),
  };
}

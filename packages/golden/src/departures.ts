import {
  LOSSES,
  UPDATE_ORDERS,
  formatQuantity,
  kindOf,
  negatedName,
  parseQuantity,
  swapMatrixIndices,
  type ProblemSpec,
  type SignConvention,
} from "@bpcheck/core";
import Decimal from "decimal.js";

/**
 * Departures from the case as declared: a setting the source may have used instead of
 * the declared one (another update order, learning rate, loss), or a way it may write a
 * quantity (δ with the other sign, a matrix entry with its indices swapped). A departure
 * changes the problem the engine runs (`respec`) or how a printed number is read
 * (`view`), never both, and belongs to a family: a world takes at most one departure per
 * family.
 */
export interface Departure {
  /** The cause this departure is an instance of (an id of the cause registry). */
  readonly cause: string;
  /** At most one departure per family in a world ("learning-rate", "transposed-index:0"). */
  readonly family: string;
  /** Unique among departures: "learning-rate:0.001". */
  readonly key: string;
  /** The phrase that names it: "learning rate 0.001 instead of 0.01". */
  readonly how: string;
  readonly respec?: (spec: ProblemSpec) => ProblemSpec;
  readonly view?: (quantity: string) => Reading | null;
  /**
   * false: a mistake in one number, never one of the source's conventions, even when its
   * cause may be (a source computing with a matrix transposed throughout is one whose
   * case declares the other matrix).
   */
  readonly conventional?: false;
  /** For one number, a more specific phrase than `how` ("the value of W_21, the transposed entry"). */
  readonly about?: (quantity: string, describe: (q: string) => string) => string | null;
}

/** How a printed number relates to the engine: printed = scale × the engine's `quantity`. */
export interface Reading {
  readonly quantity: string;
  readonly scale: Decimal;
}

/** Learning-rate factors 10^k tried, besides a learning rate of 1 (the rate left out). */
export const LEARNING_RATE_POWERS = [-3, -2, -1, 1, 2, 3] as const;

const ONE = new Decimal(1);
const MINUS_ONE = new Decimal(-1);

function withTraining(spec: ProblemSpec, training: Partial<ProblemSpec["training"]>): ProblemSpec {
  return { ...spec, training: { ...spec.training, ...training } };
}

export function updateOrderDepartures(spec: ProblemSpec): Departure[] {
  return UPDATE_ORDERS.filter((o) => o !== spec.training.updateOrder).map((o) => ({
    cause: "update-order",
    family: "update-order",
    key: `update-order:${o}`,
    how: `the ${o} update order instead of ${spec.training.updateOrder}`,
    respec: (s) => withTraining(s, { updateOrder: o }),
  }));
}

export function biasDepartures(spec: ProblemSpec): Departure[] {
  if (spec.network.layers.every((l) => l.biases === null)) return [];
  const updated = !spec.training.updateBiases;
  return [
    {
      cause: "bias-update",
      family: "bias-update",
      key: `bias-update:${updated ? "updated" : "frozen"}`,
      how: updated
        ? "the biases updated (the case keeps them frozen)"
        : "the biases frozen (the case updates them)",
      respec: (s) => withTraining(s, { updateBiases: updated }),
    },
  ];
}

/** Learning rates α·10^k and 1, in the order tried. */
export function learningRateDepartures(spec: ProblemSpec): Departure[] {
  const alpha = new Decimal(spec.training.learningRate);
  const rates = LEARNING_RATE_POWERS.map((k) => alpha.times(new Decimal(10).pow(k)));
  if (!alpha.eq(1) && !rates.some((r) => r.eq(1))) rates.push(ONE);
  return rates.map((r) => ({
    cause: "learning-rate",
    family: "learning-rate",
    key: `learning-rate:${r.toString()}`,
    how: r.eq(1)
      ? `learning rate 1 (α left out) instead of ${spec.training.learningRate}`
      : `learning rate ${r.toString()} instead of ${spec.training.learningRate}`,
    respec: (s) => withTraining(s, { learningRate: r.toString() }),
  }));
}

/** The sign convention a quantity's printed values follow (null for a name outside the grammar). */
export function signConvention(quantity: string): SignConvention {
  const q = parseQuantity(quantity, { prefix: true });
  return q.ok ? kindOf(q.name).sign : null;
}

/** The quantity with the other sign: `delta[1][0]` ↔ `-delta[1][0]`. */
function otherSign(quantity: string): Reading {
  const q = parseQuantity(quantity, { prefix: true });
  if (!q.ok) return { quantity, scale: MINUS_ONE };
  return { quantity: formatQuantity(negatedName(q.name, true)), scale: ONE };
}

/** δ (and the contributions δ_k·W_kj) printed with the other sign than the case declares, as in δ = (t − o)·o(1 − o). */
export function deltaSignDepartures(): Departure[] {
  return [
    {
      cause: "delta-sign",
      family: "delta-sign",
      key: "delta-sign:other",
      how: "δ with the other sign (−∂L/∂z for ∂L/∂z, as in δ = (t − o)·o(1 − o), or back)",
      view: (q) => (signConvention(q) === "delta" ? otherSign(q) : null),
    },
  ];
}

/** Gradients (∂L/∂W, ∂L/∂b, ∂L/∂a, ∂L/∂x) printed with the other sign than the case declares. */
export function gradientSignDepartures(): Departure[] {
  return [
    {
      cause: "gradient-sign",
      family: "gradient-sign",
      key: "gradient-sign:other",
      how: "gradients with the other sign (−∂L/∂W for ∂L/∂W, or back)",
      view: (q) => (signConvention(q) === "gradient" ? otherSign(q) : null),
    },
  ];
}

/** The claimed matrix entry with its last two indices swapped, or null if it is not an off-diagonal matrix entry. */
export function transposedName(quantity: string): string | null {
  const q = parseQuantity(quantity, { prefix: true });
  if (!q.ok || !kindOf(q.name).matrix || q.name.index.length !== 3) return null;
  if (q.name.index[1] === q.name.index[2]) return null;
  return formatQuantity(swapMatrixIndices(q.name));
}

/** The layer a matrix entry belongs to, or null. */
function matrixLayer(quantity: string): number | null {
  const q = parseQuantity(quantity, { prefix: true });
  return q.ok && kindOf(q.name).matrix && q.name.index.length === 3 ? q.name.index[0]! : null;
}

/** Layer l's matrices (W, dW, W') written with W_ij for W_ji: every entry's indices swapped. */
export function transposedDepartures(spec: ProblemSpec): Departure[] {
  return [...writtenTransposed(spec), ...computedTransposed(spec)];
}

/**
 * A square matrix used transposed inside the computation (W_ji where W_ij belongs, as
 * when the figure's weights are read off by the wrong index): the step the engine runs
 * changes, not how the printed entries are read. One family with the written
 * transposition of the same layer: a source does one or the other. Never a convention:
 * used throughout, it is the matrix the case should declare.
 */
function computedTransposed(spec: ProblemSpec): Departure[] {
  return spec.network.layers.flatMap((layer, l) => {
    const rows = layer.weights.length;
    if (rows < 2 || layer.weights.some((row) => row.length !== rows)) return [];
    return [
      {
        cause: "transposed-index",
        family: `transposed-index:${l}`,
        key: `transposed-index:${l}:computed`,
        conventional: false as const,
        how: `layer ${l}'s matrix used transposed in the computation (W_ji for W_ij)`,
        respec: (s: ProblemSpec) => ({
          ...s,
          network: {
            ...s.network,
            layers: s.network.layers.map((x, k) =>
              k === l
                ? { ...x, weights: x.weights.map((row, i) => row.map((_, j) => x.weights[j]![i]!)) }
                : x,
            ),
          },
        }),
      },
    ];
  });
}

function writtenTransposed(spec: ProblemSpec): Departure[] {
  return spec.network.layers.map((_, l) => ({
    cause: "transposed-index",
    family: `transposed-index:${l}`,
    key: `transposed-index:${l}`,
    how: `layer ${l}'s matrix entries with their indices swapped (W_ij for W_ji)`,
    view: (q) => {
      const t = matrixLayer(q) === l ? transposedName(q) : null;
      return t === null ? null : { quantity: t, scale: ONE };
    },
    about: (q, describe) => {
      const t = transposedName(q);
      return t === null ? null : `the value of ${describe(t)}, the transposed entry`;
    },
  }));
}

/**
 * Another loss of the engine (SSE for half-SSE is the ½; categorical cross-entropy only
 * for a softmax output; never "output", which is not a loss a source could mistake).
 */
export function lossDepartures(spec: ProblemSpec): Departure[] {
  const declared = spec.network.loss;
  const softmax = spec.network.layers.at(-1)?.activation === "softmax";
  return LOSSES.filter((l) => l !== declared && l !== "output" && (l !== "cce" || softmax)).map((l) => ({
    cause: "formula",
    family: "formula",
    key: `formula:${l}`,
    how: `the ${l} loss instead of ${declared}`,
    respec: (s) => ({ ...s, network: { ...s.network, loss: l } }),
  }));
}

/** The update adding the gradient: W + α·∂L/∂W. */
export function updateSignDepartures(): Departure[] {
  return [
    {
      cause: "sign",
      family: "update-sign",
      key: "sign:update-adds",
      how: "the gradient added instead of subtracted",
      // Negates the rate in force, so that it composes with a learning-rate departure.
      respec: (s) => withTraining(s, { learningRate: new Decimal(s.training.learningRate).neg().toString() }),
    },
  ];
}

import type { Field } from "./field.ts";

/**
 * An activation: applied to a whole layer's pre-activations (softmax needs all of them),
 * and its backward pass, the Jacobian-vector product ∂L/∂z = J(z)ᵀ·∂L/∂a. As in
 * tfjs-core, derivatives are written from the saved output a = f(z) where that is the
 * textbook form (sigmoid, tanh, softmax), so backward needs no second exp.
 */
interface Activation {
  /** Whether the activation acts unit by unit (f(z)_j depends on z_j only). */
  readonly elementwise: boolean;
  /** The least number of units a layer with this activation can have. */
  readonly minUnits: number;
  readonly formula: string;
  /** How reports write the function: "σ" for sigmoid. */
  readonly symbol: string;
  apply<T>(F: Field<T>, z: readonly T[], slope: T | undefined): T[];
  /** The values a hand calculation writes down on the way to a = f(z) (softmax's), or null. */
  parts<T>(F: Field<T>, z: readonly T[]): SoftmaxParts<T> | null;
  /** f′(z_j) for an elementwise activation; for softmax the diagonal ∂a_j/∂z_j. */
  derivative<T>(F: Field<T>, z: T, a: T, slope: T | undefined): UnitDerivative<T>;
  /** ∂L/∂z from ∂L/∂a: the derivative times da for an elementwise activation, the full Jacobian for softmax. */
  backward<T>(F: Field<T>, z: readonly T[], a: readonly T[], da: readonly T[], slope: T | undefined): T[];
}

/**
 * Softmax on the way to its outputs, as e^(z_j − m) / Σ_k e^(z_k − m) with m = max z:
 * the shifted logits, their exponentials and their sum (a_j = exps[j] / sum).
 */
export interface SoftmaxParts<T> {
  readonly shifted: readonly T[];
  readonly exps: readonly T[];
  readonly sum: T;
}

/** f′ of one unit, and its factor 1 − a where f′ is written a(1 − a) (null otherwise). */
export interface UnitDerivative<T> {
  readonly fprime: T;
  readonly oneMinusA: T | null;
}

/** f′ = a(1 − a), the logistic form (sigmoid, softmax's diagonal), with its factor 1 − a. */
function logisticDerivative<T>(F: Field<T>, a: T): UnitDerivative<T> {
  const oneMinusA = F.sub(F.one, a);
  return { fprime: F.mul(a, oneMinusA), oneMinusA };
}

/** An elementwise activation from f and f′. */
function elementwise(
  symbol: string,
  formula: string,
  f: <T>(F: Field<T>, z: T, slope: T | undefined) => T,
  df: <T>(F: Field<T>, z: T, a: T, slope: T | undefined) => UnitDerivative<T>,
): Activation {
  return {
    elementwise: true,
    minUnits: 1,
    formula,
    symbol,
    apply: (F, z, slope) => z.map((zj) => f(F, zj, slope)),
    parts: () => null,
    derivative: df,
    backward: (F, z, a, da, slope) => da.map((g, j) => F.mul(g, df(F, z[j]!, a[j]!, slope).fprime)),
  };
}

/** An f′ without a factor of its own. */
const plain = <T>(fprime: T): UnitDerivative<T> => ({ fprime, oneMinusA: null });

/** The softmax of z by its parts (the one place that computes them). */
function softmaxParts<T>(F: Field<T>, z: readonly T[]): SoftmaxParts<T> {
  // Any shift gives the same exact value; the largest logit keeps floats from overflowing.
  // (z[0] is never compared with itself: a number system with error bounds could not decide it.)
  let m = z[0] as T;
  for (let k = 1; k < z.length; k++) if (F.compare(z[k]!, m) > 0) m = z[k]!;
  const shifted = z.map((zk) => F.sub(zk, m));
  const exps = shifted.map((s) => F.exp(s));
  let sum = F.zero;
  for (const ek of exps) sum = F.add(sum, ek);
  return { shifted, exps, sum };
}

const positive = <T>(F: Field<T>, z: T) => F.compare(z, F.zero) > 0;

/** Every activation, one record each. */
const ACTIVATION_TABLE = {
  /** f(z) = z; f′(z) = 1. */
  identity: elementwise(
    "id",
    "f(z) = z; f′(z) = 1",
    (_F, z) => z,
    (F) => plain(F.one),
  ),
  /**
   * f(z) = max(0, z); f′(z) = 1 for z > 0, else 0. At the kink z = 0 the derivative is
   * defined as 0 (the subgradient every common framework takes), so a unit at exactly
   * z = 0 passes no gradient.
   */
  relu: elementwise(
    "relu",
    "f(z) = max(0, z); f′(z) = 1 for z > 0, 0 for z ≤ 0 (0 at the kink z = 0)",
    (F, z) => (positive(F, z) ? z : F.zero),
    (F, z) => plain(positive(F, z) ? F.one : F.zero),
  ),
  /** f(z) = z for z > 0, s·z otherwise; f′ = 1 for z > 0, else s (s at the kink, as for relu). */
  "leaky-relu": elementwise(
    "lrelu",
    "f(z) = z for z > 0, s·z for z ≤ 0; f′(z) = 1 for z > 0, s for z ≤ 0 (s at the kink)",
    (F, z, s) => (positive(F, z) ? z : F.mul(s!, z)),
    (F, z, _a, s) => plain(positive(F, z) ? F.one : s!),
  ),
  /**
   * σ(z) = 1 / (1 + e^(−z)), range (0, 1); σ′(z) = σ(z)(1 − σ(z)). For z → −∞, e^(−z)
   * overflows to +∞ in floating point and σ gives exactly 0, which is the limit.
   */
  sigmoid: elementwise(
    "σ",
    "σ(z) = 1 / (1 + e^(−z)); σ′(z) = σ(z)(1 − σ(z))",
    (F, z) => F.div(F.one, F.add(F.one, F.exp(F.neg(z)))),
    (F, _z, a) => logisticDerivative(F, a),
  ),
  /** tanh(z), range (−1, 1); tanh′(z) = 1 − tanh(z)². */
  tanh: elementwise(
    "tanh",
    "tanh(z); tanh′(z) = 1 − tanh(z)²",
    (F, z) => F.tanh(z),
    (F, _z, a) => plain(F.sub(F.one, F.mul(a, a))),
  ),
  /**
   * softmax(z)_j = e^(z_j − m) / Σ_k e^(z_k − m) with m = max z (the shift changes nothing
   * exactly and keeps floats from overflowing). Jacobian ∂a_k/∂z_j = a_k(δ_kj − a_j), so
   * ∂L/∂z_j = a_j(∂L/∂a_j − Σ_k ∂L/∂a_k·a_k). A layer of one unit would be the constant 1.
   */
  softmax: {
    elementwise: false,
    minUnits: 2,
    symbol: "softmax",
    formula: "a_j = e^(z_j) / Σ_k e^(z_k); ∂a_k/∂z_j = a_k(δ_kj − a_j)",
    apply<T>(F: Field<T>, z: readonly T[]): T[] {
      return softmaxOutputs(F, softmaxParts(F, z));
    },
    parts: softmaxParts,
    derivative: <T>(F: Field<T>, _z: T, a: T) => logisticDerivative(F, a),
    backward<T>(F: Field<T>, _z: readonly T[], a: readonly T[], da: readonly T[]): T[] {
      let s = F.zero;
      for (let k = 0; k < a.length; k++) s = F.add(s, F.mul(da[k]!, a[k]!));
      return a.map((aj, j) => F.mul(aj, F.sub(da[j]!, s)));
    },
  },
} as const satisfies Record<string, Activation>;

export type ActivationName = keyof typeof ACTIVATION_TABLE;
export const ACTIVATIONS = Object.keys(ACTIVATION_TABLE) as ActivationName[];

/** The record of an activation (formula, minimum width, whether it is elementwise). */
export function activationInfo(
  name: ActivationName,
): Pick<Activation, "elementwise" | "minUnits" | "formula" | "symbol"> {
  return ACTIVATION_TABLE[name];
}

/** f applied to a layer's pre-activations. */
export function activateLayer<T>(F: Field<T>, name: ActivationName, z: readonly T[], slope?: T): T[] {
  return ACTIVATION_TABLE[name].apply(F, z, slope);
}

/** f applied to a layer, with the parts a hand calculation writes down (softmax's; null for the others). */
export function activateLayerWithParts<T>(
  F: Field<T>,
  name: ActivationName,
  z: readonly T[],
  slope?: T,
): { readonly a: T[]; readonly parts: SoftmaxParts<T> | null } {
  const parts = ACTIVATION_TABLE[name].parts(F, z);
  return { a: parts === null ? activateLayer(F, name, z, slope) : softmaxOutputs(F, parts), parts };
}

/** a_j = e_j / Σ e: softmax's outputs from its parts. */
function softmaxOutputs<T>(F: Field<T>, parts: SoftmaxParts<T>): T[] {
  return parts.exps.map((ek) => F.div(ek, parts.sum));
}

/** f′(z) of one unit (for softmax the diagonal of the Jacobian). */
export function activationDerivative<T>(F: Field<T>, name: ActivationName, z: T, a: T, slope?: T): T {
  return ACTIVATION_TABLE[name].derivative(F, z, a, slope).fprime;
}

/** f′(z) of one unit with its factor 1 − a where f′ = a(1 − a) (sigmoid, softmax). */
export function activationDerivativeFactors<T>(
  F: Field<T>,
  name: ActivationName,
  z: T,
  a: T,
  slope?: T,
): UnitDerivative<T> {
  return ACTIVATION_TABLE[name].derivative(F, z, a, slope);
}

/** ∂L/∂z of a layer from ∂L/∂a. */
export function activationBackward<T>(
  F: Field<T>,
  name: ActivationName,
  z: readonly T[],
  a: readonly T[],
  da: readonly T[],
  slope?: T,
): T[] {
  return ACTIVATION_TABLE[name].backward(F, z, a, da, slope);
}

/** f(z) of one unit of an elementwise activation (softmax needs the whole layer: `activateLayer`). */
export function activate<T>(F: Field<T>, name: ActivationName, z: T, slope?: T): T {
  if (!ACTIVATION_TABLE[name].elementwise) throw new RangeError(`${name} applies to a whole layer`);
  return ACTIVATION_TABLE[name].apply(F, [z], slope)[0]!;
}

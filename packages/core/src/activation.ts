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
  /** f′(z_j) for an elementwise activation; for softmax the diagonal ∂a_j/∂z_j. */
  derivative<T>(F: Field<T>, z: T, a: T, slope: T | undefined): T;
  /** ∂L/∂z from ∂L/∂a: the derivative times da for an elementwise activation, the full Jacobian for softmax. */
  backward<T>(F: Field<T>, z: readonly T[], a: readonly T[], da: readonly T[], slope: T | undefined): T[];
}

/** An elementwise activation from f and f′. */
function elementwise(
  symbol: string,
  formula: string,
  f: <T>(F: Field<T>, z: T, slope: T | undefined) => T,
  df: <T>(F: Field<T>, z: T, a: T, slope: T | undefined) => T,
): Activation {
  return {
    elementwise: true,
    minUnits: 1,
    formula,
    symbol,
    apply: (F, z, slope) => z.map((zj) => f(F, zj, slope)),
    derivative: df,
    backward: (F, z, a, da, slope) => da.map((g, j) => F.mul(g, df(F, z[j]!, a[j]!, slope))),
  };
}

const positive = <T>(F: Field<T>, z: T) => F.compare(z, F.zero) > 0;

/** Every activation, one record each. */
const ACTIVATION_TABLE = {
  /** f(z) = z; f′(z) = 1. */
  identity: elementwise(
    "id",
    "f(z) = z; f′(z) = 1",
    (_F, z) => z,
    (F) => F.one,
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
    (F, z) => (positive(F, z) ? F.one : F.zero),
  ),
  /** f(z) = z for z > 0, s·z otherwise; f′ = 1 for z > 0, else s (s at the kink, as for relu). */
  "leaky-relu": elementwise(
    "lrelu",
    "f(z) = z for z > 0, s·z for z ≤ 0; f′(z) = 1 for z > 0, s for z ≤ 0 (s at the kink)",
    (F, z, s) => (positive(F, z) ? z : F.mul(s!, z)),
    (F, z, _a, s) => (positive(F, z) ? F.one : s!),
  ),
  /**
   * σ(z) = 1 / (1 + e^(−z)), range (0, 1); σ′(z) = σ(z)(1 − σ(z)). For z → −∞, e^(−z)
   * overflows to +∞ in floating point and σ gives exactly 0, which is the limit.
   */
  sigmoid: elementwise(
    "σ",
    "σ(z) = 1 / (1 + e^(−z)); σ′(z) = σ(z)(1 − σ(z))",
    (F, z) => F.div(F.one, F.add(F.one, F.exp(F.neg(z)))),
    (F, _z, a) => F.mul(a, F.sub(F.one, a)),
  ),
  /** tanh(z), range (−1, 1); tanh′(z) = 1 − tanh(z)². */
  tanh: elementwise(
    "tanh",
    "tanh(z); tanh′(z) = 1 − tanh(z)²",
    (F, z) => F.tanh(z),
    (F, _z, a) => F.sub(F.one, F.mul(a, a)),
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
      // Any shift gives the same exact value; the largest logit keeps floats from overflowing.
      // (z[0] is never compared with itself: a number system with error bounds could not decide it.)
      let m = z[0] as T;
      for (let k = 1; k < z.length; k++) if (F.compare(z[k]!, m) > 0) m = z[k]!;
      const e = z.map((zk) => F.exp(F.sub(zk, m)));
      let total = F.zero;
      for (const ek of e) total = F.add(total, ek);
      return e.map((ek) => F.div(ek, total));
    },
    derivative: <T>(F: Field<T>, _z: T, a: T) => F.mul(a, F.sub(F.one, a)),
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

/** f′(z) of one unit (for softmax the diagonal of the Jacobian). */
export function activationDerivative<T>(F: Field<T>, name: ActivationName, z: T, a: T, slope?: T): T {
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

import type { Field } from "./field.ts";

export const ACTIVATIONS = ["identity", "relu", "sigmoid", "tanh"] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

/**
 * An activation and its derivative. As in tfjs-core, the derivative is written from the
 * saved output a = f(z) where that is the textbook form (sigmoid, tanh), so backward
 * needs no second exp.
 */
interface Activation {
  apply<T>(F: Field<T>, z: T): T;
  /** f'(z), given z and a = f(z). */
  derivative<T>(F: Field<T>, z: T, a: T): T;
}

const table: Record<ActivationName, Activation> = {
  /** f(z) = z; f'(z) = 1. */
  identity: {
    apply: (_F, z) => z,
    derivative: (F) => F.one,
  },
  /**
   * f(z) = max(0, z); f'(z) = 1 for z > 0, else 0 (the subgradient 0 is taken at the kink
   * z = 0, as every common framework does).
   */
  relu: {
    apply: (F, z) => (F.compare(z, F.zero) > 0 ? z : F.zero),
    derivative: (F, z) => (F.compare(z, F.zero) > 0 ? F.one : F.zero),
  },
  /**
   * σ(z) = 1 / (1 + e^(−z)), range (0, 1); σ'(z) = σ(z)(1 − σ(z)). For z → −∞, e^(−z)
   * overflows to +∞ in floating point and σ gives exactly 0, which is the limit.
   */
  sigmoid: {
    apply: (F, z) => F.div(F.one, F.add(F.one, F.exp(F.neg(z)))),
    derivative: (F, _z, a) => F.mul(a, F.sub(F.one, a)),
  },
  /** tanh(z), range (−1, 1); tanh'(z) = 1 − tanh(z)². */
  tanh: {
    apply: (F, z) => F.tanh(z),
    derivative: (F, _z, a) => F.sub(F.one, F.mul(a, a)),
  },
};

export function activate<T>(F: Field<T>, name: ActivationName, z: T): T {
  return table[name].apply(F, z);
}

export function activationDerivative<T>(F: Field<T>, name: ActivationName, z: T, a: T): T {
  return table[name].derivative(F, z, a);
}

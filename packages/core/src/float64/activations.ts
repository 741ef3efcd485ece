import type { ActivationName } from "../activation.ts";

/**
 * An activation of `activation.ts` in float64, written once as JavaScript expression
 * text: the generated trainers paste the text in, the loops call the functions compiled
 * from that same text, so the two cannot disagree. Each expression computes exactly the
 * operations of the generic activation, in its order.
 */
export interface Float64Activation {
  /** f(z), as an expression of the expression text `z`. */
  readonly applySource: (z: string) => string;
  /** f'(z), as an expression of `z` and `a` = f(z). */
  readonly derivativeSource: (z: string, a: string) => string;
  /** `applySource` compiled. */
  readonly apply: (z: number) => number;
  /** `derivativeSource` compiled. */
  readonly derivative: (z: number, a: number) => number;
}

function activation(
  applySource: (z: string) => string,
  derivativeSource: (z: string, a: string) => string,
): Float64Activation {
  return {
    applySource,
    derivativeSource,
    apply: new Function("z", `return ${applySource("z")};`) as (z: number) => number,
    derivative: new Function("z", "a", `return ${derivativeSource("z", "a")};`) as (
      z: number,
      a: number,
    ) => number,
  };
}

/**
 * The activations the kernel implements; one missing here sends its networks to the
 * generic algorithm (`usesFloat64Kernel`). f' = 1 multiplies delta by 1, which is delta
 * itself bit for bit (NaN and −0 included), as the generic F.mul(g, F.one) is.
 */
const float64Activations: { readonly [name in ActivationName]?: Float64Activation } = {
  identity: activation(
    (z) => z,
    () => "1",
  ),
  relu: activation(
    (z) => `(${z} > 0 ? ${z} : 0)`,
    (z) => `(${z} > 0 ? 1 : 0)`,
  ),
  sigmoid: activation(
    (z) => `1 / (1 + Math.exp(-${z}))`,
    (_z, a) => `(${a} * (1 - ${a}))`,
  ),
  tanh: activation(
    (z) => `Math.tanh(${z})`,
    (_z, a) => `(1 - ${a} * ${a})`,
  ),
};

/** The kernel's record for an activation, or undefined when the kernel does not implement it. */
export function float64Activation(name: string): Float64Activation | undefined {
  return Object.hasOwn(float64Activations, name) ? float64Activations[name as ActivationName] : undefined;
}

import type { LossName } from "../loss.ts";

/**
 * A loss of `loss.ts` in float64, written once as JavaScript expression text (see
 * `Float64Activation`): L = finish(Σ_k term_k) with the sum from 0, left to right, and
 * ∂L/∂ŷ_k, each with the operations of the generic `loss` and `lossGradient` in their
 * order.
 */
export interface Float64Loss {
  /** The running sum `s` with output k's term added: target `y`, output `p`. */
  readonly accumulateSource: (s: string, y: string, p: string) => string;
  /** The loss from the finished sum `s` over `n` outputs. */
  readonly finishSource: (s: string, n: string) => string;
  /** ∂L/∂ŷ_k for output `p`, target `y`, `n` outputs. */
  readonly gradientSource: (p: string, y: string, n: string) => string;
  /** The loss of one sample, compiled from the text above. */
  readonly sampleLoss: (y: Float64Array, p: Float64Array) => number;
  /** out[k] ← ∂L/∂ŷ_k for every output, compiled from the text above. */
  readonly gradientInto: (y: Float64Array, p: Float64Array, out: Float64Array) => void;
}

function loss(
  accumulateSource: Float64Loss["accumulateSource"],
  finishSource: Float64Loss["finishSource"],
  gradientSource: Float64Loss["gradientSource"],
): Float64Loss {
  const sampleLoss = new Function(
    "y",
    "p",
    `let s = 0; const n = y.length;
    for (let k = 0; k < n; k++) s = ${accumulateSource("s", "y[k]", "p[k]")};
    return ${finishSource("s", "n")};`,
  ) as Float64Loss["sampleLoss"];
  const gradientInto = new Function(
    "y",
    "p",
    "out",
    `const n = y.length;
    for (let k = 0; k < n; k++) { const pk = p[k], yk = y[k]; out[k] = ${gradientSource("pk", "yk", "n")}; }`,
  ) as Float64Loss["gradientInto"];
  return { accumulateSource, finishSource, gradientSource, sampleLoss, gradientInto };
}

/** (y − ŷ)², written out twice: the same subtraction gives the same double. */
const squaredError = (s: string, y: string, p: string) => `${s} + (${y} - ${p}) * (${y} - ${p})`;

/** The losses the kernel implements; one missing here sends its networks to the generic algorithm. */
const float64Losses: { readonly [name in LossName]?: Float64Loss } = {
  "half-sse": loss(
    squaredError,
    (s) => `${s} / 2`,
    (p, y) => `(${p} - ${y})`,
  ),
  mse: loss(
    squaredError,
    (s, n) => `${s} / ${n}`,
    (p, y, n) => `(2 * (${p} - ${y})) / ${n}`,
  ),
  bce: loss(
    (s, y, p) => `${s} - (${y} * Math.log(${p}) + (1 - ${y}) * Math.log(1 - ${p}))`,
    (s, n) => `${s} / ${n}`,
    (p, y, n) => `(${p} - ${y}) / (${p} * (1 - ${p})) / ${n}`,
  ),
};

/** The kernel's record for a loss, or undefined when the kernel does not implement it. */
export function float64Loss(name: string): Float64Loss | undefined {
  return Object.hasOwn(float64Losses, name) ? float64Losses[name as LossName] : undefined;
}

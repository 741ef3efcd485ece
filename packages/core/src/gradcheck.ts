import type { Field } from "./field.ts";
import { forward } from "./forward.ts";
import { loss, reductionOf } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";
import { parameterName } from "./quantities.ts";
import { step, type StepTrace } from "./step.ts";

/** Loss of the network over the samples, reduced over them as a full-batch step does (the mean by default). */
export function meanLoss<T>(F: Field<T>, net: Network<T>, samples: readonly Sample<T>[]): T {
  let total = F.zero;
  for (const s of samples) {
    const { a } = forward(F, net, s.x);
    total = F.add(total, loss(F, net, s.y, a[a.length - 1] ?? s.x));
  }
  const mean = samples.length > 1 && reductionOf(net).samples === "mean";
  return mean ? F.div(total, F.fromInt(samples.length)) : total;
}

export interface GradientCheck<T> {
  /** Parameter name: `W[l][j][i]`, `b[l][j]`, a shared bias `b[l]`, or `dx[i]` (see `inputGradientCheck`). */
  readonly name: string;
  readonly backprop: T;
  readonly numeric: T;
  /**
   * The smallest difference from `numeric` the central difference resolves
   * (`differenceResolution` at this parameter's step): a gradient closer than this to the
   * estimate agrees with it to working precision, whatever their relative error.
   */
  readonly resolution: T;
}

/**
 * Backprop gradients of the mean loss against a five-point central difference
 *
 *   ∂L/∂θ ≈ (−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h)) / 12h,
 *
 * whose truncation error is O(h⁴). With a field of P digits, h = 10^(−⌈P/5⌉) balances
 * truncation (h⁴) against cancellation (10^−P / h), leaving about 4P/5 correct digits:
 * ~12 in float64, ~48 at 60 digits. A weight moves its unit's pre-activation by h times
 * its input, so its step is h / max(1, |input|) over the samples: inputs of 250 (pixel
 * values) would otherwise move a sigmoid by 2.5 per float32 step, far outside the
 * difference's h⁴ regime. Biases that exist are checked too (a shared bias moves every
 * unit's entry at once).
 */
export function gradientCheck<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
): GradientCheck<T>[] {
  const training: Training<T> = {
    learningRate: F.zero,
    epochs: 1,
    batch: "full-batch",
    updateOrder: "simultaneous",
    updateBiases: true,
  };
  const trace = step(F, net, samples, training);
  const lossValue = meanLoss(F, net, samples);
  const at = (perturb: (layers: Layer<T>[], d: T) => void) => (d: T) => {
    const layers = net.layers.map((l) => ({ ...l, W: l.W.map((r) => [...r]), b: l.b && [...l.b] }));
    perturb(layers, d);
    return meanLoss(F, { ...net, layers }, samples);
  };
  const h = differenceStep(F);
  const checked = (name: string, backprop: T, f: (d: T) => T, stepSize: T = h): GradientCheck<T> => ({
    name,
    backprop,
    numeric: centralDifference(F, f, stepSize),
    resolution: resolutionAt(F, lossValue, stepSize),
  });
  const out: GradientCheck<T>[] = [];
  net.layers.forEach((layer, l) => {
    const steps = inputSteps(F, h, trace, samples, l, layer.W[0]?.length ?? 0);
    layer.W.forEach((row, j) =>
      row.forEach((w, i) => {
        const f = at((ls, d) => {
          (ls[l]!.W as T[][])[j]![i] = F.add(w, d);
        });
        out.push(checked(parameterName("W", [l, j, i]), trace.dW[l]![j]![i]!, f, steps[i]));
      }),
    );
    if (layer.b !== null && layer.sharedBias) {
      const b = layer.b;
      const f = at((ls, d) => {
        ls[l] = { ...ls[l]!, b: b.map((v) => F.add(v, d)) };
      });
      out.push(checked(parameterName("b", [l]), trace.db[l]![0]!, f));
    } else {
      layer.b?.forEach((b, j) => {
        const f = at((ls, d) => {
          (ls[l]!.b as T[])[j] = F.add(b, d);
        });
        out.push(checked(parameterName("b", [l, j]), trace.db[l]![j]!, f));
      });
    }
  });
  return out;
}

/** Each input i of layer l: the step h / max(1, max over samples |input i|). */
function inputSteps<T>(
  F: Field<T>,
  h: T,
  trace: StepTrace<T>,
  samples: readonly Sample<T>[],
  l: number,
  inputs: number,
): T[] {
  return Array.from({ length: inputs }, (_, i) => {
    let scale = F.one;
    samples.forEach((s, n) => {
      const v = l === 0 ? s.x[i]! : trace.samples[n]!.forward.a[l - 1]![i]!;
      const magnitude = F.compare(v, F.zero) < 0 ? F.neg(v) : v;
      if (F.compare(magnitude, scale) > 0) scale = magnitude;
    });
    return F.div(h, scale);
  });
}

/** The difference step h = 10^(−⌈P/5⌉) for a field of P digits (see `gradientCheck`). */
function differenceStep<T>(F: Field<T>): T {
  return F.fromDecimal(`1e-${Math.ceil(F.digits / 5)}`);
}

/**
 * The smallest gradient the central difference of step `h` can tell from zero at a loss
 * of `lossValue`: 2ε·|L|/h. Each of the four losses is rounded by about ε·|L| (ε the
 * field's relative rounding), and the numerator's weights 1 + 8 + 8 + 1 over the
 * denominator's 12h make that 1.5·ε·|L|/h; the loss's own sum of a few terms adds some
 * more, hence 2. ε is taken as 10^(−⌊P⌋) for a field of P digits, an upper bound of the
 * unit roundoff (1e-15 ≥ 2^−53 in float64, 1e-7 ≥ 2^−24 in float32). Two gradients that
 * differ by less are both zero to working precision — backprop's exact zero comes out as a
 * few ε from its cancelling sums, as a shared softmax bias's Σ(ŷ − y) = 1 − 1 does — and
 * the relative error between them, up to 1, says nothing. At the unscaled step this is
 * 2e-11·|L| in float64 (h = 1e-4), 2e-5·|L| in float32 (h = 1e-2) and 2e-40·|L| at 50
 * digits (h = 1e-10).
 */
function resolutionAt<T>(F: Field<T>, lossValue: T, h: T): T {
  const magnitude = F.compare(lossValue, F.zero) < 0 ? F.neg(lossValue) : lossValue;
  const epsilon = F.fromDecimal(`1e-${Math.floor(F.digits)}`);
  return F.div(F.mul(F.mul(F.fromInt(2), epsilon), magnitude), h);
}

/** The five-point central difference of f at 0 with step h. */
function centralDifference<T>(F: Field<T>, f: (d: T) => T, h: T): T {
  const k = (n: number) => F.mul(F.fromInt(n), h);
  const num = F.add(F.sub(F.mul(F.fromInt(8), F.sub(f(k(1)), f(k(-1)))), f(k(2))), f(k(-2)));
  return F.div(num, F.mul(F.fromInt(12), h));
}

/** Backprop's ∂L/∂x (dx[i], the gradient passed below the first layer) of one sample against the central difference. */
export function inputGradientCheck<T>(F: Field<T>, net: Network<T>, sample: Sample<T>): GradientCheck<T>[] {
  const training: Training<T> = {
    learningRate: F.zero,
    epochs: 1,
    batch: "sgd",
    updateOrder: "simultaneous",
    updateBiases: true,
  };
  const dx = step(F, net, [sample], training).samples[0]!.dx;
  return sample.x.map((xi, i) => {
    const f = (d: T) => {
      const x = [...sample.x];
      x[i] = F.add(xi, d);
      return meanLoss(F, net, [{ x, y: sample.y }]);
    };
    const h = differenceStep(F);
    return {
      name: parameterName("dx", [i]),
      backprop: dx[i]!,
      numeric: centralDifference(F, f, h),
      resolution: resolutionAt(F, meanLoss(F, net, [sample]), h),
    };
  });
}

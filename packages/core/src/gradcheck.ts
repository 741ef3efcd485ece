import type { Field } from "./field.ts";
import { forward } from "./forward.ts";
import { loss, reductionOf } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";
import { parameterName } from "./quantities.ts";
import { step } from "./step.ts";

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
}

/**
 * Backprop gradients of the mean loss against a five-point central difference
 *
 *   ∂L/∂θ ≈ (−L(θ+2h) + 8L(θ+h) − 8L(θ−h) + L(θ−2h)) / 12h,
 *
 * whose truncation error is O(h⁴). With a field of P digits, h = 10^(−⌈P/5⌉) balances
 * truncation (h⁴) against cancellation (10^−P / h), leaving about 4P/5 correct digits:
 * ~12 in float64, ~48 at 60 digits. Biases that exist are checked too (a shared bias
 * moves every unit's entry at once).
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
  const at = (perturb: (layers: Layer<T>[], d: T) => void) => (d: T) => {
    const layers = net.layers.map((l) => ({ ...l, W: l.W.map((r) => [...r]), b: l.b && [...l.b] }));
    perturb(layers, d);
    return meanLoss(F, { ...net, layers }, samples);
  };
  const numeric = (f: (d: T) => T) => centralDifference(F, f);
  const out: GradientCheck<T>[] = [];
  net.layers.forEach((layer, l) => {
    layer.W.forEach((row, j) =>
      row.forEach((w, i) => {
        const f = at((ls, d) => {
          (ls[l]!.W as T[][])[j]![i] = F.add(w, d);
        });
        out.push({
          name: parameterName("W", [l, j, i]),
          backprop: trace.dW[l]![j]![i]!,
          numeric: numeric(f),
        });
      }),
    );
    if (layer.b !== null && layer.sharedBias) {
      const b = layer.b;
      const f = at((ls, d) => {
        ls[l] = { ...ls[l]!, b: b.map((v) => F.add(v, d)) };
      });
      out.push({ name: parameterName("b", [l]), backprop: trace.db[l]![0]!, numeric: numeric(f) });
    } else {
      layer.b?.forEach((b, j) => {
        const f = at((ls, d) => {
          (ls[l]!.b as T[])[j] = F.add(b, d);
        });
        out.push({ name: parameterName("b", [l, j]), backprop: trace.db[l]![j]!, numeric: numeric(f) });
      });
    }
  });
  return out;
}

/** The five-point central difference of f at 0 (see `gradientCheck` for the step h). */
function centralDifference<T>(F: Field<T>, f: (d: T) => T): T {
  const h = F.fromDecimal(`1e-${Math.ceil(F.digits / 5)}`);
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
    return { name: parameterName("dx", [i]), backprop: dx[i]!, numeric: centralDifference(F, f) };
  });
}

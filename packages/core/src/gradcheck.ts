import type { Field } from "./field.ts";
import { forward } from "./forward.ts";
import { loss } from "./loss.ts";
import type { Layer, Network, Sample, Training } from "./network.ts";
import { parameterName } from "./quantities.ts";
import { step } from "./step.ts";

/** Mean loss of the network over the samples. */
export function meanLoss<T>(F: Field<T>, net: Network<T>, samples: readonly Sample<T>[]): T {
  let total = F.zero;
  for (const s of samples) {
    const { a } = forward(F, net, s.x);
    total = F.add(total, loss(F, net.loss, s.y, a[a.length - 1] ?? s.x));
  }
  return samples.length === 1 ? total : F.div(total, F.fromInt(samples.length));
}

export interface GradientCheck<T> {
  /** Parameter name: `W[l][j][i]` or `b[l][j]`. */
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
 * ~12 in float64, ~48 at 60 digits. Biases that exist are checked too.
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
  const h = F.fromDecimal(`1e-${Math.ceil(F.digits / 5)}`);
  const at = (perturb: (layers: Layer<T>[], d: T) => void) => (d: T) => {
    const layers = net.layers.map((l) => ({ ...l, W: l.W.map((r) => [...r]), b: l.b && [...l.b] }));
    perturb(layers, d);
    return meanLoss(F, { loss: net.loss, layers }, samples);
  };
  const numeric = (f: (d: T) => T) => {
    const k = (n: number) => F.mul(F.fromInt(n), h);
    const num = F.add(F.sub(F.mul(F.fromInt(8), F.sub(f(k(1)), f(k(-1)))), f(k(2))), f(k(-2)));
    return F.div(num, F.mul(F.fromInt(12), h));
  };
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
    layer.b?.forEach((b, j) => {
      const f = at((ls, d) => {
        (ls[l]!.b as T[])[j] = F.add(b, d);
      });
      out.push({ name: parameterName("b", [l, j]), backprop: trace.db[l]![j]!, numeric: numeric(f) });
    });
  });
  return out;
}

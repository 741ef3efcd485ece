import type { Network, Sample } from "./network.ts";
import type { StepTrace } from "./step.ts";

/**
 * Canonical names of the quantities of one step. Layers l count from 0 (the first
 * weight layer, the article's W0), units j and inputs i from 0:
 *
 *   x[i], y[k]        the sample's input and target
 *   W[l][j][i], b[l][j]   parameters before the step
 *   z[l][j]           pre-activation  W[l]·a[l−1] + b[l]   (a[−1] = x)
 *   a[l][j]           activation f(z[l][j]); the last layer's is ŷ
 *   loss              the step's loss (mean over its samples)
 *   delta[l][j]       ∂L/∂z[l][j]
 *   dW[l][j][i], db[l][j]  gradients of the loss
 *   W'[l][j][i], b'[l][j]  parameters after the step
 *
 * When a step has more than one sample (full batch), per-sample quantities (x, y, z, a,
 * delta and the sample's own loss) carry the sample as a suffix: `z[0][1]@s2`.
 * A training curve is `loss@epoch[e]` (e from 1).
 */
export interface Quantity<T> {
  readonly name: string;
  readonly value: T;
}

export function parameterName(kind: string, index: readonly number[]): string {
  return kind + index.map((i) => `[${i}]`).join("");
}

export function stepQuantities<T>(
  net: Network<T>,
  samples: readonly Sample<T>[],
  trace: StepTrace<T>,
): Quantity<T>[] {
  const out: Quantity<T>[] = [];
  const many = samples.length > 1;
  const emit = (kind: string, index: readonly number[], value: T, sample?: number) =>
    out.push({
      name: parameterName(kind, index) + (many && sample !== undefined ? `@s${sample}` : ""),
      value,
    });
  const matrices = (kind: string, ms: readonly (readonly (readonly T[])[] | null)[], sample?: number) =>
    ms.forEach((m, l) => m?.forEach((row, j) => row.forEach((v, i) => emit(kind, [l, j, i], v, sample))));
  const vectors = (kind: string, vs: readonly (readonly T[] | null)[], sample?: number) =>
    vs.forEach((v, l) => v?.forEach((x, j) => emit(kind, [l, j], x, sample)));

  matrices(
    "W",
    net.layers.map((l) => l.W),
  );
  vectors(
    "b",
    net.layers.map((l) => l.b),
  );
  samples.forEach((s, n) => {
    const t = trace.samples[n]!;
    s.x.forEach((v, i) => emit("x", [i], v, n));
    s.y.forEach((v, k) => emit("y", [k], v, n));
    vectors("z", t.forward.z, n);
    vectors("a", t.forward.a, n);
    if (many) emit("loss", [], t.loss, n);
  });
  emit("loss", [], trace.loss);
  samples.forEach((_, n) => vectors("delta", trace.samples[n]!.delta, n));
  matrices("dW", trace.dW);
  vectors("db", trace.db);
  matrices(
    "W'",
    trace.next.layers.map((l) => l.W),
  );
  vectors(
    "b'",
    trace.next.layers.map((l) => l.b),
  );
  return out;
}

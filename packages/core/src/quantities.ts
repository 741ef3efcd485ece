import type { Network, Sample } from "./network.ts";
import { formatQuantity, quantityName, type KindName, type Time } from "./quantity-name.ts";
import type { SampleTrace, StepTrace } from "./step.ts";

/**
 * A value under its canonical name (the grammar and the meaning of every kind are in
 * `quantity-name.ts`).
 */
export interface Quantity<T> {
  readonly name: string;
  readonly value: T;
}

/** `kind[index]…` without suffixes (kept for callers naming parameters). */
export function parameterName(kind: KindName, index: readonly number[]): string {
  return quantityName(kind, index);
}

/** Emits quantities under one time suffix, numbering samples when there are more than one. */
function emitter<T>(out: Quantity<T>[], many: boolean, time: Time | null) {
  const emit = (kind: KindName, index: readonly number[], value: T, sample?: number) =>
    out.push({
      name: formatQuantity({ kind, index, sample: many && sample !== undefined ? sample : null, time }),
      value,
    });
  const matrices = (kind: KindName, ms: readonly (readonly (readonly T[])[] | null)[], sample?: number) =>
    ms.forEach((m, l) => m?.forEach((row, j) => row.forEach((v, i) => emit(kind, [l, j, i], v, sample))));
  const vectors = (kind: KindName, vs: readonly (readonly T[] | null)[], sample?: number) =>
    vs.forEach((v, l) => v?.forEach((x, j) => emit(kind, [l, j], x, sample)));
  return { emit, matrices, vectors };
}

/**
 * A sample's forward quantities: z, a, f′, then the parts hand calculations write down
 * (each product of z, a softmax layer's shifted logits, exponentials and their sum, the
 * factor 1 − a of f′), then the loss terms.
 */
function forwardOfSample<T>(e: ReturnType<typeof emitter<T>>, t: SampleTrace<T>, n: number) {
  e.vectors("z", t.forward.z, n);
  e.vectors("a", t.forward.a, n);
  e.vectors("fprime", t.fprime, n);
  e.matrices("term", t.forward.terms, n);
  const softmax = t.forward.softmax;
  e.vectors(
    "zShifted",
    softmax.map((p) => p?.shifted ?? null),
    n,
  );
  e.vectors(
    "expShifted",
    softmax.map((p) => p?.exps ?? null),
    n,
  );
  softmax.forEach((p, l) => {
    if (p !== null) e.emit("sumExp", [l], p.sum, n);
  });
  e.vectors("oneMinusA", t.oneMinusA, n);
  t.lossTerms.forEach((v, k) => e.emit("lossTerm", [k], v, n));
}

/** The network's weights and biases as `weights[l][j][i]` and `bias[l][j]` (`bias[l]` when shared). */
function parameters<T>(
  e: ReturnType<typeof emitter<T>>,
  net: Network<T>,
  weights: KindName = "W",
  bias: KindName = "b",
): void {
  e.matrices(
    weights,
    net.layers.map((l) => l.W),
  );
  biases(
    e,
    bias,
    net,
    net.layers.map((l) => l.b),
  );
}

/** Biases of each layer: per unit, or a shared bias once as `kind[l]`. */
function biases<T>(
  e: ReturnType<typeof emitter<T>>,
  kind: KindName,
  net: Network<T>,
  values: readonly (readonly T[] | null)[],
) {
  values.forEach((v, l) => {
    if (v === null) return;
    if (net.layers[l]!.sharedBias) e.emit(kind, [l], v[0]!);
    else v.forEach((x, j) => e.emit(kind, [l, j], x));
  });
}

/** Every quantity of one step, in derivation order, under its canonical names (suffixed with `time` for a later step). */
export function stepQuantities<T>(
  net: Network<T>,
  samples: readonly Sample<T>[],
  trace: StepTrace<T>,
  time: Time | null = null,
): Quantity<T>[] {
  const out: Quantity<T>[] = [];
  const many = samples.length > 1;
  const e = emitter(out, many, time);
  parameters(e, net);
  samples.forEach((s, n) => {
    const t = trace.samples[n]!;
    s.x.forEach((v, i) => e.emit("x", [i], v, n));
    s.y.forEach((v, k) => e.emit("y", [k], v, n));
    forwardOfSample(e, t, n);
    if (many) e.emit("loss", [], t.loss, n);
  });
  e.emit("loss", [], trace.loss);
  samples.forEach((_, n) => {
    const t = trace.samples[n]!;
    e.vectors("da", t.da, n);
    e.vectors("delta", t.delta, n);
    e.matrices("contrib", t.contrib, n);
    t.dx.forEach((v, i) => e.emit("dx", [i], v, n));
  });
  e.matrices("dW", trace.dW);
  biases(e, "db", net, trace.db);
  e.matrices("lrdW", trace.lrdW);
  biases(e, "lrdb", net, trace.lrdb);
  e.matrices("DeltaW", trace.DeltaW);
  biases(e, "Deltab", net, trace.Deltab);
  e.matrices(
    "W'",
    trace.next.layers.map((l) => l.W),
  );
  biases(
    e,
    "b'",
    net,
    trace.next.layers.map((l) => l.b),
  );
  return out;
}

/**
 * The forward quantities of every sample with the network's current parameters, and the
 * parameters themselves, suffixed with `time` (`@after[n]`): W and b, each sample's forward
 * quantities (z, a, fprime, their parts, lossTerm), the loss reduced over all samples.
 */
export function forwardQuantities<T>(
  net: Network<T>,
  samples: readonly Sample<T>[],
  trace: StepTrace<T>,
  time: Time,
): Quantity<T>[] {
  const out: Quantity<T>[] = [];
  const e = emitter(out, samples.length > 1, time);
  parameters(e, net);
  samples.forEach((_, n) => {
    const t = trace.samples[n]!;
    forwardOfSample(e, t, n);
    if (samples.length > 1) e.emit("loss", [], t.loss, n);
  });
  e.emit("loss", [], trace.loss);
  return out;
}

/** The parameters W', b' of a network under a time suffix (`@epoch[e]`). */
export function parameterQuantities<T>(net: Network<T>, time: Time): Quantity<T>[] {
  const out: Quantity<T>[] = [];
  const e = emitter(out, false, time);
  parameters(e, net, "W'", "b'");
  return out;
}

import type { Field } from "./field.ts";

export const LOSSES = ["half-sse", "mse", "bce"] as const;
export type LossName = (typeof LOSSES)[number];

/**
 * Loss of one sample with n outputs ŷ against targets y, and its gradient ∂L/∂ŷ_k.
 *
 * - half-sse: L = ½ Σ_k (y_k − ŷ_k)²;              ∂L/∂ŷ_k = ŷ_k − y_k
 * - mse:      L = (1/n) Σ_k (y_k − ŷ_k)²;          ∂L/∂ŷ_k = 2(ŷ_k − y_k)/n
 * - bce:      L = −(1/n) Σ_k [y_k ln ŷ_k + (1 − y_k) ln(1 − ŷ_k)];
 *             ∂L/∂ŷ_k = (ŷ_k − y_k) / (ŷ_k (1 − ŷ_k)) / n; domain 0 < ŷ_k < 1 (ŷ = 0 or 1
 *             gives ln 0 = −∞ and an infinite loss in floating point).
 */
export function loss<T>(F: Field<T>, name: LossName, y: readonly T[], yHat: readonly T[]): T {
  let s = F.zero;
  for (let k = 0; k < y.length; k++) {
    const yk = y[k] as T;
    const pk = yHat[k] as T;
    if (name === "bce") {
      const term = F.add(F.mul(yk, F.ln(pk)), F.mul(F.sub(F.one, yk), F.ln(F.sub(F.one, pk))));
      s = F.sub(s, term);
    } else {
      const e = F.sub(yk, pk);
      s = F.add(s, F.mul(e, e));
    }
  }
  if (name === "half-sse") return F.div(s, F.fromInt(2));
  return F.div(s, F.fromInt(y.length));
}

/** ∂L/∂ŷ_k for every output k (see `loss` for the formulas). */
export function lossGradient<T>(F: Field<T>, name: LossName, y: readonly T[], yHat: readonly T[]): T[] {
  const n = F.fromInt(y.length);
  return y.map((yk, k) => {
    const pk = yHat[k] as T;
    const diff = F.sub(pk, yk);
    switch (name) {
      case "half-sse":
        return diff;
      case "mse":
        return F.div(F.mul(F.fromInt(2), diff), n);
      case "bce":
        return F.div(F.div(diff, F.mul(pk, F.sub(F.one, pk))), n);
    }
  });
}

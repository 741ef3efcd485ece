import type { Field } from "./field.ts";
import type { Network, Sample, Training } from "./network.ts";
import { updateStep } from "./step.ts";

export interface TrainResult<T> {
  /** lossCurve[e]: mean of the losses the steps of epoch e computed before their updates. */
  readonly lossCurve: readonly T[];
  /** The network after the last epoch. */
  readonly network: Network<T>;
}

/**
 * Gradient descent over `training.epochs` epochs. Only the loss curve grows with the
 * number of epochs; each step's trace is dropped as soon as it is taken.
 * `onEpoch` is called after each epoch (for progress reporting).
 */
export function train<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
  onEpoch?: (epoch: number) => void,
): TrainResult<T> {
  const lossCurve: T[] = [];
  const batches = training.batch === "sgd" ? samples.map((s) => [s]) : [samples];
  const count = F.fromInt(batches.length);
  let current = net;
  for (let e = 0; e < training.epochs; e++) {
    let total = F.zero;
    for (const batch of batches) {
      const update = updateStep(F, current, batch, training);
      total = F.add(total, update.loss);
      current = update.next;
    }
    lossCurve.push(batches.length === 1 ? total : F.div(total, count));
    onEpoch?.(e + 1);
  }
  return { lossCurve, network: current };
}

import type { Field } from "./field.ts";
import { float64 } from "./float64.ts";
import { kernelImplements, trainFloat64 } from "./float64-kernel.ts";
import type { Network, Sample, Training } from "./network.ts";
import { train as trainGeneric, type TrainResult } from "./train.ts";

/**
 * True when `train` runs the specialised float64 kernel (the one place that decides): the
 * field is `float64` and, when a network and training are given, the kernel implements
 * them (`kernelImplements`). Anything else runs the generic algorithm.
 */
export function usesFloat64Kernel<T>(F: Field<T>, net?: Network<T>, training?: Training<T>): boolean {
  if ((F as Field<unknown>) !== (float64 as Field<unknown>)) return false;
  if (net === undefined || training === undefined) return true;
  return kernelImplements(
    net as Network<unknown> as Network<number>,
    training as Training<unknown> as Training<number>,
  );
}

/**
 * `train` as the package exports it: gradient descent over `training.epochs` epochs (see
 * `train.ts`). On the `float64` field, for the networks it implements, it runs `trainFloat64`, which gives bit-for-bit the
 * same results as the generic algorithm, many times faster; every other field runs the
 * generic algorithm.
 */
export function train<T>(
  F: Field<T>,
  net: Network<T>,
  samples: readonly Sample<T>[],
  training: Training<T>,
  onEpoch?: (epoch: number) => void,
): TrainResult<T> {
  if (usesFloat64Kernel(F, net, training)) {
    const f64 = trainFloat64(
      net as Network<unknown> as Network<number>,
      samples as readonly Sample<unknown>[] as readonly Sample<number>[],
      training as Training<unknown> as Training<number>,
      onEpoch,
    );
    return f64 as TrainResult<unknown> as TrainResult<T>;
  }
  return trainGeneric(F, net, samples, training, onEpoch);
}

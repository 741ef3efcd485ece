import type { Field } from "./field.ts";
import { float64 } from "./float64.ts";
import { kernelImplements, trainFloat64 } from "./float64-kernel.ts";
import type { Network, Sample, Training } from "./network.ts";
import { train as trainGeneric, type TrainResult } from "./train.ts";

/**
 * True when `train` runs the specialised float64 kernel (the one place that decides): the
 * float64 field and, when a network is given, one the kernel implements
 * (`kernelImplements`, next to the kernel's records). Everything else runs the generic
 * algorithm.
 */
export function usesFloat64Kernel<T>(F: Field<T>, net?: Network<T>): boolean {
  if ((F as Field<unknown>) !== (float64 as Field<unknown>)) return false;
  return net === undefined || kernelImplements(net as Network<unknown> as Network<number>);
}

/**
 * `train` as the package exports it: gradient descent over `training.epochs` epochs (see
 * `train.ts`). On the `float64` field it runs `trainFloat64`, which gives bit-for-bit the
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
  if (usesFloat64Kernel(F, net)) {
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

import type { ActivationName } from "./activation.ts";
import type { Field } from "./field.ts";
import { reductionOf, type LossName } from "./loss.ts";
import { float64 } from "./float64.ts";
import { trainFloat64 } from "./float64-kernel.ts";
import type { Network, Sample, Training } from "./network.ts";
import { train as trainGeneric, type TrainResult } from "./train.ts";

/**
 * True when `train` runs the specialised float64 kernel (the one place that decides): the
 * float64 field, and a network of what the kernel implements — elementwise identity,
 * relu, sigmoid, tanh; half-sse, mse, bce with their default reductions; per-unit biases.
 * Everything else (softmax, leaky ReLU, shared biases, sse, cce, output, other
 * reductions) runs the generic algorithm.
 */
export function usesFloat64Kernel<T>(F: Field<T>, net?: Network<T>): boolean {
  if ((F as Field<unknown>) !== (float64 as Field<unknown>)) return false;
  return net === undefined || kernelImplements(net);
}

const KERNEL_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(["identity", "relu", "sigmoid", "tanh"]);
const KERNEL_LOSSES: ReadonlySet<LossName> = new Set(["half-sse", "mse", "bce"]);

function kernelImplements<T>(net: Network<T>): boolean {
  const defaults = reductionOf({ loss: net.loss });
  const r = reductionOf(net);
  return (
    KERNEL_LOSSES.has(net.loss) &&
    r.outputs === defaults.outputs &&
    r.samples === defaults.samples &&
    net.layers.every((l) => KERNEL_ACTIVATIONS.has(l.activation) && !l.sharedBias)
  );
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

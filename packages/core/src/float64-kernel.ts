import { generatedSgdTrainer, type GeneratedForm } from "./float64/generated.ts";
import { compileLayer, toNetwork, type CompiledLayer } from "./float64/layers.ts";
import { float64Activation } from "./float64/activations.ts";
import { float64Loss } from "./float64/losses.ts";
import { lossCurveOf } from "./float64/loss-curve.ts";
import { trainByLoops } from "./float64/loops.ts";
import { reductionOf } from "./loss.ts";
import type { Network, Sample, Training } from "./network.ts";
import type { TrainResult } from "./train.ts";

/**
 * `train` specialised to float64: the same algorithm as the generic `step` and `train`
 * over the `float64` field, operation for operation in the same order (so the results
 * are equal bit for bit, which a test holds), but on preallocated Float64Arrays with no
 * allocation per epoch. The generic path pays for a dictionary call and a fresh array
 * per operation. SGD on small networks runs generated straight-line code, long SGD runs
 * on larger ones generated code that loops over rows (`float64/generated.ts`), everything
 * else the loops (`float64/loops.ts`; see `KernelLimits`). Each activation and loss is
 * written once, in `float64/activations.ts` and `float64/losses.ts`.
 */
export function trainFloat64(
  net: Network<number>,
  samples: readonly Sample<number>[],
  training: Training<number>,
  onEpoch?: (epoch: number) => void,
  /** Which network sizes get which generated code (tests lower the limits to reach every form). */
  limits: KernelLimits = KERNEL_LIMITS,
): TrainResult<number> {
  const loss = float64Loss(net.loss);
  if (loss === undefined) throw new RangeError(`the float64 kernel has no loss "${net.loss}"`);
  const layers = net.layers.map(compileLayer);
  const xs = samples.map((s) => Float64Array.from(s.x));
  const ys = samples.map((s) => Float64Array.from(s.y));
  const lr = training.learningRate;
  const sgd = training.batch === "sgd";
  const sequential = training.updateOrder === "sequential";
  const lossCurve = lossCurveOf(training.epochs);
  const form = sgd ? generatedForm(layers, training.epochs * samples.length, limits) : null;
  if (form !== null) {
    const oneSample = samples.length === 1;
    const trainSgd = generatedSgdTrainer(
      form,
      layers,
      net.loss,
      loss,
      sequential,
      training.updateBiases,
      oneSample,
    );
    trainSgd(training.epochs, xs, ys, lr, lossCurve, onEpoch);
  } else {
    const batchSize = sgd ? 1 : samples.length;
    trainByLoops(
      layers,
      xs,
      ys,
      loss,
      lr,
      batchSize,
      sequential,
      training.updateBiases,
      training.epochs,
      lossCurve,
      onEpoch,
    );
  }
  return { lossCurve, network: toNetwork(net, layers) };
}

/**
 * True when the kernel implements this network: a record for its loss (with that loss's
 * default reductions) and for every layer's activation, and per-unit biases. Everything
 * else (softmax, leaky ReLU, shared biases, sse, cce, output, other reductions) runs the
 * generic algorithm rather than being trained wrongly.
 */
export function kernelImplements(net: Network<number>): boolean {
  if (float64Loss(net.loss) === undefined) return false;
  const defaults = reductionOf({ loss: net.loss });
  const r = reductionOf(net);
  return (
    r.outputs === defaults.outputs &&
    r.samples === defaults.samples &&
    net.layers.every((l) => float64Activation(l.activation) !== undefined && !l.sharedBias)
  );
}

/** Which generated code an SGD run of `steps` steps gets, or null for the loops. */
function generatedForm(
  layers: readonly CompiledLayer[],
  steps: number,
  limits: KernelLimits,
): GeneratedForm | null {
  const weights = layers.reduce((n, l) => n + l.W.length, 0);
  if (weights <= limits.unrolledWeights) return "unrolled";
  if (layers.every((l) => l.inputs <= limits.rowWidth) && steps * weights >= limits.rowWork) return "rows";
  return null;
}

/** Which SGD networks run which generated code; the rest run the loops. */
export interface KernelLimits {
  /**
   * Networks with at most this many weights run fully unrolled straight-line code. Fully
   * unrolled, 8-16-16-4 (448 weights) takes V8's optimising compiler seconds and then runs
   * no faster.
   */
  readonly unrolledWeights: number;
  /** Larger networks whose layers have at most this many inputs run the row code, */
  readonly rowWidth: number;
  /**
   * if the run updates at least this many weights (epochs × samples × weights): V8 takes
   * about 0.1 s to optimise that code (8-16-16-4), and until then it runs slower than the
   * loops, which are optimised within milliseconds. Measured on 8-16-16-4: the loops win
   * at 10³ epochs (4.5·10⁵ updates), the generated code from about 10⁴ epochs on.
   */
  readonly rowWork: number;
}
const KERNEL_LIMITS: KernelLimits = { unrolledWeights: 64, rowWidth: 64, rowWork: 5_000_000 };

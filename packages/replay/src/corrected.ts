import {
  formatQuantity,
  instantiate,
  parameterName,
  train,
  type Field,
  type ProblemSpec,
  type Quantity,
} from "@bpcheck/core";

/**
 * The corrected program: the article's network trained by the engine (`train` from
 * @bpcheck/core: SGD, ½(y − ŷ)² loss, W ← W − α·∂L/∂W, both layers from the weights
 * before the step) on the case's problem, at the given learning rate and number of
 * epochs (the case's own by default). Returns the loss of every epoch as
 * `loss@epoch[e]` (e from 1; the loss before that epoch's update, as the program prints
 * it) and then the final weights as `W[l][j][i]`.
 */
export function correctedTrajectory<T>(
  F: Field<T>,
  spec: ProblemSpec,
  learningRate: string,
  epochs: number = spec.training.epochs,
): Quantity<T>[] {
  const problem = instantiate(F, {
    ...spec,
    training: { ...spec.training, learningRate, epochs },
  });
  const { lossCurve, network } = train(F, problem.network, problem.samples, problem.training);
  return [
    ...lossCurve.map((value, e) => ({
      name: formatQuantity({ kind: "loss", index: [], sample: null, time: { at: "epoch", n: e + 1 } }),
      value,
    })),
    ...network.layers.flatMap((layer, l) =>
      layer.W.flatMap((row, j) => row.map((value, i) => ({ name: parameterName("W", [l, j, i]), value }))),
    ),
  ];
}

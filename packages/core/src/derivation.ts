import type { Field } from "./field.ts";
import type { Problem } from "./network.ts";
import { stepQuantities, type Quantity } from "./quantities.ts";
import { step, type StepTrace } from "./step.ts";

export interface Derivation<T> {
  readonly trace: StepTrace<T>;
  /** Every quantity of the step, in derivation order, under its canonical name. */
  readonly quantities: readonly Quantity<T>[];
}

/**
 * The worked example: the first step of training, the one a hand calculation shows
 * (the first sample under SGD, all samples under full batch).
 */
export function deriveFirstStep<T>(F: Field<T>, problem: Problem<T>): Derivation<T> {
  const samples = problem.training.batch === "sgd" ? problem.samples.slice(0, 1) : problem.samples;
  const trace = step(F, problem.network, samples, problem.training);
  return { trace, quantities: stepQuantities(problem.network, samples, trace) };
}

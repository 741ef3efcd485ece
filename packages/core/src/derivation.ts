import type { Field } from "./field.ts";
import type { Network, Problem, Sample } from "./network.ts";
import { formatQuantity } from "./quantity-name.ts";
import { forwardQuantities, parameterQuantities, stepQuantities, type Quantity } from "./quantities.ts";
import { step, type StepTrace } from "./step.ts";

export interface Derivation<T> {
  readonly trace: StepTrace<T>;
  /** Every quantity of the step, in derivation order, under its canonical name. */
  readonly quantities: readonly Quantity<T>[];
}

/** The samples of the n-th step (n from 1): one sample in turn under SGD, all under full batch. */
export function stepSamples<T>(problem: Problem<T>, n: number): readonly Sample<T>[] {
  const { samples } = problem;
  return problem.training.batch === "sgd" ? [samples[(n - 1) % samples.length]!] : samples;
}

/** Steps in one epoch. */
export function stepsPerEpoch<T>(problem: Problem<T>): number {
  return problem.training.batch === "sgd" ? problem.samples.length : 1;
}

/**
 * The worked example: the first step of training, the one a hand calculation shows
 * (the first sample under SGD, all samples under full batch).
 */
export function deriveFirstStep<T>(F: Field<T>, problem: Problem<T>): Derivation<T> {
  const samples = stepSamples(problem, 1);
  const trace = step(F, problem.network, samples, problem.training);
  return { trace, quantities: stepQuantities(problem.network, samples, trace) };
}

/**
 * The first step and everything the problem's horizon asks for beyond it: the quantities
 * of steps 2…, `@step[n]`; the forward passes after n updates, `@after[n]`; each epoch's
 * loss before its update and the parameters after it, `@epoch[e]`. Training runs once,
 * update by update, as far as the furthest of them.
 */
export function deriveWorkedExample<T>(F: Field<T>, problem: Problem<T>): Derivation<T> {
  const first = deriveFirstStep(F, problem);
  const h = problem.horizon;
  if (h === undefined) return first;
  const perEpoch = stepsPerEpoch(problem);
  const updates = Math.max(h.steps, ...h.after, h.epochs * perEpoch);
  const quantities: Quantity<T>[] = [...first.quantities];
  const after = new Set(h.after);
  const atAfter = (net: Network<T>, n: number) => {
    const trace = step(F, net, problem.samples, problem.training);
    quantities.push(...forwardQuantities(net, problem.samples, trace, { at: "after", n }));
  };
  let net = problem.network;
  let epochLoss = F.zero;
  for (let u = 1; u <= updates; u++) {
    const samples = stepSamples(problem, u);
    const trace = u === 1 ? first.trace : step(F, net, samples, problem.training);
    if (u > 1 && u <= h.steps) quantities.push(...stepQuantities(net, samples, trace, { at: "step", n: u }));
    epochLoss = F.add(epochLoss, trace.loss);
    net = trace.next;
    if (after.has(u)) atAfter(net, u);
    if (u % perEpoch === 0 && u / perEpoch <= h.epochs) {
      const e = u / perEpoch;
      const value = perEpoch === 1 ? epochLoss : F.div(epochLoss, F.fromInt(perEpoch));
      const time = { at: "epoch", n: e } as const;
      const name = formatQuantity({ kind: "loss", index: [], sample: null, time });
      quantities.push({ name, value }, ...parameterQuantities(net, time));
      epochLoss = F.zero;
    }
  }
  return { trace: first.trace, quantities };
}

import { instantiate, train, type ProblemSpec, type Quantity } from "@bpcheck/core";
import { fieldFor, type Mode } from "./modes.ts";
import { networkParameters } from "./network-parameters.ts";

/** A training run in one precision mode. */
export interface ModeRun {
  readonly mode: Mode;
  /** Loss of each epoch (e = 1 first), at the mode's full precision. */
  readonly lossCurve: readonly string[];
  /** The same curve as JavaScript numbers, for plotting only. */
  readonly lossNumbers: readonly number[];
  /** Every parameter after the last epoch (`networkParameters`). */
  readonly parameters: readonly Quantity<string>[];
}

/**
 * Trains the case with core's `train` once per mode (the exact mode at `digits`
 * digits), in the order given. `onEpoch(done)` counts epochs over all runs together
 * (from 1 to modes.length × epochs), for progress reporting.
 */
export function trainModes(
  spec: ProblemSpec,
  modes: readonly Mode[],
  digits: number,
  onEpoch?: (done: number) => void,
): ModeRun[] {
  let done = 0;
  return modes.map((mode) => {
    const F = fieldFor(mode, digits);
    const p = instantiate(F, spec);
    const r = train(F, p.network, p.samples, p.training, () => onEpoch?.(++done));
    return {
      mode,
      lossCurve: r.lossCurve.map((l) => F.toString(l)),
      lossNumbers: r.lossCurve.map((l) => F.toNumber(l)),
      parameters: networkParameters(r.network).map((q) => ({ name: q.name, value: F.toString(q.value) })),
    };
  });
}

import {
  formatQuantity,
  domainChecked,
  float64,
  instantiate,
  train,
  type Field,
  type ProblemSpec,
  type Quantity,
} from "@bpcheck/core";
import { certifiedString, certify } from "./certify.ts";
import { fieldFor, type Mode } from "./modes.ts";
import { networkParameters } from "./network-parameters.ts";

/** A training run in one precision mode. */
export interface ModeRun {
  readonly mode: Mode;
  /**
   * Loss of each epoch (e = 1 first): a float mode's value at full precision; the exact
   * mode's to its certified digits (ball arithmetic), or null when none is certified.
   */
  readonly lossCurve: readonly (string | null)[];
  /** The same curve as JavaScript numbers, for plotting only. */
  readonly lossNumbers: readonly number[];
  /** Every parameter after the last epoch (`networkParameters`); null: the exact mode certifies no digit. */
  readonly parameters: readonly Quantity<string | null>[];
}

/** How many training runs `trainModes` makes: one per mode (the exact mode certifies in the same run). */
export function trainingPasses(modes: readonly Mode[]): number {
  return modes.length;
}

/**
 * Trains the case with core's `train` once per mode, in the order given; the exact mode
 * in ball arithmetic at `digits` digits, so that it shows only certified digits.
 * `onEpoch(done)` counts epochs over all runs together (from 1 to
 * trainingPasses(modes) × epochs), for progress reporting.
 */
export function trainModes(
  spec: ProblemSpec,
  modes: readonly Mode[],
  digits: number,
  onEpoch?: (done: number) => void,
): ModeRun[] {
  let done = 0;
  const run = <T>(given: Field<T>) => {
    // Checked for domain errors, except float64, which trains in its kernel and needs the
    // float64 field itself (its loss curve shows NaN where the domain is left).
    const F = given === (float64 as Field<unknown>) ? given : domainChecked(given);
    const p = instantiate(F, spec);
    const r = train(F, p.network, p.samples, p.training, () => onEpoch?.(++done));
    const curve = r.lossCurve.map((value, e) => ({
      name: formatQuantity({ kind: "loss", index: [], sample: null, time: { at: "epoch", n: e + 1 } }),
      value,
    }));
    return { curve, parameters: networkParameters(r.network) };
  };
  return modes.map((mode) => {
    if (mode === "exact") {
      let epochs = 0;
      const certified = certify((F) => {
        const r = run(F);
        epochs = r.curve.length;
        return [...r.curve, ...r.parameters];
      }, digits);
      const shown = certified.map((q) => ({ name: q.name, value: certifiedString(q) }));
      return {
        mode,
        lossCurve: shown.slice(0, epochs).map((q) => q.value),
        lossNumbers: certified.slice(0, epochs).map((q) => q.value.toNumber()),
        parameters: shown.slice(epochs),
      };
    }
    const F = fieldFor(mode, digits);
    const r = run(F);
    return {
      mode,
      lossCurve: r.curve.map((q) => F.toString(q.value)),
      lossNumbers: r.curve.map((q) => F.toNumber(q.value)),
      parameters: r.parameters.map((q) => ({ name: q.name, value: F.toString(q.value) })),
    };
  });
}

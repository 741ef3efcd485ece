import {
  DomainError,
  domainChecked,
  float64,
  instantiate,
  train,
  type Field,
  type ProblemSpec,
  type Quantity,
} from "@bpcheck/core";
import { certify } from "./certify.ts";
import { epochLoss, namingUndefinedQuantity } from "./domain-quantity.ts";
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
    // Checked for domain errors, except float64, which trains in its unchecked kernel
    // (the float64 field itself): a loss or parameter it leaves NaN or infinite is
    // retrained, checked, to the epoch where it arose (`kernelDomainError`).
    const kernel = given === (float64 as Field<unknown>);
    const F = kernel ? given : domainChecked(given);
    const p = instantiate(F, spec);
    let epoch = 1;
    const r = namingUndefinedQuantity(
      spec,
      digits,
      () =>
        train(F, p.network, p.samples, p.training, () => {
          epoch++;
          onEpoch?.(++done);
        }),
      () => epoch,
    );
    if (kernel) kernelDomainError(spec, F, r.lossCurve, networkParameters(r.network));
    const curve = r.lossCurve.map((value, e) => ({ name: epochLoss(e + 1), value }));
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
      const shown = certified.map((q) => ({ name: q.name, value: q.certifiedText }));
      return {
        mode,
        lossCurve: shown.slice(0, epochs).map((q) => q.value),
        // The certified digits where there are some (read from their text, as decimal.js's
        // toNumber does; the midpoint's decimal is computed only when read).
        lossNumbers: certified
          .slice(0, epochs)
          .map((q) => (q.certifiedText === null ? q.value.toNumber() : Number(q.certifiedText))),
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

/**
 * float64's kernel trains unchecked: when it leaves a loss or a parameter NaN or
 * infinite, the training is rerun in the checked float64 field up to that epoch, which
 * throws the DomainError saying why, named by the epoch's loss (a valid case never shows
 * NaN or Infinity). Finite results cost one scan.
 */
function kernelDomainError<T>(
  spec: ProblemSpec,
  F: Field<T>,
  lossCurve: readonly T[],
  parameters: readonly Quantity<T>[],
): void {
  const finite = (v: T) => Number.isFinite(F.toNumber(v));
  let epoch = lossCurve.findIndex((v) => !finite(v)) + 1;
  if (epoch === 0 && parameters.every((q) => finite(q.value))) return;
  if (epoch === 0) epoch = lossCurve.length;
  const checked = domainChecked(float64);
  const p = instantiate(checked, spec);
  let underWay = 1;
  namingUndefinedQuantity(
    spec,
    0,
    () => train(checked, p.network, p.samples, { ...p.training, epochs: epoch }, () => underWay++),
    () => underWay,
  );
  // The checked rerun agrees with the kernel bit for bit, so it throws above; should it not:
  throw new DomainError("float64", "the loss", "the training left the finite numbers", epochLoss(epoch));
}

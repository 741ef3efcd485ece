import {
  DomainError,
  deriveWorkedExample,
  firstUndefinedQuantity,
  formatQuantity,
  instantiate,
  type ProblemSpec,
} from "@bpcheck/core";
import { MODES, fieldFor, type Mode } from "./modes.ts";

/**
 * `compute()`, with a DomainError it throws named by the quantity it arose in: the worked
 * example rerun, in a plain field of the mode that threw, until its first undefined
 * quantity (core's `firstUndefinedQuantity`). Work that trains passes `epoch`, the epoch
 * under way: an error beyond the worked example is named by that epoch's loss,
 * `loss@epoch[e]`. A DomainError that already names its quantity is thrown as it is.
 */
export function namingUndefinedQuantity<R>(
  spec: ProblemSpec,
  digits: number,
  compute: () => R,
  epoch?: () => number,
): R {
  try {
    return compute();
  } catch (e) {
    if (!(e instanceof DomainError) || e.quantity !== null) throw e;
    const mode = modeOf(e);
    const underWay = epoch?.();
    const inStep =
      mode !== null && (underWay === undefined || underWay === 1)
        ? firstUndefinedQuantity(
            fieldFor(mode, digits),
            (G) => deriveWorkedExample(G, instantiate(G, spec)).quantities,
          )
        : null;
    if (inStep !== null) throw e.at(inStep);
    throw underWay === undefined ? e : e.at(epochLoss(underWay));
  }
}

/** `loss@epoch[e]`: the first quantity of an epoch a training reports. */
export function epochLoss(epoch: number): string {
  return formatQuantity({ kind: "loss", index: [], sample: null, time: { at: "epoch", n: epoch } });
}

/** The mode a DomainError arose in, when it is one of the three. */
function modeOf(e: DomainError): Mode | null {
  return (MODES as readonly string[]).includes(e.mode) ? (e.mode as Mode) : null;
}

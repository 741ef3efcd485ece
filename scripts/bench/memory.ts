import { instantiate, train } from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import { seed } from "./problems.ts";

export interface MemoryResult {
  readonly digits: number;
  /** [epoch, heap used after a full GC in bytes, bytes held by the loss curve so far]. */
  readonly samples: readonly [number, number, number][];
  /** Heap growth from the first to the last sample, less the loss curve's growth. */
  readonly growthExcludingCurve: number;
}

/**
 * Heap after a full collection while training the seed network in the exact mode,
 * sampled at the given epochs (needs node --expose-gc). The loss curve is the only thing
 * that should grow; its size is estimated from its digits (decimal.js keeps 7 digits
 * per array element, 8 bytes each, plus an object of about 64 bytes).
 */
export function measureMemory(epochs: readonly number[], digits: number): MemoryResult {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the memory check needs node --expose-gc");
  const F = decimalField(digits);
  const p = instantiate(F, seed.spec);
  const samples: [number, number, number][] = [];
  const last = epochs[epochs.length - 1]!;
  let curveBytes = 0;
  train(F, p.network, p.samples, { ...p.training, epochs: last }, (e) => {
    curveBytes += 64 + 8 * Math.ceil(digits / 7);
    if (epochs.includes(e)) {
      gc();
      samples.push([e, process.memoryUsage().heapUsed, curveBytes]);
    }
  });
  const first = samples[0]!;
  const end = samples[samples.length - 1]!;
  return { digits, samples, growthExcludingCurve: end[1] - first[1] - (end[2] - first[2]) };
}

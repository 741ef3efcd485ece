import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { decimalField, exactExp } from "@bpcheck/exact";
import Decimal from "decimal.js";

export interface PrimitiveRow {
  readonly digits: number;
  /** Median ns per call. */
  readonly exactExp: number;
  readonly decimalJsExp: number;
  readonly mpmathExp: number;
  /** The exact field's mul (fastMul) and div (fastDiv), and decimal.js's div. */
  readonly bpcheckMul: number;
  readonly bpcheckDiv: number;
  readonly decimalJsDiv: number;
  readonly decimalJsMul: number;
  readonly mpmathMul: number;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}

function timeCalls(op: () => unknown, batchMs: number, batches: number): number {
  let calls = 1;
  const run = () => {
    const start = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) op();
    return Number(process.hrtime.bigint() - start);
  };
  while (run() < batchMs * 1e6) calls *= 2;
  return median(Array.from({ length: batches }, () => run() / calls));
}

/** ns per exp, multiplication and division at 50, 100 and 1000 digits: ours, decimal.js, mpmath, on −(1/3 + 1/2). */
export function measurePrimitives(batchMs: number, batches: number): PrimitiveRow[] {
  return [50, 100, 1000].map((digits) => {
    const D = Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN });
    const x = D.div(1, 3).plus("0.5").neg();
    const y = D.div(2, 7);
    const F = decimalField(digits);
    const py = spawnSync(
      "python3",
      [
        join(import.meta.dirname, "baselines.py"),
        "primitives",
        String(digits),
        String(batchMs),
        String(batches),
      ],
      { encoding: "utf8" },
    );
    if (py.status !== 0) throw new Error(`mpmath primitives failed: ${py.stderr}`);
    const mp = JSON.parse(py.stdout) as { exp: number[]; mul: number[] };
    return {
      digits,
      exactExp: timeCalls(() => exactExp(x), batchMs, batches),
      decimalJsExp: timeCalls(() => D.exp(x), batchMs, batches),
      mpmathExp: median(mp.exp),
      bpcheckMul: timeCalls(() => F.mul(x, y), batchMs, batches),
      bpcheckDiv: timeCalls(() => F.div(x, y), batchMs, batches),
      decimalJsDiv: timeCalls(() => D.div(x, y), batchMs, batches),
      decimalJsMul: timeCalls(() => D.mul(x, y), batchMs, batches),
      mpmathMul: median(mp.mul),
    };
  });
}

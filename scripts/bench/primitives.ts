import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { BALL_GUARD_DIGITS, ballField, decimalField } from "@bpcheck/exact";

export interface PrimitiveRow {
  readonly digits: number;
  /** Median ns per call: the exact mode's ball arithmetic (at digits + its guard digits, as the CLI runs it). */
  readonly ballExp: number;
  readonly ballMul: number;
  readonly ballDiv: number;
  /** The plain decimal field (`decimalField`: exactExp, fastMul, fastDiv), which the classifier's roundings use. */
  readonly decimalExp: number;
  readonly decimalMul: number;
  readonly decimalDiv: number;
  readonly mpmathExp: number;
  readonly mpmathMul: number;
  readonly mpmathDiv: number;
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

/** ns per exp, multiplication and division at 50, 100 and 1000 digits: ours (ball and decimal field) and mpmath, on −(1/3 + 1/2) and 2/7. */
export function measurePrimitives(batchMs: number, batches: number): PrimitiveRow[] {
  return [50, 100, 1000].map((digits) => {
    const F = decimalField(digits);
    const x = F.neg(F.add(F.div(F.one, F.fromInt(3)), F.fromDecimal("0.5")));
    const y = F.div(F.fromInt(2), F.fromInt(7));
    const B = ballField(digits + BALL_GUARD_DIGITS);
    const bx = B.neg(B.add(B.div(B.one, B.fromInt(3)), B.fromDecimal("0.5")));
    const by = B.div(B.fromInt(2), B.fromInt(7));
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
    const mp = JSON.parse(py.stdout) as { exp: number[]; mul: number[]; div: number[] };
    return {
      digits,
      ballExp: timeCalls(() => B.exp(bx), batchMs, batches),
      ballMul: timeCalls(() => B.mul(bx, by), batchMs, batches),
      ballDiv: timeCalls(() => B.div(bx, by), batchMs, batches),
      decimalExp: timeCalls(() => F.exp(x), batchMs, batches),
      decimalMul: timeCalls(() => F.mul(x, y), batchMs, batches),
      decimalDiv: timeCalls(() => F.div(x, y), batchMs, batches),
      mpmathExp: median(mp.exp),
      mpmathMul: median(mp.mul),
      mpmathDiv: median(mp.div),
    };
  });
}

import { instantiate, train, type Field } from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import type Decimal from "decimal.js";
import { randomNetwork, seed } from "./problems.ts";

const ops = ["add", "sub", "mul", "div", "neg", "exp", "compare", "fromDecimal", "fromInt"] as const;
for (const problem of [seed, randomNetwork([8, 16, 16, 4])]) {
  for (const digits of [50, 100, 1000]) {
    const base = decimalField(digits);
    const count: Record<string, number> = {};
    const ns: Record<string, number> = {};
    const F = { ...base } as Record<string, unknown>;
    for (const op of ops) {
      const f = (base as unknown as Record<string, (...a: unknown[]) => unknown>)[op]!;
      count[op] = 0;
      ns[op] = 0;
      F[op] = (...a: unknown[]) => {
        count[op]!++;
        const t = process.hrtime.bigint();
        const r = f(...a);
        ns[op]! += Number(process.hrtime.bigint() - t);
        return r;
      };
    }
    const run = (G: Field<Decimal>, n: number) => {
      const p = instantiate(G, problem.spec);
      return train(G, p.network, p.samples, { ...p.training, epochs: n });
    };
    const n = digits === 1000 ? 20 : 200;
    run(base, n);
    let t = process.hrtime.bigint();
    run(base, n);
    const plain = Number(process.hrtime.bigint() - t) / n;
    t = process.hrtime.bigint();
    run(F as unknown as Field<Decimal>, n);
    const inOps = Object.values(ns).reduce((a, b) => a + b, 0) / n;
    const parts = ops
      .filter((o) => count[o]! > 0)
      .map((o) => `${o} ${(count[o]! / n).toFixed(0)}× ${(ns[o]! / n / 1000).toFixed(1)}µs`)
      .join(", ");
    console.log(
      `${problem.name} ${digits}: epoch ${(plain / 1000).toFixed(1)} µs; in ops (timed) ${(inOps / 1000).toFixed(1)} µs: ${parts}`,
    );
  }
}

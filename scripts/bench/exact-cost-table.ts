/**
 * Measures the table behind the exact mode's cost guard (`UNIT_MS` in
 * packages/exact/src/exact-cost.ts): milliseconds of one unit-equivalent of a training
 * epoch (units + weights/10, the guard's model) at each precision, as the median over
 * the seed network and an 8-16-16-4 network. Run: pnpm exec tsx --conditions=@bpcheck/source
 * scripts/bench/exact-cost-table.ts
 */
import { instantiate, train } from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import { randomNetwork, seed } from "./problems.ts";

const DIGITS = [10, 20, 50, 100, 200, 500, 1000, 2000];

for (const digits of DIGITS) {
  const perUnit: number[] = [];
  for (const problem of [seed, randomNetwork([8, 16, 16, 4])]) {
    const F = decimalField(digits);
    const p = instantiate(F, problem.spec);
    const layers = problem.spec.network.layers;
    const units = layers.reduce((n, l) => n + l.weights.length, 0);
    const weights = layers.reduce((n, l) => n + l.weights.length * (l.weights[0]?.length ?? 0), 0);
    const epochs = Math.max(1, Math.round(2000 / (units * digits ** 1.2)));
    train(F, p.network, p.samples, { ...p.training, epochs: 1 });
    const start = performance.now();
    train(F, p.network, p.samples, { ...p.training, epochs });
    const ms = (performance.now() - start) / epochs;
    perUnit.push(ms / (problem.spec.data.length * (units + weights / 10)));
  }
  console.log(`  [${digits}, ${Math.max(...perUnit).toPrecision(2)}],`);
}

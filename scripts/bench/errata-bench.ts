/**
 * pnpm bench:errata — times `bpcheck errata` on a synthetic source with 100 printed
 * numbers on a 4-8-8-3 network (sigmoid, biases, half-SSE): most printed correctly to
 * 4 significant digits under the sequential update order (the source's convention,
 * unlike the case's declared simultaneous order), some with a planted learning rate or
 * digit slip. The
 * case is written to a temporary folder; the report goes to /dev/null, the time to stdout.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, type Io } from "@bpcheck/cli";
import { Planter, printSignificant, syntheticCaseFile } from "@bpcheck/golden";
import { randomNetwork } from "./problems.ts";

const base = randomNetwork([4, 8, 8, 3], 20_261_201).spec;
const spec = {
  ...base,
  network: {
    ...base.network,
    layers: base.network.layers.map((l, n) => ({ ...l, biases: l.weights.map((_, j) => `0.${n + 1}${j}`) })),
  },
  training: { ...base.training, updateBiases: true },
};
const planter = new Planter(spec);
const names = planter.names.filter((q) => !/^(x|y|W|b)\[/.test(q));
// 100 numbers spread over the step: forward, loss, deltas, gradients, updated parameters.
const stride = names.length / 100;
const chosen = Array.from({ length: 100 }, (_, n) => names[Math.floor(n * stride)]!);
const printed = chosen.map((q, n): [string, string] => {
  const keys = ["update-order:sequential"];
  let text = printSignificant(planter.value(q, keys), 4);
  if (n % 17 === 5) text = printSignificant(planter.value(q, [...keys, "learning-rate:1"]), 4);
  if (n % 23 === 7)
    text = text.replace(/([1-9])(\d*)$/, (_, d: string, rest: string) => `${(Number(d) % 9) + 1}${rest}`);
  return [q, text];
});
const dir = mkdtempSync(join(tmpdir(), "bpcheck-errata-bench-"));
const file = join(dir, "case.json");
writeFileSync(file, JSON.stringify(syntheticCaseFile(spec, printed, "errata-bench-4-8-8-3")));
let report = "";
const io: Io = {
  stdout: (t) => (report += t),
  stderr: (t) => process.stderr.write(t),
  readStdin: async () => "",
  writeFile: async () => {},
  // Nothing is written, so no file exists, and no one is there to answer a question.
  exists: () => false,
  ask: null,
  stdinIsTTY: false,
  stdoutIsTTY: false,
  columns: null,
  stderrIsTTY: false,
  env: {},
  now: () => performance.now(),
};
if (process.env.DUMP)
  writeFileSync(process.env.DUMP, JSON.stringify(syntheticCaseFile(spec, printed, "errata-bench-4-8-8-3")));
const start = performance.now();
const code = await run(["errata", file], io);
const seconds = (performance.now() - start) / 1000;
rmSync(dir, { recursive: true, force: true });
const summary = report.split("\n").find((l) => l.includes("published numbers"));
console.log(
  `bpcheck errata, 4-8-8-3, ${printed.length} printed numbers: ${seconds.toFixed(2)} s (exit ${code})`,
);
console.log(summary);
if (process.argv.includes("--report")) console.log(report);

/**
 * pnpm bench:errata — times `bpcheck errata` on a synthetic source with 100 printed
 * numbers on a 4-8-8-3 network (sigmoid, biases, half-SSE): most printed correctly to
 * 4 significant digits under the sequential update order (the source's convention,
 * unlike the case's declared simultaneous order), some with a planted learning rate or
 * digit slip. The
 * case is written to a temporary folder; the report goes to /dev/null, the time to stdout.
 *
 * pnpm bench:errata --budget — the worst case against the up-front estimate: sources
 * whose every number is 0.41% off the exact value (within drift, so that the search of
 * rounded operands runs, and reproduced by no explanation, so that it runs to its
 * budget) on several networks, each timed (wall clock and CPU) beside the estimate.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Decimal from "decimal.js";
import { applyV8Flags, errataSeconds, inProcessIo, run, type Io } from "@bpcheck/cli";
import { Planter, printSignificant, syntheticCaseFile } from "@bpcheck/golden";
import { randomNetwork } from "./problems.ts";

// The commands run in this process as the bin runs them.
applyV8Flags();

const io = (): Io & { report: () => string } => {
  let report = "";
  return {
    ...inProcessIo({ stdout: (t) => (report += t), stderr: (t) => process.stderr.write(t) }),
    report: () => report,
  };
};

/** Runs `bpcheck errata` on a case in a temporary folder: seconds (wall, CPU), exit code, report. */
async function timeErrata(caseFile: unknown, args: readonly string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "bpcheck-errata-bench-"));
  const file = join(dir, "case.json");
  writeFileSync(file, JSON.stringify(caseFile));
  const out = io();
  const start = performance.now();
  const cpu = process.cpuUsage();
  const code = await run(["errata", file, ...args], out);
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - start) / 1000;
  rmSync(dir, { recursive: true, force: true });
  return { seconds, cpu: (used.user + used.system) / 1e6, code, report: out.report() };
}

if (process.argv.includes("--budget")) {
  const rows: string[] = [
    "| network | numbers | estimate | wall clock | CPU | estimate / wall |",
    "| --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  const sizes: [string, number[]][] = [
    ["2-3-2", [50]],
    ["4-8-8-3", [50, 100]],
    ["8-16-16-4", [100, 200]],
    ["16-32-16-4", [100]],
  ];
  for (const [widths, counts] of sizes) {
    const spec = randomNetwork(widths.split("-").map(Number), 20_261_201).spec;
    const planter = new Planter(spec);
    const names = planter.names.filter((q) => !/^(x|y|W|b)\[/.test(q));
    for (const n of counts) {
      const printed = Array.from({ length: n }, (_, k): [string, string] => {
        const q = names[Math.floor((k * names.length) / n)]!;
        return [q, printSignificant(planter.value(q).times(new Decimal("1.0041")), 4)];
      });
      const file = syntheticCaseFile(spec, printed, `errata-worst-${widths}-${n}`);
      const estimate = errataSeconds({ ...spec, published: printed });
      const t = await timeErrata(file, ["--max-seconds", "86400"]);
      rows.push(
        `| ${widths} | ${n} | ${estimate.toFixed(1)} s | ${t.seconds.toFixed(1)} s | ${t.cpu.toFixed(1)} s | ${(estimate / t.seconds).toFixed(2)} |`,
      );
      console.error(rows.at(-1));
    }
  }
  console.log(rows.join("\n"));
} else {
  const base = randomNetwork([4, 8, 8, 3], 20_261_201).spec;
  const spec = {
    ...base,
    network: {
      ...base.network,
      layers: base.network.layers.map((l, n) => ({
        ...l,
        biases: l.weights.map((_, j) => `0.${n + 1}${j}`),
      })),
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
  const file = syntheticCaseFile(spec, printed, "errata-bench-4-8-8-3");
  if (process.env.DUMP) writeFileSync(process.env.DUMP, JSON.stringify(file));
  const t = await timeErrata(file);
  const summary = t.report.split("\n").find((l) => l.includes("published numbers"));
  console.log(
    `bpcheck errata, 4-8-8-3, ${printed.length} printed numbers: ${t.seconds.toFixed(2)} s (exit ${t.code})`,
  );
  console.log(summary);
  if (process.argv.includes("--report")) console.log(t.report);
}

/**
 * Measures the tables behind the cost model (`EXACT_TABLE`, `DECIMAL_TABLE` and `FLOAT_COSTS` in
 * packages/exact/src/exact-cost.ts): for each number system, microseconds per weight and
 * per unit of one training pass (forward, backward and update over one sample), solved
 * from the time of an epoch of a wide network (many weights per unit) and of a deep
 * narrow one (few). Then it sets the time guard's estimate (packages/cli/src/budget.ts,
 * what each command checks before it starts) against the measured time of the command
 * itself, run in this process as `bpcheck <argv>` on a case given on stdin: exact `run`,
 * `train` and `compare` at several digits, epochs and network sizes. The guard must be
 * within 2× either way: the ratio estimate / measured must lie within 0.5–2.
 *
 * A command's time is the smaller of its CPU seconds (user + system) and its wall
 * seconds: on a loaded machine the wall time grows with the load while the CPU time stays
 * near what a quiet machine takes, and on a quiet one the CPU time adds the garbage
 * collector's helper threads, which run beside the command, to the wall time. (The
 * tables above them are solved from CPU time alone.)
 *
 *   pnpm exec tsx --conditions=@bpcheck/source scripts/bench/exact-cost-table.ts [--check-only] [--rounds N] [--only run|train|compare]
 */
import {
  domainChecked,
  float32,
  float64,
  instantiate,
  train,
  type Field,
  type ProblemSpec,
} from "@bpcheck/core";
import { BALL_GUARD_DIGITS, ballField, costSeconds, decimalField, networkSize } from "@bpcheck/exact";
import { loadavg } from "node:os";
import { applyV8Flags, checkComparison, checkStep, checkTraining, inProcessIo, run } from "@bpcheck/cli";
import { randomNetwork, seed } from "./problems.ts";

// The commands run in this process as the bin runs them.
applyV8Flags();

// The two networks the table is solved from: few weights per unit, and many.
const small = seed;
const wide = randomNetwork([8, 16, 16, 4]);

/** CPU milliseconds of this process so far (user + system). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function epochMs<T>(F: Field<T>, spec: ProblemSpec, minMs = 300): number {
  const p = instantiate(F, spec);
  train(F, p.network, p.samples, { ...p.training, epochs: 1 });
  let epochs = 1;
  for (;;) {
    const start = cpuMs();
    train(F, p.network, p.samples, { ...p.training, epochs });
    const ms = cpuMs() - start;
    if (ms >= minMs || epochs > 1e6) return ms / epochs;
    epochs *= 4;
  }
}

function coefficients<T>(F: Field<T>): [number, number] {
  const a = networkSize(wide.spec);
  const b = networkSize(small.spec);
  const ta = epochMs(F, wide.spec) * 1000;
  const tb = epochMs(F, small.spec) * 1000;
  // Solve [a.w a.u; b.w b.u]·[w; u] = [ta; tb], keeping both coefficients positive.
  const det = a.weights * b.units - a.units * b.weights;
  const w = Math.max((ta * b.units - tb * a.units) / det, ta / a.weights / 20);
  const u = Math.max((tb - b.weights * w) / b.units, 0.01);
  return [w, u];
}

const fmt = (x: number) => Number(x.toPrecision(2));
const roundsFlag = process.argv.indexOf("--rounds");
const ROUNDS = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : 3;
console.log(
  `load average at the start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")} (${process.version})`,
);

if (!process.argv.includes("--check-only")) {
  // The exact mode as the commands run it: domain-checked ball arithmetic with its guard digits.
  console.log("EXACT_TABLE (digits, µs per weight, µs per unit):");
  for (const digits of [10, 20, 50, 100, 200, 500, 1000, 2000]) {
    const [w, u] = coefficients(domainChecked(ballField(digits + BALL_GUARD_DIGITS)));
    console.log(`  [${digits}, ${fmt(w)}, ${fmt(u)}],`);
  }
  console.log("DECIMAL_TABLE (digits, µs per weight, µs per unit):");
  for (const digits of [10, 20, 50, 100, 200, 500, 1000, 2000]) {
    const [w, u] = coefficients(decimalField(digits));
    console.log(`  [${digits}, ${fmt(w)}, ${fmt(u)}],`);
  }
  console.log("FLOAT_COSTS (µs per weight, µs per unit):");
  console.log(`  float32: [${coefficients(float32).map(fmt).join(", ")}],`);
  // A copy of float64 is not the float64 field, so train takes the generic path.
  console.log(
    `  float64: [${coefficients({ ...float64 })
      .map(fmt)
      .join(", ")}],`,
  );
  console.log(`  "float64-kernel": [${coefficients(float64).map(fmt).join(", ")}],`);
}

/** A case file for the command line: the seed's, with another network, sample and training. */
function caseText(spec: ProblemSpec, epochs: number): string {
  const seedCase = seed.spec as unknown as Record<string, unknown>;
  return JSON.stringify({
    ...seedCase,
    id: "cost-table",
    network: spec.network,
    data: spec.data,
    training: { ...spec.training, epochs },
    symbols: {},
    published: [],
  });
}

/** Runs `bpcheck <argv>` in this process on `stdin`: its CPU and wall seconds, and the smaller of them. */
async function timeCommand(
  argv: readonly string[],
  stdin: string,
): Promise<{ seconds: number; cpu: number; wall: number }> {
  let err = "";
  const io = inProcessIo({ stderr: (s) => void (err += s), readStdin: async () => stdin });
  const cpu = cpuMs();
  const wall = performance.now();
  const code = await run([...argv], io);
  const seconds = { cpu: (cpuMs() - cpu) / 1000, wall: (performance.now() - wall) / 1000 };
  if (code !== 0) throw new Error(`bpcheck ${argv.join(" ")} exited ${code}: ${err}`);
  return { seconds: Math.min(seconds.cpu, seconds.wall), ...seconds };
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface GuardRow {
  readonly network: string;
  readonly spec: ProblemSpec;
  readonly epochs: number;
  /** The command line after `bpcheck`, the case read from stdin. */
  readonly argv: readonly string[];
  /** The guard's estimate, as the command computes it before it starts (no budget: nothing is refused). */
  readonly estimate: (spec: ProblemSpec) => number;
}

const NO_LIMIT = { "max-seconds": "86400" };
const seedSpec = seed.spec;
const mid = randomNetwork([8, 16, 16, 4]).spec;
const big = randomNetwork([64, 64, 8]).spec;
// Not one the tables are solved from: a check of how the model carries over.
const wideMid = randomNetwork([16, 64, 16]).spec;
const trainRow = (network: string, spec: ProblemSpec, digits: number, epochs: number): GuardRow => ({
  network,
  spec,
  epochs,
  argv: ["train", "-", "--mode", "exact", "--digits", String(digits)],
  estimate: (s) => checkTraining(s, ["exact"], digits, NO_LIMIT),
});
const runRow = (network: string, spec: ProblemSpec, digits: number): GuardRow => ({
  network,
  spec,
  epochs: 1,
  argv: ["run", "-", "--digits", String(digits)],
  estimate: (s) => checkStep(s, "exact", digits, NO_LIMIT),
});
const compareRow = (network: string, spec: ProblemSpec, digits: number, epochs?: number): GuardRow => ({
  network,
  spec,
  epochs: epochs ?? 1,
  argv: [
    "compare",
    "-",
    "--digits",
    String(digits),
    ...(epochs === undefined ? [] : ["--epochs", String(epochs)]),
  ],
  estimate: (s) => checkComparison(s, digits, epochs, NO_LIMIT),
});
const GUARDED: GuardRow[] = [
  trainRow("2-2-1 (seed)", seedSpec, 50, 4000),
  trainRow("2-2-1 (seed)", seedSpec, 50, 13_000),
  trainRow("2-2-1 (seed)", seedSpec, 200, 1000),
  trainRow("2-2-1 (seed)", seedSpec, 1000, 100),
  trainRow("2-2-1 (seed)", seedSpec, 2000, 20),
  trainRow("8-16-16-4", mid, 50, 100),
  trainRow("8-16-16-4", mid, 1000, 2),
  runRow("8-16-16-4", mid, 2000),
  runRow("64-64-8", big, 50),
  runRow("64-64-8", big, 1000),
  runRow("64-64-8", big, 200),
  runRow("16-64-16", wideMid, 1000),
  compareRow("64-64-8", big, 50),
  compareRow("64-64-8", big, 500),
  compareRow("8-16-16-4", mid, 1000),
  compareRow("16-64-16", wideMid, 200),
  compareRow("2-2-1 (seed)", seedSpec, 50, 2000),
  compareRow("8-16-16-4", mid, 100, 50),
];

/**
 * `SHOWN_TABLES`: µs per weight and unit (one coefficient for both) of what `run` and
 * `compare` do with each quantity of the step on 64-64-8, from each command's CPU time
 * less the model's estimate of the rest of its work (its passes).
 */
async function shownCosts(): Promise<void> {
  const { weights, units } = networkSize(big);
  const size = weights + units;
  const row = async (argv: string[], estimate: number, shownEstimate: number) => {
    const text = caseText(big, 1);
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) times.push((await timeCommand(argv, text)).seconds);
    return fmt((Math.max(0, median(times) - (estimate - shownEstimate)) * 1e6) / size);
  };
  const shown: string[] = [];
  const compared: string[] = [];
  for (const digits of [10, 50, 100, 200, 500, 1000]) {
    const d = String(digits);
    const us = await row(
      ["run", "-", "--digits", d],
      checkStep(big, "exact", digits, NO_LIMIT),
      costSeconds(big, [{ mode: "exact-shown", digits, passes: 1 }]),
    );
    shown.push(`    [${digits}, ${us}, ${us}],`);
    const cus = await row(
      ["compare", "-", "--digits", d],
      checkComparison(big, digits, undefined, NO_LIMIT),
      costSeconds(big, [{ mode: "exact-compared", digits, passes: 1 }]),
    );
    compared.push(`    [${digits}, ${cus}, ${cus}],`);
  }
  console.log(`SHOWN_TABLES (digits, µs per weight, µs per unit):`);
  console.log(`  "exact-shown": [\n${shown.join("\n")}\n  ],`);
  console.log(`  "exact-compared": [\n${compared.join("\n")}\n  ],`);
}
if (!process.argv.includes("--check-only")) await shownCosts();

console.log(
  `\nThe time guard against the commands it guards (median of ${ROUNDS} rounds, one round for rows estimated over 3 s; measured = the smaller of CPU and wall seconds; ratio = estimate / measured):\n`,
);
const head = [
  "command (case on stdin)",
  "network",
  "epochs",
  "estimate s",
  "measured s",
  "range s",
  "CPU s",
  "wall s",
  "ratio",
];
console.log(`| ${head.join(" | ")} |`);
console.log(`|${head.map((_, c) => (c < 2 ? "---|" : "--:|")).join("")}`);
const ratios: number[] = [];
const onlyFlag = process.argv.indexOf("--only");
const only = onlyFlag > 0 ? process.argv[onlyFlag + 1] : undefined;
for (const row of GUARDED.filter((r) => only === undefined || r.argv[0] === only)) {
  const spec = { ...row.spec, training: { ...row.spec.training, epochs: row.epochs } };
  const estimate = row.estimate(spec);
  const text = caseText(row.spec, row.epochs);
  const times: { seconds: number; cpu: number; wall: number }[] = [];
  for (let r = 0; r < (estimate > 3 ? 1 : ROUNDS); r++) times.push(await timeCommand(row.argv, text));
  const seconds = times.map((t) => t.seconds);
  const measured = median(seconds);
  ratios.push(estimate / measured);
  const cells = [
    `\`bpcheck ${row.argv.join(" ")}\``,
    row.network,
    String(row.epochs),
    estimate.toFixed(2),
    measured.toFixed(2),
    `${Math.min(...seconds).toFixed(2)}–${Math.max(...seconds).toFixed(2)}`,
    median(times.map((t) => t.cpu)).toFixed(2),
    median(times.map((t) => t.wall)).toFixed(2),
    (estimate / measured).toFixed(2),
  ];
  console.log(`| ${cells.join(" | ")} |`);
}
const within = ratios.filter((r) => r >= 0.5 && r <= 2).length;
console.log(
  `\n${within} of ${ratios.length} ratios within 0.5–2 (from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}); load average at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(", ")}`,
);

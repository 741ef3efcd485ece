/**
 * `pnpm bench`: ns per training epoch (forward + backward + SGD update) of our engine
 * against baselines it builds and runs itself (C, numpy, plain Python, mpmath), on the
 * seed network and on an 8-16-16-4 network, with the losses every implementation
 * reaches checked against each other. Timings are medians of several batches taken in
 * rounds (every implementation once per round), so load on a shared machine spreads over
 * all of them; read the ratios, not the absolute numbers.
 *
 *   pnpm bench             the full run: table on stdout, JSON in bench-results/
 *   pnpm bench --smoke     a few epochs and tiny batches: every implementation runs and agrees
 *   pnpm bench --seed-only --rounds 2
 *                          a shorter run for a loaded machine: the seed network only, two
 *                          rounds, and the memory check at 200 → 1000 → 2000 epochs
 *   pnpm bench --only float64,c-seed
 *                          only these rows (ids as in implementations.ts), with the bench's C
 *                          (the ×C column) and each row's agreement reference, which are
 *                          added; no per-call table and no memory check
 *
 * Exits 1 when an implementation disagrees (never because of a timing).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { agreeingDigits } from "@bpcheck/exact";
import Decimal from "decimal.js";
import { implementations, type Implementation, type Measurement } from "./implementations.ts";
import { measureMemory, type MemoryResult } from "./memory.ts";
import { measurePrimitives, type PrimitiveRow } from "./primitives.ts";
import { randomNetwork, seed, type BenchProblem } from "./problems.ts";
import { markdownReport, targetChecks } from "./report.ts";

const smoke = process.argv.includes("--smoke");
const seedOnly = process.argv.includes("--seed-only");
const roundsFlag = process.argv.indexOf("--rounds");
const rounds = roundsFlag > 0 ? Number(process.argv[roundsFlag + 1]) : undefined;
if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) {
  process.stderr.write("bench: --rounds expects a positive integer\n");
  process.exit(2);
}
const onlyFlag = process.argv.indexOf("--only");
const only =
  onlyFlag > 0 ? (process.argv[onlyFlag + 1] ?? "").split(",").filter((id) => id !== "") : undefined;
if (only !== undefined && only.length === 0) {
  process.stderr.write("bench: --only expects row ids separated by commas, such as float64,c-seed\n");
  process.exit(2);
}
const outDir = join(import.meta.dirname, "../../bench-results");
mkdirSync(outDir, { recursive: true });

// The smoke run (part of `pnpm verify`) checks that every implementation runs and agrees,
// on a small second network and with batches far too short for meaningful timings.
const settings = smoke
  ? {
      rounds: 1,
      batchMs: 1,
      epochs: { seed: 3, wide: 3, wide1000: 2 },
      wide: [3, 4, 2],
      primitiveMs: 1,
      memory: { epochs: [5, 10], digits: 50 },
    }
  : {
      rounds: rounds ?? 5,
      batchMs: 150,
      epochs: { seed: 1000, wide: 1000, wide1000: 10 },
      wide: [8, 16, 16, 4],
      primitiveMs: 100,
      memory: { epochs: seedOnly ? [200, 1000, 2000] : [1000, 5000, 10_000], digits: 1000 },
    };

const problems: BenchProblem[] = seedOnly ? [seed] : [seed, randomNetwork(settings.wide)];

/** Epochs whose losses are compared: 1000, except the 1000-digit rows on the large network (see README). */
function agreeEpochs(problem: BenchProblem, impl: Implementation): number {
  if (problem === seed) return settings.epochs.seed;
  return impl.digits === 1000 ? settings.epochs.wide1000 : settings.epochs.wide;
}

export interface Row {
  readonly impl: Implementation;
  readonly problem: BenchProblem;
  readonly epochs: number;
  readonly loss1: string;
  readonly lossN: string;
  readonly nsPerEpoch: number[];
  /** Median of nsPerEpoch. */
  median: number;
  /** Digits agreeing with the row's reference after epoch 1 and epoch N, the reference, the digits required. */
  agreement?: {
    digits1: number;
    digitsN: number;
    reference: string;
    required1: number;
    requiredN: number;
    ok: boolean;
  };
}

const { list: impls, skipped } = implementations(outDir);
for (const s of skipped) process.stderr.write(`skipped ${s.label}: ${s.reason}\n`);
const allRows: Row[] = [];
for (const problem of problems) {
  for (const impl of impls) {
    if (impl.only !== undefined && impl.only !== problem.name) continue;
    allRows.push({
      impl,
      problem,
      epochs: agreeEpochs(problem, impl),
      loss1: "",
      lossN: "",
      nsPerEpoch: [],
      median: NaN,
    });
  }
}
const rows = only === undefined ? allRows : selectRows(allRows, only);

for (let round = 0; round < settings.rounds; round++) {
  for (const row of rows) {
    // The losses come from the first round; later rounds train one epoch before timing.
    const m: Measurement = row.impl.run(row.problem, round === 0 ? row.epochs : 1, settings.batchMs, 1);
    if (round === 0) Object.assign(row, { loss1: m.loss1, lossN: m.lossN });
    row.nsPerEpoch.push(...m.nsPerEpoch);
    if (!smoke) {
      const ns = Math.round(m.nsPerEpoch[0]!);
      process.stderr.write(
        `round ${round + 1}/${settings.rounds} ${row.problem.name} ${row.impl.label}: ${ns} ns/epoch\n`,
      );
    }
  }
}
for (const row of rows) row.median = median(row.nsPerEpoch);

checkAgreement(rows);
const primitives: PrimitiveRow[] =
  only === undefined ? measurePrimitives(settings.primitiveMs, smoke ? 1 : 5) : [];
const memory: MemoryResult | undefined =
  only === undefined ? measureMemory(settings.memory.epochs, settings.memory.digits) : undefined;

const machine = {
  date: new Date().toISOString().slice(0, 10),
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? "unknown",
  node: process.version,
  smoke,
};
const report = markdownReport(rows, primitives, memory, machine);
process.stdout.write(report);
const file = join(
  outDir,
  `${smoke ? "bench-smoke" : `bench-${machine.date}`}${only === undefined ? "" : "-only"}.json`,
);
writeFileSync(
  file,
  JSON.stringify(
    {
      machine,
      rows: rows.map((r) => ({
        implementation: r.impl.id,
        label: r.impl.label,
        network: r.problem.name,
        epochs: r.epochs,
        loss1: r.loss1,
        lossN: r.lossN,
        nsPerEpoch: r.nsPerEpoch,
        medianNsPerEpoch: r.median,
        agreement: r.agreement,
      })),
      primitives,
      memory,
      targets: targetChecks(rows, memory, primitives),
    },
    null,
    2,
  ) + "\n",
);
process.stderr.write(`wrote ${file}\n`);
const disagreeing = rows.filter((r) => !r.agreement?.ok);
if (disagreeing.length > 0) {
  process.stderr.write(`${disagreeing.length} implementation(s) disagree; see the table\n`);
  process.exit(1);
}

/**
 * The rows named by `--only` (on every network they run on), the bench's C (the ×C
 * column's denominator) and the agreement reference of each row taken (`referenceOf`
 * among all rows), so that every row run is still checked.
 */
function selectRows(all: readonly Row[], ids: readonly string[]): Row[] {
  const known = new Set(all.map((r) => r.impl.id));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    process.stderr.write(
      `bench: --only: no row ${unknown.map((id) => `"${id}"`).join(", ")} (the rows: ${[...known].join(", ")})\n`,
    );
    process.exit(2);
  }
  const chosen = new Set(all.filter((r) => r.impl.id === "c" || ids.includes(r.impl.id)));
  // A Set's iteration visits what is added during it: the references' references too.
  for (const row of chosen) {
    const reference = referenceOf(row, all).reference;
    if (reference !== undefined) chosen.add(reference);
  }
  const extra = [...new Set([...chosen].map((r) => r.impl.id))].filter((id) => !ids.includes(id));
  if (extra.length > 0) process.stderr.write(`--only: also running ${extra.join(", ")} (×C and agreement)\n`);
  return all.filter((r) => chosen.has(r));
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Digits of relative accuracy the loss loses to cancellation in y − ŷ: L = ½ Σ (y − ŷ)²
 * with a relative error ε in ŷ changes by about 2ε·ȳ/ē relative to L (ȳ the mean |y|, ē
 * the rms residual √(2L/n)), so ⌊log10(2ȳ/ē)⌋ whole digits are lost. Small once a
 * network has learned its sample (8-16-16-4 reaches L ≈ 7·10⁻¹⁰ after 1000 epochs, and
 * every float64 implementation, C included, then keeps only 12 digits of it).
 */
function cancelledDigits(problem: BenchProblem, loss: string): number {
  const y = problem.spec.data[0]!.y.map(Number);
  const meanY = y.reduce((s, v) => s + Math.abs(v), 0) / y.length;
  const rms = Math.sqrt((2 * Number(loss)) / y.length);
  return Math.max(0, Math.floor(Math.log10((2 * meanY) / rms)));
}

/**
 * Each row against a reference with the same network and epochs: float64 rows against C
 * (15 digits), C against our most precise exact row (15 digits) and float32 likewise
 * (5 digits); exact rows (ours and mpmath) against our exact row of more digits, or,
 * lacking one, ours against mpmath at the same digits and mpmath against ours (the
 * row's digits minus 5). Each requirement is lowered by the digits the loss itself loses
 * to cancellation (`cancelledDigits`).
 */
function checkAgreement(all: Row[]): void {
  for (const row of all) {
    const { reference, required } = referenceOf(row, all);
    if (reference === undefined) {
      row.agreement = {
        digits1: 0,
        digitsN: 0,
        reference: "none",
        required1: required,
        requiredN: required,
        ok: false,
      };
      continue;
    }
    const cap = Math.min(row.impl.digits ?? 17, reference.impl.digits ?? 17);
    const digits = (a: string, b: string) => agreeingDigits(new Decimal(a), new Decimal(b), cap);
    const digits1 = digits(row.loss1, reference.loss1);
    const digitsN = digits(row.lossN, reference.lossN);
    const required1 = Math.min(cap, required - cancelledDigits(row.problem, reference.loss1));
    const requiredN = Math.min(cap, required - cancelledDigits(row.problem, reference.lossN));
    row.agreement = {
      digits1,
      digitsN,
      reference: reference.impl.label,
      required1,
      requiredN,
      ok: digits1 >= required1 && digitsN >= requiredN,
    };
  }
}

/** The row `row` is checked against among `all` (see `checkAgreement`), and the digits required before cancellation. */
function referenceOf(row: Row, all: readonly Row[]): { reference: Row | undefined; required: number } {
  const peers = all.filter((r) => r.problem === row.problem && r.epochs === row.epochs && r !== row);
  const exactOurs = peers
    .filter((r) => r.impl.kind === "exact" && r.impl.id.startsWith("exact"))
    .sort((a, b) => b.impl.digits! - a.impl.digits!);
  if (row.impl.kind === "float64" && row.impl.id !== "c") {
    return { reference: peers.find((r) => r.impl.id === "c"), required: 15 };
  }
  if (row.impl.kind !== "exact") {
    return { reference: exactOurs[0], required: row.impl.kind === "float64" ? 15 : 5 };
  }
  const ours = row.impl.id.startsWith("exact");
  const better = exactOurs.find((r) => r.impl.digits! > row.impl.digits!);
  const partner = ours ? `mpmath${row.impl.digits}` : `exact${row.impl.digits}`;
  return { reference: better ?? peers.find((r) => r.impl.id === partner), required: row.impl.digits! - 5 };
}

/**
 * `pnpm bench:startup`: how long bpcheck takes to start and finish typical commands on
 * the seed case, against `node -e 0` (Node's own start-up) on the same machine. Each
 * command runs once per round, rounds interleave the commands so that load on a shared
 * machine spreads over all of them, and the table shows each command's median and the
 * range of its rounds (fastest–slowest).
 *
 *   pnpm bench:startup               11 rounds
 *   pnpm bench:startup --rounds 25   more rounds, steadier medians
 *
 * It runs the repository's `bpcheck` (packages/cli/bin/bpcheck.js: the bundle the
 * released package ships, after a check that it is up to date), and `pnpm -s bpcheck`
 * for comparison, and `python3 -I -c 'import numpy'`, the start of the process `replay` runs
 * the published program in. Targets: `--help` within 4× `node -e 0`; the seed commands within
 * 0.5 s. Exits 0 whatever the timings (it measures; it does not judge a machine).
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BIN = fileURLToPath(new URL("../../packages/cli/bin/bpcheck.js", import.meta.url));
const flag = process.argv.indexOf("--rounds");
const rounds = flag > 0 ? Number(process.argv[flag + 1]) : 11;
if (!Number.isInteger(rounds) || rounds < 1) {
  process.stderr.write("bench:startup: --rounds expects a positive integer\n");
  process.exit(2);
}

interface Subject {
  readonly label: string;
  readonly command: string;
  readonly args: readonly string[];
  /** The target in milliseconds, or as a multiple of `node -e 0` (null: none). */
  readonly target: { readonly ms: number } | { readonly timesNode: number } | null;
}

const bpcheck = (args: string, target: Subject["target"]): Subject => ({
  label: `bpcheck ${args}`,
  command: process.execPath,
  args: [BIN, ...args.split(" ")],
  target,
});
const SEED = { ms: 500 };
const subjects: Subject[] = [
  { label: "node -e 0", command: process.execPath, args: ["-e", "0"], target: null },
  bpcheck("--version", { timesNode: 4 }),
  bpcheck("--help", { timesNode: 4 }),
  bpcheck("help train", null),
  bpcheck("run", SEED),
  bpcheck("run --mode float64", SEED),
  bpcheck("compare", SEED),
  bpcheck("train --mode float64", SEED),
  bpcheck("gradcheck --mode float32", SEED),
  bpcheck("graph", SEED),
  bpcheck("errata", SEED),
  bpcheck("replay", SEED),
  // replay's floor: the Python process it starts, with numpy imported and nothing run.
  {
    label: "python3 -I -c 'import numpy'",
    command: "python3",
    args: ["-I", "-c", "import numpy"],
    target: null,
  },
  bpcheck("validate", SEED),
  { label: "pnpm -s bpcheck --help", command: "pnpm", args: ["-s", "bpcheck", "--help"], target: null },
];

function timeOnce(s: Subject): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(s.command, s.args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && !(r.status === 1 && s.label.includes("errata"))) {
    throw new Error(`${s.label} exited ${r.status}: ${r.stderr}`);
  }
  return ms;
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

// One warm-up round: rebuilds the bundle if a source changed, fills the file cache.
for (const s of subjects) timeOnce(s);
const times = new Map(subjects.map((s) => [s, [] as number[]]));
for (let r = 0; r < rounds; r++) for (const s of subjects) times.get(s)!.push(timeOnce(s));

const node = median(times.get(subjects[0]!)!);
const rows = subjects.map((s) => {
  const m = median(times.get(s)!);
  const target =
    s.target === null ? "" : "ms" in s.target ? `≤ ${s.target.ms} ms` : `≤ ${s.target.timesNode}× node`;
  const met =
    s.target === null
      ? ""
      : ("ms" in s.target ? m <= s.target.ms : m <= s.target.timesNode * node)
        ? "yes"
        : "no";
  const sorted = [...times.get(s)!].sort((a, b) => a - b);
  const range = `${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)}`;
  return [s.label, m.toFixed(0), range, (m / node).toFixed(2), target, met];
});
const head = ["command", "median ms", "range ms", "× node -e 0", "target", "met"];
const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => [...r[c]!].length)));
const line = (cells: readonly string[]) =>
  `| ${cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join(" | ")} |`;
process.stdout.write(
  [
    `Start-up on the seed case: medians of ${rounds} rounds (node ${process.version})`,
    "",
    line(head),
    `|${widths.map((w, c) => (c === 0 ? `${"-".repeat(w + 1)}-` : `${"-".repeat(w + 1)}:`)).join("|")}|`,
    ...rows.map(line),
    "",
  ].join("\n"),
);

/**
 * Runs bpcheck at each documented maximum (the largest network, the most samples, the
 * most epochs, published numbers, symbols, the longest numbers, the deepest nesting) and
 * records each run's time, peak memory (maximum resident set size) and exit code, one
 * child process per limit so that the peaks are each its own.
 *
 *   node --import tsx --conditions=@bpcheck/source scripts/bench/limits.ts [name …]
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { applyV8Flags, inProcessIo, run } from "@bpcheck/cli";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";

// The commands run in this process as the bin runs them.
applyV8Flags();

const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));

function network(widths: number[], samples = 1, batch = "sgd") {
  const w = (j: number, i: number) => ((((j * 7 + i * 13) % 19) - 9) / 100).toFixed(2);
  return {
    ...seed,
    id: "limits",
    published: [],
    symbols: {},
    network: {
      inputs: widths[0],
      loss: "half-sse",
      layers: widths.slice(1).map((out, l) => ({
        activation: "sigmoid",
        weights: Array.from({ length: out }, (_, j) => Array.from({ length: widths[l]! }, (_, i) => w(j, i))),
        biases: null,
      })),
    },
    data: Array.from({ length: samples }, (_, n) => ({
      x: Array.from({ length: widths[0]! }, (_, i) => String(((n + i) % 10) / 10)),
      y: Array.from({ length: widths[widths.length - 1]! }, () => "0.5"),
    })),
    training: { ...seed.training, epochs: 1, batch },
  };
}

const largest = [256, ...Array.from({ length: 16 }, () => 256)];
// The largest network's float64 step holds about 5 GiB, over the 2 GiB budget and Node's
// default heap, and takes over a minute to show: run with the budgets and the heap raised
// (`node` flags of the child), and refused without.
const BIG_HEAP = ["--max-old-space-size=8192"];
const LIMITS: Record<string, { argv: string[]; stdin?: () => string; node?: string[] }> = {
  "16 layers × 256 units, run float64 (refused)": {
    argv: ["run", "-", "--mode", "float64"],
    stdin: () => JSON.stringify(network(largest)),
  },
  "16 layers × 256 units, run float64, 6 GiB": {
    argv: ["run", "-", "--mode", "float64", "--max-memory", "6144", "--max-seconds", "600"],
    stdin: () => JSON.stringify(network(largest)),
    node: BIG_HEAP,
  },
  "16 layers × 256 units, run --json float64, 6 GiB": {
    argv: ["run", "-", "--mode", "float64", "--json", "--max-memory", "6144", "--max-seconds", "600"],
    stdin: () => JSON.stringify(network(largest)),
    node: BIG_HEAP,
  },
  "256-256-256-1, run --digits 1000 (refused)": {
    argv: ["run", "-", "--digits", "1000"],
    stdin: () => JSON.stringify(network([256, 256, 256, 1])),
  },
  "16 layers × 256 units, graph (refused)": {
    argv: ["graph", "-", "--mode", "float64"],
    stdin: () => JSON.stringify(network(largest)),
  },
  "10,000 samples full batch, run float64": {
    argv: ["run", "-", "--mode", "float64"],
    stdin: () => JSON.stringify(network([2, 2, 1], 10_000, "full-batch")),
  },
  "1,000,000 epochs, train float64": { argv: ["train", "--mode", "float64", "--epochs", "1000000"] },
  "2000 digits, run exact": { argv: ["run", "--digits", "2000"] },
  "10,000 symbols, run": {
    argv: ["run", "-"],
    stdin: () =>
      JSON.stringify({
        ...seed,
        symbols: {
          ...seed.symbols,
          ...Object.fromEntries(
            Array.from({ length: 9990 }, (_, k) => [`extra${k}`, { quantity: "loss", description: "x" }]),
          ),
        },
      }),
  },
  "10,000 published numbers, validate": {
    argv: ["validate", "-"],
    stdin: () =>
      JSON.stringify({
        ...seed,
        published: Array.from({ length: 10_000 }, (_, k) => ({ ...seed.published[0], id: `p${k}` })),
      }),
  },
  "2100-character weights, run exact": {
    argv: ["run", "-"],
    stdin: () => {
      const c = structuredClone(seed);
      c.network.layers[0].weights = c.network.layers[0].weights.map((r: string[]) =>
        r.map(() => `0.${"3".repeat(2098)}`),
      );
      return JSON.stringify(c);
    },
  },
  "nesting 64 deep (refused at 65)": {
    argv: ["run", "-"],
    stdin: () =>
      JSON.stringify(seed).replace('"title":', `"deep":${"[".repeat(65)}${"]".repeat(65)},"title":`),
  },
};

async function child(name: string): Promise<void> {
  const limit = LIMITS[name]!;
  const stdin = limit.stdin?.() ?? "";
  let outChars = 0;
  let err = "";
  const io = inProcessIo({
    stdout: (s) => void (outChars += s.length),
    stderr: (s) => void (err += s),
    readStdin: async () => stdin,
  });
  const start = performance.now();
  const code = await run(limit.argv, io);
  const seconds = (performance.now() - start) / 1000;
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ code, seconds, peakMiB, outChars, err: err.slice(0, 160) }));
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else {
  const names = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(LIMITS);
  const self = fileURLToPath(import.meta.url);
  console.log("limit                                         exit   time      peak memory  output");
  for (const name of names) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, ...(LIMITS[name]?.node ?? []), self, "--child", name],
      {
        encoding: "utf8",
        maxBuffer: 1 << 24,
      },
    );
    const line = r.stdout.trim().split("\n").pop() ?? "";
    try {
      const m = JSON.parse(line);
      console.log(
        `${name.padEnd(46)}${String(m.code).padStart(4)}  ${m.seconds.toFixed(1).padStart(6)} s  ${m.peakMiB.toFixed(0).padStart(7)} MiB  ${m.outChars} chars ${m.err ? `(${m.err.trim()})` : ""}`,
      );
    } catch {
      console.log(`${name.padEnd(46)} failed: ${(r.stderr || line).slice(0, 200)}`);
    }
  }
}

import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { float32, float64, instantiate, train, type Field } from "@bpcheck/core";
import { BALL_GUARD_DIGITS, ballField, decimalField } from "@bpcheck/exact";
import { train as trainGeneric } from "../../packages/core/src/train.ts";
import { baselineInput, seed, type BenchProblem } from "./problems.ts";

/** What one implementation reports: the losses of epochs 1 and N, and ns/epoch of each timing batch. */
export interface Measurement {
  readonly loss1: string;
  readonly lossN: string;
  readonly nsPerEpoch: readonly number[];
}

export type Kind = "float64" | "float32" | "exact";

export interface Implementation {
  readonly id: string;
  readonly label: string;
  readonly kind: Kind;
  /** Working precision in significant digits (exact kinds). */
  readonly digits?: number;
  /** The one network it is written for (a hand-written baseline), or undefined for every network. */
  readonly only?: string;
  /** Trains `agree` epochs for the losses, then times `batches` batches of at least `batchMs` each. */
  run(problem: BenchProblem, agree: number, batchMs: number, batches: number): Measurement;
}

/** Our engine as users call it: instantiate the case in a field, then `train`. */
function engine(
  id: string,
  label: string,
  kind: Kind,
  field: () => Field<unknown>,
  trainer: typeof train = train,
  digits?: number,
): Implementation {
  return {
    id,
    label,
    kind,
    ...(digits === undefined ? {} : { digits }),
    run(problem, agree, batchMs, batches) {
      const F = field();
      const p = instantiate(F, problem.spec);
      const epochs = (n: number) => trainer(F, p.network, p.samples, { ...p.training, epochs: n });
      const curve = epochs(agree).lossCurve;
      const time = (n: number) => {
        const start = process.hrtime.bigint();
        epochs(n);
        return Number(process.hrtime.bigint() - start);
      };
      let perBatch = 1;
      while (time(perBatch) < batchMs * 1e6) perBatch *= 2;
      const nsPerEpoch = Array.from({ length: batches }, () => time(perBatch) / perBatch);
      return { loss1: F.toString(curve[0]), lossN: F.toString(curve[agree - 1]), nsPerEpoch };
    },
  };
}

function external(
  id: string,
  label: string,
  kind: Kind,
  command: (
    input: { json: string; text: string },
    agree: number,
    batchMs: number,
    batches: number,
  ) => string[],
  stdin: (input: { json: string; text: string }, agree: number, batchMs: number, batches: number) => string,
  digits?: number,
  only?: string,
): Implementation {
  return {
    id,
    label,
    kind,
    ...(digits === undefined ? {} : { digits }),
    ...(only === undefined ? {} : { only }),
    run(problem, agree, batchMs, batches) {
      const input = baselineInput(problem);
      const [cmd, ...args] = command(input, agree, batchMs, batches);
      const r = spawnSync(cmd!, args, {
        input: stdin(input, agree, batchMs, batches),
        encoding: "utf8",
        maxBuffer: 1 << 24,
      });
      if (r.status !== 0) throw new Error(`${label} failed (${r.status}): ${r.stderr || r.error?.message}`);
      return JSON.parse(r.stdout) as Measurement;
    },
  };
}

/** A baseline the harness could not build, and why. */
export interface Skipped {
  readonly label: string;
  readonly reason: string;
}

/** Compiles a C baseline with gcc -O2; the error text when it fails. */
function compileC(
  dir: string,
  name: string,
  libraries: readonly string[],
): { binary: string; error?: string } {
  const binary = join(dir, name);
  const source = join(import.meta.dirname, `${name}.c`);
  const r = spawnSync("gcc", ["-O2", "-o", binary, source, ...libraries, "-lm"], { encoding: "utf8" });
  return r.status === 0
    ? { binary }
    : { binary, error: (r.stderr || r.error?.message || "").split("\n")[0]! };
}

/** Digits of the exact rows. */
const EXACT_DIGITS = [50, 100, 1000];
/** Digits of the rows written for the seed network only (MPFR, plain mpmath, the CLI's exact mode). */
const SEED_DIGITS = [50, 1000];

/** Every implementation the harness compares; `dir` holds build products and problem files. */
export function implementations(dir: string): { list: Implementation[]; skipped: Skipped[] } {
  const skipped: Skipped[] = [];
  const c = compileC(dir, "mlp", []);
  if (c.error !== undefined) throw new Error(`gcc failed: ${c.error}`);
  const binary = c.binary;
  const seedLoop = compileC(dir, "seed-loop", []);
  if (seedLoop.error !== undefined) throw new Error(`gcc failed: ${seedLoop.error}`);
  const mpfr = compileC(dir, "seed-mpfr", ["-lmpfr", "-lgmp"]);
  if (mpfr.error !== undefined) {
    skipped.push({
      label: "MPFR (C)",
      reason: `not built (install the Debian package libmpfr-dev): ${mpfr.error}`,
    });
  }
  const baselines = join(import.meta.dirname, "baselines.py");
  const problemFile = (input: { json: string }) => {
    const file = join(dir, `problem-${input.json.length}-${hash(input.json)}.json`);
    writeFileSync(file, input.json);
    return file;
  };
  const python = (impl: string, digits?: number, only?: string): Implementation =>
    external(
      `${impl}${digits ?? ""}`,
      impl === "mpmath"
        ? `mpmath, ${digits} digits`
        : impl === "mpmath-seed"
          ? `mpmath, ${digits} digits, one line per operation (seed)`
          : impl === "numpy"
            ? "numpy (tutorial style, np.dot)"
            : "Python floats",
      impl.startsWith("mpmath") ? "exact" : "float64",
      (input, agree, batchMs, batches) => [
        "python3",
        baselines,
        impl,
        problemFile(input),
        String(agree),
        String(batchMs),
        String(batches),
        ...(digits === undefined ? [] : [String(digits)]),
      ],
      () => "",
      digits,
      only,
    );
  const list: Implementation[] = [
    external(
      "c",
      "C (gcc -O2)",
      "float64",
      () => [binary],
      (input, agree, batchMs, batches) => `${input.text}\n${agree} ${batchMs} ${batches}\n`,
    ),
    external(
      "c-seed",
      "C, hand-written for the seed (gcc -O2)",
      "float64",
      () => [seedLoop.binary],
      (input, agree, batchMs, batches) => `${input.text}\n${agree} ${batchMs} ${batches}\n`,
      undefined,
      seed.name,
    ),
    engine("float64", "bpcheck float64 (train)", "float64", () => float64 as Field<unknown>),
    cliTrain("float64", undefined),
    engine(
      "float64-generic",
      "bpcheck float64, generic Field path",
      "float64",
      () => float64 as Field<unknown>,
      trainGeneric as typeof train,
    ),
    engine("float32", "bpcheck float32", "float32", () => float32 as Field<unknown>),
    python("numpy"),
    python("python"),
    ...EXACT_DIGITS.flatMap((d) => [
      engine(
        `exact${d}`,
        `bpcheck exact, ${d} digits (ball arithmetic)`,
        "exact",
        // What the CLI's exact mode trains in: the ball field at d + its guard digits.
        () => ballField(d + BALL_GUARD_DIGITS) as Field<unknown>,
        train,
        d,
      ),
      engine(
        `decimal${d}`,
        `bpcheck decimal field, ${d} digits (no error bound)`,
        "exact",
        () => decimalField(d) as Field<unknown>,
        train,
        d,
      ),
      python("mpmath", d),
      ...(SEED_DIGITS.includes(d)
        ? [
            cliTrain("exact", d),
            python("mpmath-seed", d, seed.name),
            ...(mpfr.error === undefined
              ? [
                  external(
                    `mpfr${d}`,
                    `MPFR (C), ${d} digits (seed)`,
                    "exact",
                    () => [mpfr.binary],
                    (input, agree, batchMs, batches) =>
                      `${d}\n${input.text}\n${agree} ${batchMs} ${batches}\n`,
                    d,
                    seed.name,
                  ),
                ]
              : []),
          ]
        : []),
    ]),
  ];
  return { list, skipped };
}

/** The repository's `bpcheck`: the released bundle, rebuilt first when a source changed (as `pnpm bpcheck` runs it). */
const CLI_BIN = join(import.meta.dirname, "../../packages/cli/bin/bpcheck.js");

/**
 * `bpcheck train` as users run it: a whole process of the installed bundle (start-up, loading the seed case,
 * training, the exact mode's certification, the JSON output), on the seed network (the
 * embedded case; the command reads case files, not the harness's problems). The time
 * per epoch is the difference between a run of E epochs and a run of 1, over E − 1, so
 * start-up is left out; `processMs` keeps the whole run of E epochs.
 */
function cliTrain(mode: "exact" | "float64", digits: number | undefined): Implementation {
  const train = (epochs: number): { ns: number; loss: string[] } => {
    const args = [CLI_BIN, "train", "--mode", mode];
    if (digits !== undefined) args.push("--digits", String(digits));
    args.push("--epochs", String(epochs), "--json");
    const start = process.hrtime.bigint();
    const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 28 });
    const ns = Number(process.hrtime.bigint() - start);
    if (r.status !== 0) throw new Error(`bpcheck train failed (${r.status}): ${r.stderr}`);
    const doc = JSON.parse(r.stdout) as { runs: { loss: (string | null)[] }[] };
    return { ns, loss: doc.runs[0]!.loss.map((l) => l ?? "NaN") };
  };
  return {
    id: `cli-${mode}${digits ?? ""}`,
    label: `bpcheck train --mode ${mode}${digits === undefined ? "" : ` --digits ${digits}`} (process)`,
    kind: mode,
    ...(digits === undefined ? {} : { digits }),
    only: seed.name,
    run(_problem, agree, batchMs, batches) {
      const first = train(agree);
      const curve = first.loss;
      // The smoke run only checks that the command runs and agrees: one process.
      if (batchMs < 10) return { loss1: curve[0]!, lossN: curve[agree - 1]!, nsPerEpoch: [first.ns / agree] };
      // Enough epochs that training outlasts start-up (about 1–2 s of work on a quiet machine).
      const epochs = mode === "float64" ? 100_000 : digits! >= 1000 ? 300 : 5000;
      const nsPerEpoch = Array.from({ length: batches }, () => {
        const startUp = train(1).ns;
        return Math.max(0, train(epochs).ns - startUp) / (epochs - 1);
      });
      return { loss1: curve[0]!, lossN: curve[agree - 1]!, nsPerEpoch };
    },
  };
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h.toString(16);
}

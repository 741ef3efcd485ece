import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { float32, float64, instantiate, train, type Field } from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import type Decimal from "decimal.js";
import { train as trainGeneric } from "../../packages/core/src/train.ts";
import { baselineInput, type BenchProblem } from "./problems.ts";

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

/** decimal.js's own exp in the exact field: the exact mode as it was before `exactExp`. */
function decimalJsExpField(digits: number): Field<unknown> {
  const F = decimalField(digits);
  const exp = (a: Decimal) => (a.constructor as Decimal.Constructor).exp(a);
  return { ...F, exp } as Field<unknown>;
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
): Implementation {
  return {
    id,
    label,
    kind,
    ...(digits === undefined ? {} : { digits }),
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

/** Every implementation the harness compares; `dir` holds build products and problem files. */
export function implementations(dir: string): Implementation[] {
  const binary = join(dir, "mlp");
  const compile = spawnSync("gcc", ["-O2", "-o", binary, join(import.meta.dirname, "mlp.c"), "-lm"], {
    encoding: "utf8",
  });
  if (compile.status !== 0) throw new Error(`gcc failed: ${compile.stderr}`);
  const baselines = join(import.meta.dirname, "baselines.py");
  const problemFile = (input: { json: string }) => {
    const file = join(dir, `problem-${input.json.length}-${hash(input.json)}.json`);
    writeFileSync(file, input.json);
    return file;
  };
  const python = (impl: string, digits?: number): Implementation =>
    external(
      `${impl}${digits ?? ""}`,
      impl === "mpmath"
        ? `mpmath, ${digits} digits`
        : impl === "numpy"
          ? "numpy (tutorial style, np.dot)"
          : "Python floats",
      impl === "mpmath" ? "exact" : "float64",
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
    );
  return [
    external(
      "c",
      "C (gcc -O2)",
      "float64",
      () => [binary],
      (input, agree, batchMs, batches) => `${input.text}\n${agree} ${batchMs} ${batches}\n`,
    ),
    engine("float64", "bpcheck float64 (train)", "float64", () => float64 as Field<unknown>),
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
    ...[50, 100, 1000].flatMap((d) => [
      engine(
        `exact${d}`,
        `bpcheck exact, ${d} digits`,
        "exact",
        () => decimalField(d) as Field<unknown>,
        train,
        d,
      ),
      // decimal.js's exp costs about a second per epoch at 1000 digits; the exp table shows it.
      ...(d < 1000
        ? [
            engine(
              `exact${d}-decimaljs-exp`,
              `bpcheck exact, ${d} digits, decimal.js exp`,
              "exact",
              () => decimalJsExpField(d),
              train,
              d,
            ),
          ]
        : []),
      python("mpmath", d),
    ]),
  ];
}

function hash(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) >>> 0;
  return h.toString(16);
}

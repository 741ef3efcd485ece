/**
 * Measures the tables behind the cost model (`EXACT_TABLE` and `FLOAT_COSTS` in
 * packages/exact/src/exact-cost.ts): for each number system, microseconds per weight and
 * per unit of one training pass (forward, backward and update over one sample), solved
 * from the time of an epoch of a wide network (many weights per unit) and of a deep
 * narrow one (few). Then it checks the model against real runs of what the commands do
 * (the ratio estimate / measured should lie within 0.5–2).
 *
 *   pnpm exec tsx --conditions=@bpcheck/source scripts/bench/exact-cost-table.ts [--check-only]
 */
import {
  deriveFirstStep,
  float32,
  float64,
  instantiate,
  train,
  type Field,
  type ProblemSpec,
} from "@bpcheck/core";
import {
  certify,
  compareFirstStep,
  costSeconds,
  decimalField,
  gradientReport,
  networkSize,
  trainModes,
  type CostMode,
  type Work,
} from "@bpcheck/exact";
import { randomNetwork, seed } from "./problems.ts";

// The two networks the table is solved from: few weights per unit, and many.
const small = seed;
const wide = randomNetwork([8, 16, 16, 4]);

function epochMs<T>(F: Field<T>, spec: ProblemSpec, minMs = 300): number {
  const p = instantiate(F, spec);
  train(F, p.network, p.samples, { ...p.training, epochs: 1 });
  let epochs = 1;
  for (;;) {
    const start = performance.now();
    train(F, p.network, p.samples, { ...p.training, epochs });
    const ms = performance.now() - start;
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

if (!process.argv.includes("--check-only")) {
  console.log("EXACT_TABLE (digits, µs per weight, µs per unit):");
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

/** Real runs of what the commands compute, against the model's estimate. */
function check(what: string, spec: ProblemSpec, work: Work[], runIt: () => unknown): void {
  const start = performance.now();
  runIt();
  const seconds = (performance.now() - start) / 1000;
  const estimate = costSeconds(spec, work);
  console.log(
    `${what.padEnd(44)} measured ${seconds.toFixed(2).padStart(7)} s  estimate ${estimate.toFixed(2).padStart(7)} s  ratio ${(estimate / seconds).toFixed(2)}`,
  );
}

const withEpochs = (spec: ProblemSpec, epochs: number): ProblemSpec => ({
  ...spec,
  training: { ...spec.training, epochs },
});
const trainWork = (spec: ProblemSpec, digits: number, epochs: number, mode: CostMode = "exact"): Work[] =>
  mode === "exact"
    ? [
        { mode, digits, passes: epochs * spec.data.length },
        { mode, digits: 2 * digits, passes: epochs * spec.data.length },
      ]
    : [{ mode, digits, passes: epochs * spec.data.length }];

console.log("\nThe model against real runs (ratio = estimate / measured):");
for (const [spec, name, digits, epochs] of [
  [seed.spec, "seed", 50, 13_000],
  [seed.spec, "seed", 200, 3000],
  [seed.spec, "seed", 2000, 20],
  [randomNetwork([8, 16, 16, 4]).spec, "8-16-16-4", 50, 300],
  [randomNetwork([8, 16, 16, 4]).spec, "8-16-16-4", 1000, 3],
] as const) {
  const s = withEpochs(spec, epochs);
  check(`train ${name}, ${epochs} epochs, exact ${digits}`, s, trainWork(s, digits, epochs), () =>
    trainModes(s, ["exact"], digits),
  );
}
const big = randomNetwork([64, 64, 8]).spec;
check(
  "train 64-64-8, 20000 epochs, float64",
  withEpochs(big, 20_000),
  trainWork(big, 0, 20_000, "float64-kernel"),
  () => trainModes(withEpochs(big, 20_000), ["float64"], 50),
);
check("train 64-64-8, 300 epochs, float32", withEpochs(big, 300), trainWork(big, 0, 300, "float32"), () =>
  trainModes(withEpochs(big, 300), ["float32"], 50),
);
check(
  "run 64-64-8, exact 1000 (certified)",
  big,
  [
    { mode: "exact", digits: 1000, passes: 1 },
    { mode: "exact", digits: 2000, passes: 1 },
  ],
  () => certify((F) => deriveFirstStep(F, instantiate(F, big)).quantities, 1000),
);
check(
  "compare step 64-64-8, 500 digits",
  big,
  [
    { mode: "exact", digits: 500, passes: 1 },
    { mode: "exact", digits: 1000, passes: 1 },
  ],
  () => compareFirstStep(big, 500),
);
const gradcheckWork = (spec: ProblemSpec, mode: CostMode, digits: number): Work[] => [
  { mode, digits, passes: spec.data.length * (2 + 2 * networkSize(spec).weights) },
];
const wider = randomNetwork([32, 32, 1]).spec;
check("gradcheck 32-32-1, float64", wider, gradcheckWork(wider, "float64", 0), () =>
  gradientReport(wider, "float64", 50, "1e-6"),
);
check(
  "gradcheck 8-16-16-4, exact 50",
  randomNetwork([8, 16, 16, 4]).spec,
  gradcheckWork(randomNetwork([8, 16, 16, 4]).spec, "exact", 50),
  () => gradientReport(randomNetwork([8, 16, 16, 4]).spec, "exact", 50, "1e-20"),
);

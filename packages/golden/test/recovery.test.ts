import { kindOf, mustParse, type ActivationName, type LossName, type ProblemSpec } from "@bpcheck/core";
import Decimal from "decimal.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  HABITS,
  Planter,
  classifyCase,
  matchesPrinted,
  printSignificant,
  syntheticCase,
} from "../src/index.ts";
import { roundedQuantities } from "../src/reference-derivation.ts";

/**
 * Plants each cause, computed by the engine, into random networks of several shapes,
 * activations and losses — alone, and in pairs with a convention — and requires the
 * classifier to recover it with the right cause and to flag nothing on the correct
 * numbers. The recovery rate per cause is printed (the README's table is this output)
 * and must reach MIN_RECOVERY.
 */
const TRIALS = 6;
const MIN_RECOVERY = 0.8;
const DIGITS = 4;

/** mulberry32: deterministic trials. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES = [
  [2, 2, 1],
  [2, 2, 2],
  [3, 2, 2],
  [2, 3, 2, 1],
] as const;
const HIDDEN: readonly ActivationName[] = ["sigmoid", "tanh"];
const LOSSES: readonly LossName[] = ["half-sse", "mse", "bce"];

function randomProblem(next: () => number): ProblemSpec {
  const widths = SHAPES[Math.floor(next() * SHAPES.length)]!;
  const loss = LOSSES[Math.floor(next() * LOSSES.length)]!;
  const hidden = HIDDEN[Math.floor(next() * HIDDEN.length)]!;
  const num = (lim: number) => (Math.round((2 * next() - 1) * lim * 100) / 100 || 0.07).toString();
  const layers = widths.slice(1).map((out, l) => ({
    activation: l === widths.length - 2 ? ("sigmoid" as const) : hidden,
    weights: Array.from({ length: out }, () => Array.from({ length: widths[l]! }, () => num(1))),
    biases: Array.from({ length: out }, () => num(0.5)),
  }));
  return {
    network: { inputs: widths[0]!, layers, loss },
    data: [
      {
        x: Array.from({ length: widths[0]! }, () => num(1)),
        y: Array.from({ length: widths.at(-1)! }, () => String(Math.round((0.1 + 0.8 * next()) * 10) / 10)),
      },
    ],
    training: {
      learningRate: next() < 0.5 ? "0.1" : "0.5",
      epochs: 1,
      batch: "sgd",
      updateOrder: "simultaneous",
      updateBiases: true,
    },
  };
}

/** The published quantities: forward, loss, deltas, gradients, updated parameters (at most 16). */
function chosen(p: Planter, next: () => number): string[] {
  // The givens are not printed results; the parts written down on the way (each product of
  // z, softmax's exponentials, 1 − a, the step α·dW) are left out too, so that the 16 numbers
  // are drawn from the quantities a planted cause changes.
  const names = p.names.filter((q) => !/^(x|y|W|b)\[/.test(q) && !kindOf(mustParse(q)).part);
  const shuffled = names.map((q) => [next(), q] as const).sort((a, b) => a[0] - b[0]);
  const keep = new Set(shuffled.slice(0, 16).map(([, q]) => q));
  return names.filter((q) => keep.has(q));
}

type Printed = [string, string][];
interface Plant {
  readonly printed: Printed;
  /** Indices whose verdict must be `verdict` with `cause`. */
  readonly planted: readonly number[];
  /** Indices printed correctly as declared (must be ok). */
  readonly correct: readonly number[];
}
type Planting = (p: Planter, qs: readonly string[], next: () => number) => Plant | null;

const show = (v: Decimal) => printSignificant(v, DIGITS);
const correctly = (p: Planter, qs: readonly string[]): Printed => qs.map((q) => [q, show(p.value(q))]);

/** A convention throughout: every number printed in the departure's world. */
const convention =
  (key: string): Planting =>
  (p, qs) => {
    let printed: Printed;
    try {
      printed = qs.map((q) => [q, show(p.value(q, [key]))]);
    } catch {
      return null; // the departure does not apply (no biases, a matrix that does not transpose)
    }
    const planted = qs.flatMap((q, n) => (matchesPrinted(p.value(q), printed[n]![1]) ? [] : [n]));
    const correct = qs.flatMap((_, n) => (planted.includes(n) ? [] : [n]));
    return planted.length >= 2 ? { printed, planted, correct } : null;
  };

/** One number printed in another world (or altered), the others correct. */
const single =
  (
    pick: (q: string) => boolean,
    value: (p: Planter, q: string, qs: readonly string[]) => string | null,
  ): Planting =>
  (p, qs, next) => {
    const candidates = qs.filter(pick);
    if (candidates.length === 0) return null;
    const q = candidates[Math.floor(next() * candidates.length)]!;
    const v = value(p, q, qs);
    if (v === null || matchesPrinted(p.value(q), v)) return null;
    const printed = correctly(p, qs);
    const n = qs.indexOf(q);
    printed[n] = [q, v];
    return { printed, planted: [n], correct: qs.flatMap((_, k) => (k === n ? [] : [k])) };
  };

const inWorld = (key: string) => (p: Planter, q: string) => {
  try {
    return show(p.value(q, [key]));
  } catch {
    return null;
  }
};
const kind =
  (...kinds: string[]) =>
  (q: string) =>
    kinds.some((k) => q.startsWith(`${k}[`) || q === k);
/** A slip in the second significant digit: never a rounding. */
const slip = (p: Planter, q: string) =>
  show(p.value(q)).replace(
    /([1-9]\.?0*)(\d)/,
    (_, lead: string, d: string) => `${lead}${(Number(d) + 5) % 10}`,
  );
const transposed = (q: string) => {
  const m = /^(dW|W')\[(\d+)\]\[(\d+)\]\[(\d+)\]$/.exec(q);
  return m === null || m[3] === m[4] ? null : `${m[1]}[${m[2]}][${m[4]}][${m[3]}]`;
};

const plantings: Record<string, [cause: string, verdict: string, plant: Planting]> = {
  "update-order (convention)": ["update-order", "convention", convention("update-order:sequential")],
  "learning-rate (convention)": ["learning-rate", "convention", convention("learning-rate:1")],
  "delta-sign (convention)": ["delta-sign", "convention", convention("delta-sign:other")],
  "gradient-sign (convention)": ["gradient-sign", "convention", convention("gradient-sign:other")],
  "bias-update (convention)": ["bias-update", "convention", convention("bias-update:frozen")],
  "transposed-index (convention)": ["transposed-index", "convention", convention("transposed-index:0")],
  "rounding-chain": [
    "rounding-chain",
    "rounding-drift",
    (p, qs) => {
      const habit = HABITS.find((h) => h.key === "decimals:2")!;
      const printed: Printed = qs.map((q) => [q, show(p.value(q, [], habit))]);
      const planted = qs.flatMap((q, n) => (matchesPrinted(p.value(q), printed[n]![1]) ? [] : [n]));
      const correct = qs.flatMap((_, n) => (planted.includes(n) ? [] : [n]));
      return planted.length >= 2 ? { printed, planted, correct } : null;
    },
  ],
  "rounding-chain (a truncating source)": [
    "rounding-chain",
    "rounding-drift",
    (p, qs) => {
      // Every number cut (toward zero) at its 4 significant digits instead of rounded.
      const cut = (v: Decimal) => printSignificant(v.toSignificantDigits(DIGITS, Decimal.ROUND_DOWN), DIGITS);
      const printed: Printed = qs.map((q) => [q, cut(p.value(q))]);
      const planted = qs.flatMap((q, n) => (matchesPrinted(p.value(q), printed[n]![1]) ? [] : [n]));
      const correct = qs.flatMap((_, n) => (planted.includes(n) ? [] : [n]));
      return planted.length >= 2 ? { printed, planted, correct } : null;
    },
  ],
  "printed-operands": [
    "printed-operands",
    "rounding-drift",
    (p, qs) => {
      const last = p.spec.network.layers.length - 1;
      const out = `a[${last}][0]`;
      const printed: Printed = [[out, new Decimal(p.value(out)).toFixed(2)]];
      const later = qs.filter((q) => /^(dW|W')\[/.test(q));
      for (const q of later) printed.push([q, show(p.fromPrinted(q, printed))]);
      const planted = later.flatMap((q, n) =>
        matchesPrinted(p.value(q), printed[n + 1]![1]) ? [] : [n + 1],
      );
      return planted.length >= 1 ? { printed, planted, correct: [] } : null;
    },
  ],
  "rounded-intermediates": [
    "rounded-intermediates",
    "rounding-drift",
    single(kind("dW"), (p, q) => {
      const v = roundedQuantities(p.spec, 3).get(q)!;
      const exact = p.value(q);
      // Drift is wrong in the last digits only (within 1%, the classifier's limit).
      return v.minus(exact).abs().gt(exact.abs().times(0.01)) ? null : show(v);
    }),
  ],
  "update-order (one number)": [
    "update-order",
    "erratum",
    single(kind("W'", "delta"), inWorld("update-order:sequential")),
  ],
  "learning-rate (one number)": [
    "learning-rate",
    "erratum",
    single(kind("W'", "b'"), inWorld("learning-rate:1")),
  ],
  "bias-update (one number)": ["bias-update", "erratum", single(kind("b'"), inWorld("bias-update:frozen"))],
  "delta-sign (one number)": ["delta-sign", "erratum", single(kind("delta"), inWorld("delta-sign:other"))],
  "gradient-sign (one number)": [
    "gradient-sign",
    "erratum",
    single(kind("dW", "db"), inWorld("gradient-sign:other")),
  ],
  "transposed-index (one number)": [
    "transposed-index",
    "erratum",
    single(
      (q) => transposed(q) !== null,
      (p, q) => {
        const t = transposed(q)!;
        return p.names.includes(t) ? show(p.value(t)) : null;
      },
    ),
  ],
  formula: [
    "formula",
    "erratum",
    (p, qs, next) =>
      single(kind("loss"), inWorld("formula:sse"))(p, qs.includes("loss") ? qs : ["loss", ...qs], next),
  ],
  sign: ["sign", "erratum", single(kind("W'", "z"), (p, q) => show(p.value(q).neg()))],
  "carried-forward": [
    "carried-forward",
    "erratum",
    (p, qs) => {
      const grad = p.names.find((q) => q.startsWith("dW[0]"))!;
      const updated = `W'${grad.slice(2)}`;
      const wrong = show(p.value(grad).times(3));
      const printed: Printed = [
        [grad, wrong],
        [updated, show(p.fromPrinted(updated, [[grad, wrong]]))],
        ...correctly(
          p,
          qs.filter((q) => q !== grad && q !== updated),
        ),
      ];
      return matchesPrinted(p.value(updated), printed[1]![1])
        ? null
        : { printed, planted: [1], correct: printed.slice(2).map((_, n) => n + 2) };
    },
  ],
  "digit-slip": ["digit-slip", "erratum", single(() => true, slip)],
  "wrong-quantity": [
    "wrong-quantity",
    "erratum",
    single(kind("a"), (p, q) => (q.startsWith("a[0]") ? show(p.value(q.replace(/^a/, "z"))) : null)),
  ],
  "digit-slip with the sequential convention": [
    "digit-slip",
    "erratum",
    (p, qs, next) => {
      const base = convention("update-order:sequential")(p, qs, next);
      if (base === null) return null;
      const n = base.correct[Math.floor(next() * base.correct.length)];
      if (n === undefined) return null;
      const printed = [...base.printed];
      printed[n] = [qs[n]!, slip(p, qs[n]!)];
      return { printed, planted: [n], correct: base.correct.filter((k) => k !== n) };
    },
  ],
  "learning-rate with the δ-sign convention": [
    "learning-rate",
    "erratum",
    (p, qs, next) => {
      const base = convention("delta-sign:other")(p, qs, next);
      const updates = qs.flatMap((q, n) => (q.startsWith("W'") ? [n] : []));
      if (base === null || updates.length === 0) return null;
      const n = updates[Math.floor(next() * updates.length)]!;
      const printed = [...base.printed];
      printed[n] = [qs[n]!, show(p.value(qs[n]!, ["delta-sign:other", "learning-rate:1"]))];
      if (matchesPrinted(p.value(qs[n]!), printed[n]![1])) return null;
      return { printed, planted: [n], correct: base.correct.filter((k) => k !== n) };
    },
  ],
};

const measured: [name: string, recovered: number, trials: number][] = [];

describe("planted causes are recovered in random networks", () => {
  it.each(Object.entries(plantings))(
    "%s",
    (name, [cause, verdict, plant]) => {
      const next = generator(name.length * 7919 + 17);
      let trials = 0;
      let recovered = 0;
      const falseFlags: string[] = [];
      for (let attempt = 0; trials < TRIALS && attempt < TRIALS * 8; attempt++) {
        const spec = randomProblem(next);
        const p = new Planter(spec);
        const plantResult = plant(p, chosen(p, next), next);
        if (plantResult === null) continue;
        trials++;
        const { verdicts } = classifyCase(syntheticCase(spec, plantResult.printed));
        const right = plantResult.planted.every(
          (n) => verdicts[n]!.verdict === verdict && verdicts[n]!.cause === cause,
        );
        if (right) recovered++;
        else if (process.env.RECOVERY_DEBUG)
          for (const n of plantResult.planted) console.log(name, verdicts[n]);
        for (const n of plantResult.correct) {
          if (!["ok", "convention"].includes(verdicts[n]!.verdict)) {
            falseFlags.push(
              `${name}: ${verdicts[n]!.quantity} ${verdicts[n]!.verdict} ${verdicts[n]!.detail}`,
            );
          }
        }
      }
      measured.push([name, recovered, trials]);
      expect(trials).toBe(TRIALS);
      expect(falseFlags).toEqual([]);
      expect(recovered / trials).toBeGreaterThanOrEqual(MIN_RECOVERY);
      // Six classifications of 16 numbers each, two readings: on a busy shared machine a
      // planting took 77 s, past the default guard against hangs.
    },
    300_000,
  );

  afterAll(() => {
    const rows = measured.map(([n, r, t]) => `| ${n} | ${r}/${t} |`);
    console.log(["| planted | recovered |", "| --- | ---: |", ...rows].join("\n"));
  });
});

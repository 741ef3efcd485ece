import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { deriveFirstStep, float64, instantiate, train, type ProblemSpec } from "@bpcheck/core";
import { seedProblem } from "../../core/test/arbitrary.ts";
import {
  compareFirstStep,
  compareTraining,
  decimalField,
  floatError,
  networkParameters,
} from "../src/index.ts";

describe("floatError", () => {
  it.each([
    // 0.1 as a double is the correctly rounded value of one tenth (0 ULPs), off by a
    // relative 5.6e-17: 16 digits agree.
    { float: 0.1, exact: "0.1", format: "float64", ulps: 0, digits: 16 },
    { float: 0.30000000000000004, exact: "0.3", format: "float64", ulps: 1, digits: 15 },
    { float: Math.fround(0.1), exact: "0.1", format: "float32", ulps: 0, digits: 7 },
    { float: 1, exact: "1", format: "float64", ulps: 0, digits: 50 },
    { float: Infinity, exact: "1e400", format: "float64", ulps: 0, digits: 0 },
    // From 1 (bits 0x3ff0…) up to Infinity (bits 0x7ff0…) there are 2^62 doubles.
    { float: Infinity, exact: "1", format: "float64", ulps: 2 ** 62, digits: 0 },
  ] as const)(
    "$float against $exact in $format: $ulps ULPs, $digits digits",
    ({ float, exact, format, ulps, digits }) => {
      const e = floatError(float, new Decimal(exact), format, 50, String(float));
      expect([e.ulps, e.digits]).toEqual([ulps, digits]);
    },
  );
});

describe("compareFirstStep on the seed example", () => {
  const rows = compareFirstStep(seedProblem, 30);

  it("lists every quantity of the worked step in derivation order", () => {
    const exact = deriveFirstStep(decimalField(30), instantiate(decimalField(30), seedProblem)).quantities;
    expect(rows.map((r) => r.name)).toEqual(exact.map((q) => q.name));
  });

  it("shows each exact value correctly rounded to its certified digits", () => {
    const precise = deriveFirstStep(decimalField(80), instantiate(decimalField(80), seedProblem)).quantities;
    rows.forEach((r, k) => {
      expect(r.exact, r.name).toBe(precise[k]!.value.toSignificantDigits(r.certifiedDigits).toString());
    });
  });

  it("certifies every exact value to at least 28 of 30 digits", () => {
    for (const r of rows) expect(r.certifiedDigits, r.name).toBeGreaterThanOrEqual(28);
  });

  // The bounds measured in reference.test.ts: 4 float64 ULPs, 1 float32 ULP; the change
  // The step α·dW and the change ΔW = −α·dW round once more than dW and reach 2 float32 ULPs
  // (lrdW[0][0][1], DeltaW[0][0][1]).
  it("keeps every float64 value within 4 ULPs (15+ digits) and float32 within 1 ULP, α·dW and ΔW 2 (6+ digits)", () => {
    for (const r of rows) {
      expect(r.float64.ulps, r.name).toBeLessThanOrEqual(4);
      expect(r.float64.digits, r.name).toBeGreaterThanOrEqual(15);
      expect(r.float32.ulps, r.name).toBeLessThanOrEqual(/^(DeltaW|lrdW)\[/.test(r.name) ? 2 : 1);
      expect(r.float32.digits, r.name).toBeGreaterThanOrEqual(6);
    }
  });

  it("gives the float modes' own values", () => {
    const h1 = rows.find((r) => r.name === "z[0][0]")!;
    expect([h1.exact, h1.float64.value, h1.float32.value]).toEqual(["0.755", "0.7550000000000001", "0.755"]);
  });
});

describe("compareTraining", () => {
  const epochs = compareTraining(seedProblem, 30, 3);

  it("reports one row per epoch, starting at the worked step's loss", () => {
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const first = compareFirstStep(seedProblem, 30).find((r) => r.name === "loss")!;
    // Both certified in ball arithmetic: the same digits of the same exact value.
    expect(epochs[0]!.loss.exact).toBe(first.exact);
    expect(epochs[0]!.loss.float64.value).toBe(first.float64.value);
  });

  it("shows each epoch's loss only to digits of the exact value (against a 200-digit run)", () => {
    const F = decimalField(200);
    const p = instantiate(F, seedProblem);
    const reference = train(F, p.network, p.samples, { ...p.training, epochs: 3 }).lossCurve;
    epochs.forEach((e, k) => {
      const shown = e.loss.exact!;
      const digits = new Decimal(shown).sd(true);
      // 30 digits asked for; the ball's guard digits certify them all or nearly.
      expect(digits).toBeGreaterThanOrEqual(28);
      expect(reference[k]!.toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN).eq(shown)).toBe(true);
    });
  });

  it("names the worst parameter and keeps it within the training bounds of reference.test.ts", () => {
    for (const e of epochs) {
      expect(e.worst.float64.name).toMatch(/^W\[\d\]\[\d\]\[\d\]$/);
      expect(e.worst.float64.ulps).toBeLessThanOrEqual(11);
      expect(e.worst.float32.ulps).toBeLessThanOrEqual(7);
    }
  });

  it("calls onEpoch after each epoch", () => {
    const seen: number[] = [];
    compareTraining(seedProblem, 20, 2, (e) => seen.push(e));
    expect(seen).toEqual([1, 2]);
  });
});

describe("networkParameters", () => {
  it("names weights row by row, then biases, layer by layer", () => {
    const spec: ProblemSpec = {
      network: {
        inputs: 1,
        loss: "mse",
        layers: [{ activation: "identity", weights: [["2"], ["3"]], biases: ["5", "7"] }],
      },
      data: [{ x: ["1"], y: ["0", "0"] }],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: true,
      },
    };
    const net = instantiate(float64, spec).network;
    expect(networkParameters(net)).toEqual([
      { name: "W[0][0][0]", value: 2 },
      { name: "W[0][1][0]", value: 3 },
      { name: "b[0][0]", value: 5 },
      { name: "b[0][1]", value: 7 },
    ]);
  });
});

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import {
  deriveFirstStep,
  float32,
  float64,
  gradientCheck,
  instantiate,
  train,
  type Field,
  type ProblemSpec,
} from "@bpcheck/core";
import seedCase from "../../../fixtures/bp-worked-example-zh/case.json";
import { arbitraryProblem, seedProblem } from "../../core/test/arbitrary.ts";
import { agreeingDigits, decimalField, roundToBinary, ulpDistance, type BinaryFormat } from "../src/index.ts";

const exact60 = decimalField(60);

describe("the reference derivation of the seed example", () => {
  const { quantities } = deriveFirstStep(exact60, instantiate(exact60, seedProblem));
  const byName = new Map(quantities.map((q) => [q.name, q.value]));
  const section2 = seedCase.published.filter((p) => p.location.section.startsWith("§2"));

  // §2 of the article: every printed forward-pass value is the exact value rounded to
  // the decimals it was printed with ("0.680" has three).
  it.each(section2.map((p) => [p.symbol, p.printed, p.quantity]))(
    "%s is printed as %s",
    (_, printed, quantity) => {
      const decimals = printed.split(".")[1]?.length ?? 0;
      const exact = byName.get(quantity);
      expect(exact?.toDecimalPlaces(decimals, Decimal.ROUND_HALF_EVEN).toFixed(decimals)).toBe(printed);
    },
  );

  it("a printed value one unit off in its last digit does not match", () => {
    const h1 = byName.get("z[0][0]")!;
    expect(h1.toDecimalPlaces(3).toFixed(3)).not.toBe("0.756");
  });
});

/** Backprop's gradient against the five-point difference, both at 60 digits. */
function gradientDigits(spec: ProblemSpec): { name: string; digits: number }[] {
  const p = instantiate(exact60, spec);
  return gradientCheck(exact60, p.network, p.samples).map((g) => ({
    name: g.name,
    digits:
      g.backprop.isZero() && g.numeric.abs().lt("1e-45") ? 60 : agreeingDigits(g.numeric, g.backprop, 60),
  }));
}

describe("exact gradients equal exact central differences", () => {
  it("to at least 40 significant digits on the seed network", () => {
    for (const g of gradientDigits(seedProblem)) expect(g.digits, g.name).toBeGreaterThanOrEqual(40);
  });

  it("to at least 40 significant digits on random networks", () => {
    fc.assert(
      fc.property(arbitraryProblem, (spec) => {
        // relu has no derivative at z = 0; the random grid of three-decimal weights can
        // land a pre-activation there exactly, where no difference quotient applies.
        const p = instantiate(float64, spec);
        fc.pre(!p.network.layers.some((l) => l.activation === "relu"));
        for (const g of gradientDigits(spec)) expect(g.digits, g.name).toBeGreaterThanOrEqual(40);
      }),
      { numRuns: 12 },
    );
  }, 60_000);
});

/** Largest ULP distance of a float mode from the correctly rounded exact values. */
function worstUlps(F: Field<number>, format: BinaryFormat, spec: ProblemSpec) {
  const exact = deriveFirstStep(exact60, instantiate(exact60, spec)).quantities;
  const float = deriveFirstStep(F, instantiate(F, spec)).quantities;
  return Math.max(
    ...float.map((q, k) => ulpDistance(q.value, roundToBinary(exact[k]!.value, format), format)),
  );
}

function worstTrainingUlps(F: Field<number>, format: BinaryFormat, spec: ProblemSpec) {
  const pe = instantiate(exact60, spec);
  const te = train(exact60, pe.network, pe.samples, pe.training);
  const pf = instantiate(F, spec);
  const tf = train(F, pf.network, pf.samples, pf.training);
  const exact = [...te.lossCurve, ...te.network.layers.flatMap((l) => l.W.flat())];
  const float = [...tf.lossCurve, ...tf.network.layers.flatMap((l) => l.W.flat())];
  return Math.max(...float.map((v, k) => ulpDistance(v, roundToBinary(exact[k]!, format), format)));
}

// Measured on the seed example (Node 20, V8's fdlibm-derived Math.exp): the worst
// quantity of the worked step is 4 float64 ULPs (dW[0][0][0]) and 1 float32 ULP; over
// 200 epochs of training the loss curve and final weights stay within 11 float64 and
// 7 float32 ULPs. The bounds below are those measurements.
describe("float modes against the correctly rounded exact values", () => {
  it.each([
    { F: float64, format: "float64", bound: 4 },
    { F: float32, format: "float32", bound: 1 },
  ] as const)("every quantity of the seed step in $format is within $bound ULPs", ({ F, format, bound }) => {
    expect(worstUlps(F, format, seedProblem)).toBeLessThanOrEqual(bound);
  });

  it.each([
    { F: float64, format: "float64", bound: 11 },
    { F: float32, format: "float32", bound: 7 },
  ] as const)("200 epochs of seed training in $format stay within $bound ULPs", ({ F, format, bound }) => {
    expect(worstTrainingUlps(F, format, seedProblem)).toBeLessThanOrEqual(bound);
  });
});

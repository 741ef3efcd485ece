import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { deriveFirstStep, gradientCheck, instantiate, train, type ProblemSpec } from "@bpcheck/core";
import seedCase from "../../../fixtures/bp-worked-example-zh/case.json";
import golden from "../../../fixtures/bp-worked-example-zh/golden.json";
import { arbitraryProblem, nearReluKink, seedProblem } from "../../core/test/arbitrary.ts";
import { agreeingDigits, decimalField, roundToBinary } from "../src/index.ts";

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

  it("to 40 digits of the gradient's largest component on random networks", () => {
    // Relative to the largest component, as finite differences are judged: a component far
    // below the others (or the loss) loses digits to the difference's cancellation, not to
    // backprop, so its own leading digits would make the test depend on the random draw.
    fc.assert(
      fc.property(arbitraryProblem, (spec) => {
        fc.pre(!nearReluKink(spec));
        const p = instantiate(exact60, spec);
        const checks = gradientCheck(exact60, p.network, p.samples);
        const scale = Decimal.max(...checks.map((g) => g.backprop.abs()), new Decimal("1e-30"));
        for (const g of checks) {
          const agreement = g.numeric.minus(g.backprop).abs().div(scale);
          expect(agreement.lte("1e-40"), `${g.name}: ${g.numeric} against ${g.backprop}`).toBe(true);
        }
      }),
      { numRuns: 8 },
    );
    // Eight random networks at 60 digits, each parameter perturbed four times: about 20 s
    // alone, several times that on a busy machine.
  }, 240_000);
});

describe("the reference derivation against the golden fixture", () => {
  const group = (id: string) => golden.groups.find((g) => g.id === id)!.quantities;
  const recorded = (value: Decimal, expected: string) =>
    value.toSignificantDigits(expected.replace(/^-?0\.0*|[.-]|e.*$/g, "").length).toString();

  it("matches every recorded digit of the worked step at 60 digits", () => {
    const { quantities } = deriveFirstStep(exact60, instantiate(exact60, seedProblem));
    const expected = group("first-step");
    expect(quantities.map((q) => q.name)).toEqual(expected.map((g) => g.name));
    quantities.forEach((q, k) =>
      expect(recorded(q.value, expected[k]!.exact), q.name).toBe(expected[k]!.exact),
    );
  });

  it("matches every recorded digit of 200 epochs of training at 60 digits", () => {
    const p = instantiate(exact60, seedProblem);
    const t = train(exact60, p.network, p.samples, p.training);
    const values = [...t.lossCurve, ...t.network.layers.flatMap((l) => l.W.flat())];
    const expected = group("training");
    values.forEach((v, k) =>
      expect(recorded(v, expected[k]!.exact), expected[k]!.name).toBe(expected[k]!.exact),
    );
  });

  it("the recorded float64 and float32 are the correct roundings of the recorded exact values", () => {
    for (const q of [...group("first-step"), ...group("training")]) {
      expect(String(roundToBinary(q.exact, "float64")), q.name).toBe(q.float64);
      expect(roundToBinary(q.exact, "float32"), q.name).toBe(Math.fround(Number(q.float32)));
    }
  });
});

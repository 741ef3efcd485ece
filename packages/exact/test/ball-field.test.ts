import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { deriveFirstStep, instantiate, train, type Field, type ProblemSpec } from "@bpcheck/core";
import { arbitraryProblem, seedProblem } from "../../core/test/arbitrary.ts";
import {
  ballField,
  certifiedUpTo,
  certify,
  certifyBall,
  decimalField,
  uncertifiedReason,
  type Ball,
} from "../src/index.ts";
import table from "./mpmath-certify.json";

type Expression = string | [string, ...Expression[]];

function evaluate(F: Field<Ball>, e: Expression): Ball {
  if (typeof e === "string") return F.fromDecimal(e);
  const [op, ...args] = e;
  const v = args.map((a) => evaluate(F, a));
  const fn = (F as unknown as Record<string, (...xs: Ball[]) => Ball>)[op]!;
  return fn(...v);
}

/** mpmath's value (120 digits) correctly rounded to k digits, half to even. */
const rounded = (value: string, k: number) =>
  new Decimal(value).toSignificantDigits(k, Decimal.ROUND_HALF_EVEN).toString();

const PRECISIONS = [10, 20, 30, 50, 100];

describe("ball arithmetic never shows a wrong digit (mpmath at 600 digits)", () => {
  for (const row of table.expressions) {
    it.each(PRECISIONS)(`${row.name} at %i digits`, (digits) => {
      const c = certifyBall(evaluate(ballField(digits), row.expression as Expression), digits);
      if (c.certified !== null) expect(c.certified.toString()).toBe(rounded(row.value, c.certifiedDigits));
      // The proven bound holds: |exact − value| ≤ errorBound.
      if (c.errorBound.isFinite()) {
        expect(new Decimal(row.value).minus(c.value).abs().lte(c.errorBound)).toBe(true);
      }
    });
  }

  const digitsOf = (name: string, digits: number) =>
    certifyBall(
      evaluate(ballField(digits), table.expressions.find((r) => r.name === name)!.expression as Expression),
      digits,
    );

  it("certifies all or nearly all digits of well-conditioned values", () => {
    for (const name of ["e", "ln 2", "one third", "tanh 0.5", "exp -700.25", "sigmoid 0.755"]) {
      expect(digitsOf(name, 50).certifiedDigits, name).toBeGreaterThanOrEqual(48);
    }
  });

  it("reports the digits lost to cancellation", () => {
    // (1 + 10^-25/3) − 1 at 30 digits keeps 5 correct digits, and certifies at most those.
    const c = digitsOf("cancellation (1 + 1e-25/3) - 1", 30);
    expect(c.certifiedDigits).toBeGreaterThanOrEqual(3);
    expect(c.certifiedDigits).toBeLessThanOrEqual(5);
    // Below the working precision nothing is left, and nothing is claimed.
    const gone = digitsOf("cancellation (1 + 1e-70/3) - 1", 50);
    expect([gone.certifiedDigits, gone.uncertified]).toEqual([0, "contains-zero"]);
  });

  it("shows no digit for a saturated sigmoid's derivative (about e^-350000), though the working value is 0", () => {
    const c = digitsOf("saturated sigmoid derivative", 50);
    expect(c.value.isZero()).toBe(true);
    expect([c.certifiedDigits, c.certified, c.uncertified]).toEqual([0, null, "contains-zero"]);
  });

  const spec = (w000: string): ProblemSpec => {
    const [first, ...rest] = seedProblem.network.layers;
    const W = first!.weights.map((row, j) => row.map((w, i) => (i === 0 && j === 0 ? w000 : w)));
    return {
      ...seedProblem,
      network: { ...seedProblem.network, layers: [{ ...first!, weights: W }, ...rest] },
    };
  };

  for (const net of table.networks) {
    it.each([20, 50])(
      `the seed network's first step with W[0][0][0] = ${net.W000} at %i digits`,
      (digits) => {
        const qs = certify((F) => deriveFirstStep(F, instantiate(F, spec(net.W000))).quantities, digits);
        const values = net.values as Record<string, string>;
        let checked = 0;
        for (const q of qs) {
          const truth = values[q.name];
          if (truth === undefined) continue;
          checked++;
          if (q.certified !== null)
            expect(q.certified.toString(), q.name).toBe(rounded(truth, q.certifiedDigits));
        }
        expect(checked).toBe(Object.keys(values).length);
        if (net.W000 === "1000000") {
          // Each gradient through the saturated unit is about 10^-152006: 0 at 50 digits, none certified.
          for (const name of ["delta[0][0]", "dW[0][0][0]", "dW[0][0][1]"]) {
            const q = qs.find((r) => r.name === name)!;
            expect([q.value.isZero(), q.certifiedDigits], name).toEqual([true, 0]);
          }
        } else {
          for (const q of qs) expect(q.certifiedDigits, q.name).toBeGreaterThanOrEqual(digits - 5);
        }
      },
    );
  }
});

describe("certify", () => {
  it("takes tanh of a ball near ±10^6 as ±1, every digit certified, without decimal.js's series (most of a minute)", () => {
    const F = ballField(56);
    for (const [x, one] of [
      ["1000000", "1"],
      ["-1000000", "-1"],
    ] as const) {
      const y = F.tanh(F.fromDecimal(x));
      expect(F.toString(y)).toBe(one);
      expect(certifyBall(y, 50)).toMatchObject({ certifiedDigits: 50, uncertified: null });
    }
  });

  it("holds every certified digit of random problems' training to a 200-digit run", () => {
    fc.assert(
      fc.property(arbitraryProblem, (p) => {
        const derive = <T>(F: Field<T>) => {
          const n = instantiate(F, p);
          const r = train(F, n.network, n.samples, n.training);
          return r.lossCurve.map((value, e) => ({ name: `loss@${e}`, value }));
        };
        const reference = derive(decimalField(200));
        certify(derive, 20).forEach((q, k) => {
          if (q.certified === null) return;
          const truth = reference[k]!.value.toSignificantDigits(q.certifiedDigits, Decimal.ROUND_HALF_EVEN);
          expect(q.certified.toString(), q.name).toBe(truth.toString());
        });
      }),
      { numRuns: 25 },
    );
    // 25 training runs at 60 and 200 digits: about half a minute alone, minutes on a busy machine.
  }, 300_000);

  it("reruns at more digits when a comparison is undecided, and certifies nothing if it stays so", () => {
    // A ReLU's input of (1/3)·3 − 1: exactly 0, but its ball at any precision straddles 0.
    const relu = (F: Field<Ball>) => {
      const z = F.sub(F.mul(F.div(F.one, F.fromInt(3)), F.fromInt(3)), F.one);
      return [{ name: "relu", value: F.compare(z, F.zero) > 0 ? z : F.zero }];
    };
    const [q] = certify(relu, 20);
    expect([q!.certifiedDigits, q!.uncertified]).toEqual([0, "undecided-comparison"]);
    // Decided: (1/3)·3 − 0.5 is plainly positive.
    const [r] = certify((F) => {
      const z = F.sub(F.mul(F.div(F.one, F.fromInt(3)), F.fromInt(3)), F.fromDecimal("0.5"));
      return [{ name: "relu", value: F.compare(z, F.zero) > 0 ? z : F.zero }];
    }, 20);
    expect(r!.certifiedDigits).toBeGreaterThanOrEqual(19);
  });

  it("keeps exact results exact: products and sums of dyadic inputs have no error", () => {
    const [q] = certify(
      (F) => [
        {
          name: "z",
          value: F.add(F.mul(F.fromDecimal("0.5"), F.fromDecimal("0.375")), F.fromDecimal("0.75")),
        },
      ],
      50,
    );
    expect([q!.certified!.toString(), q!.errorBound.toString(), q!.certifiedDigits]).toEqual([
      "0.9375",
      "0",
      50,
    ]);
  });

  it("certifies every digit of a product and sum of short decimals, which are not dyadic", () => {
    // 0.1 and 0.35 are read into binary within their rounding error; 0.1 · 0.35 + 0.72 = 0.755 exactly.
    const [q] = certify(
      (F) => [
        {
          name: "z",
          value: F.add(F.mul(F.fromDecimal("0.1"), F.fromDecimal("0.35")), F.fromDecimal("0.72")),
        },
      ],
      50,
    );
    expect([q!.certified!.toString(), q!.certifiedDigits]).toEqual(["0.755", 50]);
    expect(q!.errorBound.gt(0) && q!.errorBound.lt("1e-55")).toBe(true);
  });

  it("says why a value has no certified digit", () => {
    const [cancelled, unbounded] = certify((F) => {
      const zero = F.sub(F.mul(F.div(F.one, F.fromInt(3)), F.fromInt(3)), F.one);
      return [
        { name: "cancelled", value: zero },
        { name: "unbounded", value: F.div(F.one, zero) },
      ];
    }, 20);
    expect(uncertifiedReason(cancelled!)).toMatch(
      /^\|exact value\| ≤ \d(\.\d)?e-\d+: it cancelled or underflowed$/,
    );
    expect(uncertifiedReason(unbounded!)).toMatch(/no error bound/);
    const [undecided] = certify((F) => {
      const z = F.sub(F.mul(F.div(F.one, F.fromInt(3)), F.fromInt(3)), F.one);
      return [{ name: "relu", value: F.compare(z, F.zero) > 0 ? z : F.zero }];
    }, 20);
    expect(uncertifiedReason(undecided!)).toMatch(/could not be decided, even at 4× the digits/);
  });

  it("gives a certified value to fewer digits correctly rounded, and all of it when asked for more", () => {
    // 0.12 followed by 40 nines, exact: 0.13 to 2 digits, 0.13 (0.1300…) to its 30 certified digits.
    const [q] = certify((F) => [{ name: "q", value: F.fromDecimal(`0.12${"9".repeat(40)}`) }], 30);
    expect(certifiedUpTo(q!, 2)!.toString()).toBe("0.13");
    expect(certifiedUpTo(q!, 50)!.toString()).toBe(q!.certified!.toString());
  });

  it("refuses to bound a quotient by a ball that reaches zero", () => {
    const F = ballField(20);
    const tiny = F.sub(F.mul(F.div(F.one, F.fromInt(3)), F.fromInt(3)), F.one);
    expect(certifyBall(F.div(F.one, tiny), 20).uncertified).toBe("unbounded");
    expect(certifyBall(F.ln(tiny), 20).uncertified).toBe("unbounded");
  });
});

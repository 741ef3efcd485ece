import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { exactExp, expAttempt } from "../src/exp.ts";
import mpmathTable from "./mpmath-exp.json";

function constructor(digits: number): Decimal.Constructor {
  return Decimal.clone({ precision: digits, rounding: Decimal.ROUND_HALF_EVEN, minE: -9e15, maxE: 9e15 });
}

/** A decimal string ±0.d₁d₂…d_k × 10^m with up to `maxDigits` digits and m in [minExp, 4]. */
const decimalArgument = (maxDigits: number, minExp: number) =>
  fc
    .record({
      negative: fc.boolean(),
      digits: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 1, maxLength: maxDigits }),
      exponent: fc.integer({ min: minExp, max: 4 }),
    })
    .map(({ negative, digits, exponent }) => `${negative ? "-" : ""}0.${digits.join("")}e${exponent}`);

describe("exactExp equals decimal.js's correctly rounded exp", () => {
  it("at 10 to 120 digits over arguments from 10^−140 to 10^4 in magnitude", () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 120 }), decimalArgument(130, -140), (digits, arg) => {
        const D = constructor(digits);
        const x = new D(arg);
        expect(exactExp(x).toString(), `exp(${arg}) at ${digits} digits`).toBe(D.exp(x).toString());
      }),
      { numRuns: 300 },
    );
  }, 30_000);

  it("at 121 to 600 digits", () => {
    fc.assert(
      fc.property(fc.integer({ min: 121, max: 600 }), decimalArgument(600, -30), (digits, arg) => {
        const D = constructor(digits);
        const x = new D(arg);
        expect(exactExp(x).toString(), `exp(${arg}) at ${digits} digits`).toBe(D.exp(x).toString());
      }),
      { numRuns: 12 },
    );
  }, 30_000);

  it.each([
    [1000, "-0.3333333333333333333333333333333333333333"],
    [2000, "2.5"],
  ])(
    "at %s digits for %s",
    (digits, arg) => {
      const D = constructor(digits);
      const x = new D(arg);
      expect(exactExp(x).toString()).toBe(D.exp(x).toString());
    },
    30_000,
  );

  // decimal.js's special values: exp(±0) = 1, exp(+∞) = +∞, exp(−∞) = 0, exp(NaN) = NaN,
  // and arguments it handles itself (beyond ±1000, or below 10^−(P+10) in magnitude);
  // e^±2000 as mpmath gives it: 3.88118019428436857…e+868 and 2.57653587296114965…e−869.
  it.each([
    ["0", "1"],
    ["-0", "1"],
    ["Infinity", "Infinity"],
    ["-Infinity", "0"],
    ["NaN", "NaN"],
    ["1e-70", "1"],
    ["-1e-70", "1"],
    ["2000", "3.8811801942844e+868"],
    ["-2000", "2.5765358729611e-869"],
  ])("exp(%s) at 14 digits is %s", (arg, expected) => {
    const x = new (constructor(14))(arg);
    expect(exactExp(x).toString()).toBe(expected);
  });
});

describe("exactExp agrees with mpmath", () => {
  // mpmath-exp.json holds mpmath's values with 20 spare digits (see mpmath-exp-table.py).
  it.each(mpmathTable.rows.map((r) => [r.x, r.digits, r.exp] as const))(
    "exp(%s) at %s digits is mpmath's value rounded",
    (arg, digits, reference) => {
      const D = constructor(digits);
      expect(exactExp(new D(arg)).toString()).toBe(new D(reference).toSignificantDigits(digits).toString());
    },
  );
});

describe("values near a rounding boundary", () => {
  /** An argument whose e^x lies about 10^−(spare) from halfway between two P-digit values. */
  function nearTie(digits: number, spare: number): string {
    const High = Decimal.clone({ precision: digits + spare + 30 });
    const halfway = new High(1).plus(new High(10).pow(-digits).times(5));
    return High.ln(halfway)
      .toSignificantDigits(digits + spare)
      .toString();
  }

  it.each([
    [10, 12],
    [10, 40],
    [30, 150],
    [50, 500],
  ])("at %s digits, an argument %s digits from a tie is rounded correctly", (digits, spare) => {
    const D = constructor(digits);
    const x = new D(nearTie(digits, spare));
    const truth = constructor(2 * digits + spare + 40)
      .exp(x)
      .toSignificantDigits(digits, Decimal.ROUND_HALF_EVEN);
    expect(exactExp(x).toString()).toBe(truth.toString());
  });

  it("a first attempt that cannot decide returns null rather than a guess", () => {
    const D = constructor(10);
    expect(expAttempt(D, new D(nearTie(10, 40)), 24)).toBeNull();
    expect(expAttempt(D, new D("0.5"), 24)?.toString()).toBe("1.648721271");
  });
});

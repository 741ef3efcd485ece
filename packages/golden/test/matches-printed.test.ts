import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { matchesPrinted, printedAsDecimal, printedDecimals, roundLikePrinted } from "../src/index.ts";

/** The definition: the value rounded half up to the printed decimals is the printed number. */
const byRounding = (v: Decimal.Value, printed: string) =>
  new Decimal(roundLikePrinted(v, printed)).eq(printedAsDecimal(printed));

const D = Decimal.clone({ precision: 200 });

/** Printed numbers as sources write them: signs, zeros, decimals, exponents, the typographic minus. */
const printedNumber = fc
  .record({
    minus: fc.constantFrom("", "-", "\u2212"),
    whole: fc.constantFrom("0", "1", "12", "999", "3"),
    decimals: fc.stringMatching(/^[0-9]{0,6}$/),
    exponent: fc.constantFrom("", "e-3", "e2", "E-1", "e0"),
  })
  .map(
    ({ minus, whole, decimals, exponent }) =>
      `${minus}${whole}${decimals === "" ? "" : "."}${decimals}${exponent}`,
  );

/** Values at and next to the ends of the printed number's interval, and at random inside and out. */
function valuesAround(printed: string, offset: Decimal.Value): Decimal[] {
  const p = new D(printedAsDecimal(printed));
  const d = printedDecimals(printed);
  const h = new D(10).pow(-d).div(2);
  const tiny = new D(10).pow(-d - 40);
  return [
    p.minus(h),
    p.plus(h),
    p.minus(h).plus(tiny),
    p.plus(h).minus(tiny),
    p.minus(h).minus(tiny),
    p.plus(h).plus(tiny),
    p.plus(offset),
  ];
}

describe("matchesPrinted", () => {
  it.each([
    ["0.6795", "0.680", true],
    ["0.6805", "0.680", false],
    ["-0.6795", "-0.680", true],
    ["-0.6805", "-0.680", false],
    ["0.005", "0.00", false],
    ["-0.005", "0.00", false],
    ["0.00499", "-0.00", true],
    ["1249.9", "1.25e3", true],
    ["1255", "1.25e3", false],
    ["-0.5", "\u22121", true],
  ])("%s printed as %s: %s", (v, printed, expected) => {
    expect(matchesPrinted(v, printed)).toBe(expected);
    expect(byRounding(v, printed)).toBe(expected);
  });

  it("agrees with rounding the value to the printed decimals, at and next to every tie", () => {
    fc.assert(
      fc.property(printedNumber, fc.double({ min: -2, max: 2, noNaN: true }), (printed, offset) => {
        for (const v of valuesAround(printed, offset))
          expect(matchesPrinted(v, printed)).toBe(byRounding(v, printed));
      }),
      { numRuns: 500 },
    );
  });

  it("refuses what rounding refuses: a value that is not finite, a string that is not a number", () => {
    expect(() => matchesPrinted(new Decimal(Infinity), "0.5")).toThrow(
      "cannot round Infinity to printed digits",
    );
    expect(() => matchesPrinted("0.5", "0,5")).toThrow('"0,5" is not a decimal string');
  });

  it("decides a printed number of more digits than its interval can hold exactly by rounding", () => {
    const printed = `0.${"3".repeat(400)}`;
    expect(matchesPrinted(printed, printed)).toBe(true);
    expect(matchesPrinted(`${printed}49`, printed)).toBe(true);
    expect(matchesPrinted(`${printed}5`, printed)).toBe(false);
  });
});

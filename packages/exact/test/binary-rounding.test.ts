import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactDecimal, roundToBinary, ulpDistance } from "../src/index.ts";

describe("exactDecimal", () => {
  it.each([
    [0.1, "0.1000000000000000055511151231257827021181583404541015625"],
    [0.5, "0.5"],
    [-2, "-2"],
    [2 ** 60, "1152921504606846976"],
    [0, "0"],
    [-0, "-0"],
    [Math.fround(0.1), "0.100000001490116119384765625"],
  ])("%s is exactly %s", (x, s) => {
    expect(exactDecimal(x)).toBe(s);
  });

  it("the smallest subnormal has 751 significant digits and reads back", () => {
    const s = exactDecimal(5e-324);
    expect(s.replace(/^0\.0*/, "")).toHaveLength(751);
    expect(Number(s)).toBe(5e-324);
  });

  it("refuses non-finite numbers", () => {
    expect(() => exactDecimal(Infinity)).toThrow(RangeError);
  });
});

describe("roundToBinary", () => {
  it.each([
    ["0.1", "float64", 0.1],
    ["0.1", "float32", Math.fround(0.1)],
    // 1 + 2^-53 is halfway between 1 and 1 + 2^-52: ties go to the even significand (1).
    ["1.00000000000000011102230246251565404236316680908203125", "float64", 1],
    // 1 + 3·2^-53 is halfway between 1 + 2^-52 (odd) and 1 + 2^-51 (even).
    ["1.00000000000000033306690738754696212708950042724609375", "float64", 1 + 2 ** -51],
    // Just above the tie rounds up.
    ["1.000000000000000111022302462515654042363166809082031251", "float64", 1 + 2 ** -52],
    // 1 + 2^-24 is the float32 tie between 1 and 1 + 2^-23.
    ["1.000000059604644775390625", "float32", 1],
    ["-0.75", "float64", -0.75],
    ["0", "float64", 0],
    ["1e-400", "float64", 0],
    ["3e-324", "float64", 5e-324],
    ["1e-46", "float32", 0],
    ["1e400", "float64", Infinity],
    ["-1e400", "float64", -Infinity],
    ["3.4028235e38", "float32", 3.4028234663852886e38],
    ["3.5e38", "float32", Infinity],
    ["1.7976931348623157e308", "float64", Number.MAX_VALUE],
  ] as const)("%s rounds to %s as %s", (s, format, expected) => {
    expect(roundToBinary(s, format)).toBe(expected);
  });

  it("agrees with the engine's string-to-double conversion on random decimals", () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer({ min: 1, max: 40 }),
        (x, p) => {
          const s = x.toPrecision(Math.min(p, 100));
          expect(roundToBinary(s, "float64")).toBe(Number(s));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("rounds the exact value of a double to float32 as Math.fround does", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, min: -1e38, max: 1e38 }), (x) => {
        expect(roundToBinary(exactDecimal(x), "float32")).toBe(Math.fround(x));
      }),
      { numRuns: 500 },
    );
  });
});

describe("ulpDistance", () => {
  it.each([
    [1, 1, "float64", 0],
    [1, 1 + 2 ** -52, "float64", 1],
    [1, 1 - 2 ** -53, "float64", 1],
    [-5e-324, 5e-324, "float64", 2],
    [0, -0, "float64", 0],
    [1, Math.fround(1 + 2 ** -23), "float32", 1],
    [-1, Math.fround(-1 - 2 ** -22), "float32", 2],
    [NaN, NaN, "float64", 0],
    [NaN, 1, "float64", Infinity],
  ] as const)("between %s and %s in %s is %s", (a, b, format, d) => {
    expect(ulpDistance(a, b, format)).toBe(d);
  });
});

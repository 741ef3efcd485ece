import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decimalField, fieldOfDecimal } from "../src/decimal-field.ts";
import { fastDiv, fastMul } from "../src/fast-arithmetic.ts";

/** Every rounding mode decimal.js applies to arithmetic (0 ROUND_UP … 8 ROUND_HALF_FLOOR). */
const ROUNDING_MODES = [0, 1, 2, 3, 4, 5, 6, 7, 8] as const;

/** The representation itself: equal values have equal (s, e, d) in decimal.js. */
const parts = (x: Decimal) => ({ s: x.s, e: x.e, d: x.d });

const constructor = (precision: number, rounding: number) =>
  Decimal.clone({ precision, rounding: rounding as Decimal.Rounding, minE: -9e15, maxE: 9e15 });

/** A decimal string: sign, 1 to maxDigits digits (no leading zero), exponent in [−40, 40]. */
const decimalString = (maxDigits: number) =>
  fc
    .record({
      negative: fc.boolean(),
      lead: fc.integer({ min: 1, max: 9 }),
      // An explicit length: fast-check's default size would keep strings to a few characters.
      rest: fc
        .integer({ min: 0, max: maxDigits - 1 })
        .chain((n) => fc.string({ unit: fc.constantFrom(..."0123456789"), minLength: n, maxLength: n })),
      exponent: fc.integer({ min: -40, max: 40 }),
    })
    .map(({ negative, lead, rest, exponent }) => `${negative ? "-" : ""}${lead}${rest}e${exponent}`);

/** A P-digit integer string, sometimes all nines (rounding up then carries through every limb). */
const keptDigits = (P: number) =>
  fc.oneof(
    fc.constant("9".repeat(P)),
    fc
      .string({ unit: fc.constantFrom(..."0123456789"), minLength: P - 1, maxLength: P - 1 })
      .map((s) => `${1 + (s.length % 9)}${s}`),
  );

const precisionAndMode = fc.record({
  precision: fc.oneof(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 61, max: 2000 })),
  rounding: fc.constantFrom(...ROUNDING_MODES),
});

describe("fastMul and fastDiv equal decimal.js's mul and div", () => {
  it("on random operands of up to 2P digits, precisions 1 to 2000, every rounding mode", () => {
    fc.assert(
      fc.property(
        precisionAndMode.chain(({ precision, rounding }) =>
          fc.tuple(
            fc.constant(constructor(precision, rounding)),
            decimalString(2 * precision + 2),
            decimalString(2 * precision + 2),
          ),
        ),
        ([D, a, b]) => {
          const x = new D(a);
          const y = new D(b);
          expect(parts(fastMul(D, x, y))).toEqual(parts(D.mul(x, y)));
          expect(parts(fastDiv(D, x, y))).toEqual(parts(D.div(x, y)));
        },
      ),
      { numRuns: 400 },
    );
  });

  // The exact product (2q + 1)·10^t · 5 = (10q + 5)·10^t lies on the tie between q and q + 1
  // in its first P digits; adding δ·5 to it puts it 5 units (of its last digit) above or below.
  it("on products exactly on a rounding tie and one unit beside it", () => {
    fc.assert(
      fc.property(
        precisionAndMode.chain(({ precision, rounding }) =>
          fc.tuple(
            fc.constant(constructor(precision, rounding)),
            keptDigits(precision),
            fc.integer({ min: 0, max: 3 }),
            fc.constantFrom(-1, 0, 1),
            fc.boolean(),
            fc.integer({ min: -30, max: 30 }),
          ),
        ),
        ([D, q, t, delta, negative, exponent]) => {
          const odd = (BigInt(q) * 2n + 1n) * 10n ** BigInt(t) + BigInt(t === 0 ? 0 : delta);
          const x = new D(`${negative ? "-" : ""}${odd}e${exponent}`);
          const five = new D(5);
          expect(parts(fastMul(D, x, five))).toEqual(parts(D.mul(x, five)));
          expect(parts(fastMul(D, five, x))).toEqual(parts(D.mul(five, x)));
        },
      ),
      { numRuns: 300 },
    );
  });

  // With a long second factor 5·10^L + d (L beyond P), the product (10q + 5)·10^(t+L) + d·x is
  // on the tie (d = 0) or just beside it by digits far below the rounding digit, which a short
  // product drops: its bound must send these to the full product.
  it("on long products on a rounding tie and beside it by dropped digits (the short product's fallback)", () => {
    fc.assert(
      fc.property(
        precisionAndMode.chain(({ precision, rounding }) =>
          fc.tuple(
            fc.constant(constructor(precision, rounding)),
            keptDigits(precision),
            fc.integer({ min: 0, max: 3 }),
            fc.constantFrom("0", "1", "9", "-1"),
            fc.integer({ min: precision + 60, max: 2 * precision + 100 }),
            fc.boolean(),
          ),
        ),
        ([D, q, t, d, L, negative]) => {
          const odd = (BigInt(q) * 2n + 1n) * 10n ** BigInt(t);
          const x = new D(`${negative ? "-" : ""}${odd}`);
          const y = new D((5n * 10n ** BigInt(L) + BigInt(d)).toString());
          expect(parts(fastMul(D, x, y))).toEqual(parts(D.mul(x, y)));
          expect(parts(fastMul(D, y, x))).toEqual(parts(D.mul(y, x)));
        },
      ),
      { numRuns: 300 },
    );
  });

  // a = (10q + 5)·b + δ: a/b is on the tie after P digits (δ = 0) or δ/b beside it.
  it("on quotients exactly on a rounding tie and just beside it", () => {
    fc.assert(
      fc.property(
        precisionAndMode.chain(({ precision, rounding }) =>
          fc.tuple(
            fc.constant(constructor(precision, rounding)),
            keptDigits(precision),
            decimalString(40),
            fc.constantFrom(-1n, 0n, 1n),
          ),
        ),
        ([D, q, b, delta]) => {
          const y = new D(b);
          // |y| = B·10^−k with B an integer; x is built from a string so it keeps every digit.
          const [mantissa = "", exponent = "0"] = b.replace("-", "").split("e");
          const B = BigInt(mantissa);
          const x = new D(`${y.s < 0 ? "-" : ""}${(BigInt(q) * 10n + 5n) * B + delta}e${exponent}`);
          expect(parts(fastDiv(D, x, y))).toEqual(parts(D.div(x, y)));
        },
      ),
      { numRuns: 300 },
    );
  });

  const D = constructor(20, Decimal.ROUND_HALF_EVEN);
  const specials = ["0", "-0", "Infinity", "-Infinity", "NaN", "1.5", "-2e-7"];
  it.each(specials.flatMap((a) => specials.map((b) => [a, b])))("on special values: %s and %s", (a, b) => {
    const x = new D(a);
    const y = new D(b);
    expect(parts(fastMul(D, x, y))).toEqual(parts(D.mul(x, y)));
    expect(parts(fastDiv(D, x, y))).toEqual(parts(D.div(x, y)));
  });

  // With exponents limited to ±20, results beyond them become ±Infinity or ±0 as in decimal.js.
  const Small = Decimal.clone({ precision: 10, rounding: Decimal.ROUND_HALF_UP, minE: -20, maxE: 20 });
  it.each([
    ["3e15", "4e10"],
    ["9.99999999999e10", "1e10"],
    ["-3e-15", "4e-10"],
    ["1e-11", "-1e10"],
    ["1e19", "9.99999999999"],
  ])("near the exponent limits: %s and %s", (a, b) => {
    const x = new Small(a);
    const y = new Small(b);
    expect(parts(fastMul(Small, x, y))).toEqual(parts(Small.mul(x, y)));
    expect(parts(fastDiv(Small, x, y))).toEqual(parts(Small.div(x, y)));
  });

  it("are the exact field's mul and div", () => {
    const F = decimalField(30);
    const x = F.fromDecimal("0.35");
    const y = F.div(F.one, F.fromInt(3));
    // Values from Python's decimal module at the same precision and rounding.
    expect(F.toString(F.mul(x, y))).toBe("0.116666666666666666666666666667");
    expect(F.toString(y)).toBe("0.333333333333333333333333333333");
    const K = fieldOfDecimal(constructor(3, Decimal.ROUND_HALF_UP), "3-digit", "rounded");
    expect(K.toString(K.mul(K.fromDecimal("0.125"), K.fromInt(5)))).toBe("0.625");
    expect(K.toString(K.div(K.fromInt(1), K.fromInt(8)))).toBe("0.125");
    expect(K.toString(K.div(K.fromDecimal("0.625"), K.fromInt(1000)))).toBe("0.000625");
  });
});

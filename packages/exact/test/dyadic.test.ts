import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { ballField, certifyBall } from "../src/index.ts";
import { magAdd, magMul, magReciprocal, magToNumber, type Mag } from "../src/binary-bound.ts";
import {
  addDyadic,
  bitsForDigits,
  divDyadic,
  dyadicFromDecimal,
  dyadicToDecimal,
  magLowerOf,
  magUpperOf,
  mulDyadic,
  normalize,
  roundBits,
  subDyadic,
  type Dyadic,
  type Rounded,
} from "../src/dyadic.ts";
import { expDyadic } from "../src/dyadic-exp.ts";
import mpmathTable from "./mpmath-exp.json";

/** man·2^exp and m·2^e as exact fractions num/2^shift over a common power of two. */
const low = (...exps: number[]) => Math.min(...exps);
const scaled = (man: bigint, exp: number, base: number) => man << BigInt(exp - base);
/** A bound m·2^e as an integer multiple of 2^(e − 52) (m ∈ [1, 2) has 52 fraction bits). */
const magMan = (b: Mag) => BigInt(b.m * 2 ** 52);
const abs = (a: bigint) => (a < 0n ? -a : a);

/** Whether |r.mid − truth| ≤ r.error, exactly, for truth = num/den · 2^exp (den > 0). */
function within(r: Rounded, num: bigint, den: bigint, exp: number): boolean {
  const base = low(r.mid.exp, r.error.e - 52, exp);
  const mid = scaled(r.mid.man, r.mid.exp, base) * den;
  const truth = scaled(num, exp, base);
  const bound = r.error.m === 0 ? 0n : scaled(magMan(r.error), r.error.e - 52, base) * den;
  return abs(mid - truth) <= bound;
}

const bitsOf = (a: bigint) => abs(a).toString(2).length;

const P = [64, 167, 333, 3322];
const mantissa = fc.bigInt({ min: -(1n << 400n), max: 1n << 400n }).filter((m) => m !== 0n);
const dyadic = (p: number) =>
  fc
    .record({ man: mantissa, exp: fc.integer({ min: -500, max: 500 }) })
    .map(({ man, exp }) => normalize(man, exp, p).mid);

describe("binary midpoints round to p bits with a proven error", () => {
  it.each(P)(
    "rounding to %i bits errs by at most half a unit in the last place, and not at all when no bit is dropped",
    (p) => {
      fc.assert(
        fc.property(mantissa, fc.integer({ min: -100, max: 100 }), (man, exp) => {
          const r = normalize(man, exp, p);
          expect(bitsOf(r.mid.man)).toBe(p);
          expect(within(r, man, 1n, exp)).toBe(true);
          const dropped = bitsOf(man) - p;
          const exact = dropped <= 0 || (abs(man) & ((1n << BigInt(dropped)) - 1n)) === 0n;
          expect(r.error.m === 0).toBe(exact);
          // Half a unit: 2^(exp of the result's last bit − 1), or the last bit itself after a carry.
          if (!exact) expect(r.error.e).toBeLessThanOrEqual(r.mid.exp - 1);
        }),
        { numRuns: 300 },
      );
    },
  );

  it("carries a rounding up to 2^p into one bit less", () => {
    const r = roundBits((1n << 10n) - 1n, 0, 10, 4);
    expect([r.mid.man, r.mid.exp]).toEqual([8n, 7]);
  });

  it.each(P)("sums, differences and products at %i bits are the exact results within their error", (p) => {
    fc.assert(
      fc.property(dyadic(p), dyadic(p), (x, y) => {
        const base = low(x.exp, y.exp);
        const sum = scaled(x.man, x.exp, base) + scaled(y.man, y.exp, base);
        expect(within(addDyadic(x, y, p), sum, 1n, base)).toBe(true);
        const difference = scaled(x.man, x.exp, base) - scaled(y.man, y.exp, base);
        expect(within(subDyadic(x, y, p), difference, 1n, base)).toBe(true);
        expect(within(mulDyadic(x, y, p), x.man * y.man, 1n, x.exp + y.exp)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it.each(P)(
    "a quotient at %i bits is within its bound from the remainder, and exact when it is zero",
    (p) => {
      fc.assert(
        fc.property(dyadic(p), dyadic(p), (x, y) => {
          const q = divDyadic(x, y, p);
          const sign = y.man < 0n ? -1n : 1n;
          expect(within(q, sign * x.man, sign * y.man, x.exp - y.exp)).toBe(true);
          // Under three quarters of a unit in the last place.
          expect(magToNumber(q.error) <= 0.75 * 2 ** q.mid.exp * (1 + 2 ** -40) || q.mid.exp < -1000).toBe(
            true,
          );
        }),
        { numRuns: 300 },
      );
      const x = dyadicFromDecimal("3", p).mid;
      expect(divDyadic(x, dyadicFromDecimal("0.75", p).mid, p).error.m).toBe(0);
      expect(divDyadic(x, dyadicFromDecimal("7", p).mid, p).error.m).toBeGreaterThan(0);
    },
  );

  it.each([
    ["0.5", true],
    ["1", true],
    ["0.25", true],
    ["-1e3", true],
    ["0.05", false],
    ["0.1", false],
    ["-1e-30", false],
  ] as const)("reads the decimal %s exactly only when it is dyadic", (s, dyadicInput) => {
    const p = 187;
    const r = dyadicFromDecimal(s, p);
    expect(r.error.m === 0).toBe(dyadicInput);
    const D = Decimal.clone({ precision: 400 });
    const { value, error } = dyadicToDecimal(D, r.mid, 300);
    const bound = dyadicToDecimal(D, { man: magMan(r.error), exp: r.error.e - 52 }, 300);
    expect(value.minus(s).abs().lte(error.plus(bound.value).plus(bound.error))).toBe(true);
  });

  it("converts to decimal exactly on BigInt: the value lies in [decimal, decimal + one unit of its last digit]", () => {
    const D = Decimal.clone({ precision: 2000, minE: -9e15, maxE: 9e15 });
    fc.assert(
      fc.property(dyadic(187), fc.integer({ min: 10, max: 80 }), (x, digits) => {
        const { value, error } = dyadicToDecimal(D, x, digits);
        const truth = new D(x.man.toString()).times(new D(2).pow(x.exp));
        const gap = truth.abs().minus(value.abs());
        expect(gap.gte(0) && gap.lte(error)).toBe(true);
        // At least `digits` significant digits: the unit is below |value|·10^(1 − digits).
        expect(error.lte(value.abs().times(`1e${1 - digits}`))).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it("bounds magnitudes from above and below", () => {
    fc.assert(
      fc.property(dyadic(3322), (x) => {
        const toDecimal = (b: Mag) => new Decimal(b.m).times(new Decimal(2).pow(b.e));
        const D = Decimal.clone({ precision: 1100 });
        const value = new D(x.man.toString()).abs().times(new D(2).pow(x.exp));
        expect(toDecimal(magUpperOf(x)).gte(value)).toBe(true);
        expect(toDecimal(magLowerOf(x)).lte(value)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

describe("binary radii are upper bounds", () => {
  const D = Decimal.clone({ precision: 200 });
  const arbitrary = fc
    .record({ m: fc.integer({ min: 0, max: 2 ** 52 - 1 }), e: fc.integer({ min: -1000, max: 1000 }) })
    .map(({ m, e }): Mag => ({ m: 1 + m / 2 ** 52, e }));
  const value = (b: Mag) => new D(magMan(b).toString()).times(new D(2).pow(b.e - 52));
  it("for sums, products and reciprocals", () => {
    fc.assert(
      fc.property(arbitrary, arbitrary, (a, b) => {
        expect(value(magAdd(a, b)).gte(D.add(value(a), value(b)))).toBe(true);
        expect(value(magMul(a, b)).gte(D.mul(value(a), value(b)))).toBe(true);
        expect(value(magReciprocal(a)).gte(D.div(1, value(a)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the binary exp has a proven error bound below one unit in the last place", () => {
  const ARGUMENTS = [
    "-0.8333",
    "0.5",
    "1",
    "-1",
    "12.3456789",
    "-35.5",
    "0.000123",
    "-700.25",
    "999.9",
    "1e-40",
    "-350000",
  ];
  for (const digits of [50, 100, 1000, 2000]) {
    it.each(ARGUMENTS)(`e^x at ${digits} digits, x = %s, against decimal.js at 60 digits more`, (arg) => {
      const p = bitsForDigits(digits);
      const x: Dyadic = dyadicFromDecimal(arg, p).mid;
      const H = Decimal.clone({ precision: digits + 60, minE: -9e15, maxE: 9e15 });
      // The exact binary argument, then its exponential far beyond p bits.
      const truth = H.exp(dyadicToDecimal(H, x, digits + 70).value);
      const r = expDyadic(x, p);
      const { value } = dyadicToDecimal(H, r.mid, digits + 50);
      const bound = dyadicToDecimal(H, { man: magMan(r.error), exp: r.error.e - 52 }, 20);
      expect(value.minus(truth).abs().lte(bound.value.plus(bound.error)), `e^${arg}`).toBe(true);
      // The bound itself: at most one unit in the last of the p bits (half of it from rounding).
      expect(r.error.e).toBeLessThanOrEqual(r.mid.exp);
    });
  }

  // mpmath's values (digits + 20 digits) of e^x for the decimal x: the ball of e^(x ± its
  // reading error) must hold them, and every certified digit must be mpmath's.
  it.each(mpmathTable.rows.filter((r) => r.digits >= 50))(
    "a ball's e^$x at $digits digits holds mpmath's value",
    (row) => {
      const F = ballField(row.digits + 6);
      const c = certifyBall(F.exp(F.fromDecimal(row.x)), row.digits);
      const truth = new Decimal(row.exp);
      const slack = truth.abs().times(`1e-${row.digits + 19}`);
      expect(truth.minus(c.value).abs().lte(c.errorBound.plus(slack))).toBe(true);
      expect(c.certifiedDigits).toBeGreaterThanOrEqual(row.digits - 1);
      const D = Decimal.clone({ precision: row.digits + 30 });
      expect(c.certified!.toString()).toBe(
        new D(row.exp).toSignificantDigits(c.certifiedDigits, Decimal.ROUND_HALF_EVEN).toString(),
      );
    },
  );
});

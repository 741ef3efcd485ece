import fc from "fast-check";
import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { ballField, certifyBall, exactExp, type Ball } from "../src/index.ts";
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
      // Exact quotients of either sign (the residues mod 2^64 agree, then the full product does).
      expect(divDyadic(dyadicFromDecimal("-3", p).mid, dyadicFromDecimal("0.75", p).mid, p).error.m).toBe(0);
      expect(divDyadic(x, dyadicFromDecimal("-0.375", p).mid, p).error.m).toBe(0);
      expect(
        divDyadic(dyadicFromDecimal("-1", p).mid, dyadicFromDecimal("-3", p).mid, p).error.m,
      ).toBeGreaterThan(0);
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

  it.each([187, 3322])("bounds magnitudes at %i bits from above and below", (p) => {
    fc.assert(
      fc.property(dyadic(p), (x) => {
        const toDecimal = (b: Mag) => new Decimal(b.m).times(new Decimal(2).pow(b.e));
        const D = Decimal.clone({ precision: 1100 });
        const value = new D(x.man.toString()).abs().times(new D(2).pow(x.exp));
        expect(toDecimal(magUpperOf(x, p)).gte(value)).toBe(true);
        expect(toDecimal(magLowerOf(x, p)).lte(value)).toBe(true);
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
      // Each check raises 2 to a power of up to ±1052 at 200 digits: 400 pairs take seconds.
      { numRuns: 400 },
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
  ];
  const cases = [50, 100, 1000, 2000].flatMap((digits) =>
    // e^−350000 (about 10^−152003) only where decimal.js's own exp of it takes a moment.
    [...ARGUMENTS, ...(digits <= 100 ? ["-350000"] : [])].map((arg) => [digits, arg] as const),
  );
  it.each(cases)(
    "e^x at %i digits, x = %s, against the correctly rounded exp at 60 digits more",
    (digits, arg) => {
      const p = bitsForDigits(digits);
      const x: Dyadic = dyadicFromDecimal(arg, p).mid;
      const H = Decimal.clone({ precision: digits + 60, minE: -9e15, maxE: 9e15 });
      // The exact binary argument, then its exponential far beyond p bits (exactExp is
      // decimal.js's correctly rounded exp, exp.test.ts).
      const truth = exactExp(dyadicToDecimal(H, x, digits + 70).value);
      const r = expDyadic(x, p);
      const { value } = dyadicToDecimal(H, r.mid, digits + 50);
      const bound = dyadicToDecimal(H, { man: magMan(r.error), exp: r.error.e - 52 }, 20);
      expect(value.minus(truth).abs().lte(bound.value.plus(bound.error)), `e^${arg}`).toBe(true);
      // The bound itself: at most one unit in the last of the p bits (half of it from rounding).
      expect(r.error.e).toBeLessThanOrEqual(r.mid.exp);
    },
  );

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

describe("special values and extremes", () => {
  const F = ballField(56);
  const shown = (x: Ball) => [F.toString(x), certifyBall(x, 50).uncertified];
  it.each([
    ["1/0", () => F.div(F.one, F.zero), "Infinity", "unbounded"],
    ["-1/0", () => F.div(F.neg(F.one), F.zero), "-Infinity", "unbounded"],
    ["0/0", () => F.div(F.zero, F.zero), "NaN", "unbounded"],
    ["e^(10^14)", () => F.exp(F.fromDecimal("1e14")), "Infinity", "unbounded"],
    ["ln 0", () => F.ln(F.zero), "-Infinity", "unbounded"],
    ["ln −1", () => F.ln(F.fromInt(-1)), "NaN", "unbounded"],
    ["−(1/0)", () => F.neg(F.div(F.one, F.zero)), "-Infinity", "unbounded"],
    ["−(−1/0)", () => F.neg(F.div(F.neg(F.one), F.zero)), "Infinity", "unbounded"],
    ["−(0/0)", () => F.neg(F.div(F.zero, F.zero)), "NaN", "unbounded"],
    ["∞ + 1", () => F.add(F.div(F.one, F.zero), F.one), "Infinity", "unbounded"],
    ["∞ · 0", () => F.mul(F.div(F.one, F.zero), F.zero), "NaN", "unbounded"],
    ["1/∞", () => F.div(F.one, F.div(F.one, F.zero)), "0", "unbounded"],
    ["e^∞", () => F.exp(F.div(F.one, F.zero)), "Infinity", "unbounded"],
    ["e^NaN", () => F.exp(F.div(F.zero, F.zero)), "NaN", "unbounded"],
    ["e^−∞", () => F.exp(F.div(F.neg(F.one), F.zero)), "0", "unbounded"],
    // mpmath (dps 80): 1.7857787515925593488808950603821656799006908845640198672e+434294481903.
    [
      "e^(10^12)",
      () => F.exp(F.fromDecimal("1e12")),
      "1.7857787515925593488808950603821656799006908845640198672e+434294481903",
      null,
    ],
    ["tanh NaN", () => F.tanh(F.div(F.zero, F.zero)), "NaN", "unbounded"],
    ["e^(−10^14)", () => F.exp(F.fromDecimal("-1e14")), "0", "contains-zero"],
    ["1e400 · 1e400", () => F.mul(F.fromDecimal("1e400"), F.fromDecimal("1e400")), "1e+800", null],
  ] as const)("%s is %s", (_, make, text, uncertified) => {
    expect(shown(make())).toEqual([text, uncertified]);
  });

  it("compares special values as doubles, and decides ordinary ones exactly", () => {
    const inf = F.div(F.one, F.zero);
    expect([F.compare(inf, F.one), F.compare(F.one, inf), F.compare(inf, inf)]).toEqual([1, -1, 0]);
    const third = F.div(F.one, F.fromInt(3));
    const values = [F.neg(F.fromInt(5)), F.neg(third), F.zero, third, F.fromInt(2), F.fromDecimal("1e300")];
    values.forEach((a, i) =>
      values.forEach((b, j) => expect(F.compare(a, b), `${i} ${j}`).toBe(Math.sign(i - j))),
    );
    expect([F.toNumber(F.fromDecimal("1e400")), F.toNumber(F.fromDecimal("-2.5")), F.toNumber(inf)]).toEqual([
      Infinity,
      -2.5,
      Infinity,
    ]);
  });

  it("adds across any exponent gap and through cancellations", () => {
    const p = 187;
    const one = dyadicFromDecimal("1", p).mid;
    const tiny = dyadicFromDecimal("1e-100", p).mid;
    const sum = addDyadic(one, tiny, p);
    expect([sum.mid, sum.error.m > 0]).toEqual([one, true]);
    const near = dyadicFromDecimal("1.0000000001", p).mid;
    const d = subDyadic(near, one, p);
    expect(Number(dyadicToDecimal(Decimal, d.mid, 20).value.toPrecision(5))).toBeCloseTo(1e-10, 15);
    // Mantissas beyond 2^1000 count their bits from the hexadecimal digits.
    const wide = dyadicFromDecimal(`1${"0".repeat(400)}`, 3322);
    expect(wide.error.m).toBe(0);
    // 10^400 < 2^1329.
    expect(magUpperOf(wide.mid, 3322).e).toBe(1328);
  });
});

describe("binary radii at their limits", () => {
  it("take any double, and zero and infinity, as bounds", async () => {
    const b = await import("../src/binary-bound.ts");
    const at = (m: Mag) => m.m * 2 ** m.e;
    expect(at(b.magOf(1e-300)) >= 1e-300 && at(b.magOf(1e300)) >= 1e300).toBe(true);
    expect([b.magOf(0), b.magOf(Infinity), b.magOf(NaN)]).toEqual([
      b.MAG_ZERO,
      b.MAG_INFINITE,
      b.MAG_INFINITE,
    ]);
    expect(b.magOfBelow(0)).toEqual(b.MAG_ZERO);
    expect(at(b.magOfBelow(1e20)) <= 1e20).toBe(true);
    expect([b.magReciprocal(b.MAG_ZERO), b.magReciprocal(b.MAG_INFINITE)]).toEqual([
      b.MAG_INFINITE,
      b.MAG_ZERO,
    ]);
    expect([b.magAdd(b.MAG_INFINITE, b.magPow2(0)), b.magMul(b.MAG_ZERO, b.MAG_INFINITE)]).toEqual([
      b.MAG_INFINITE,
      b.MAG_ZERO,
    ]);
    expect(b.magMul(b.MAG_INFINITE, b.magPow2(3))).toEqual(b.MAG_INFINITE);
    expect(b.magAdd(b.magPow2(0), b.magPow2(-100))).toEqual(b.magOf(1));
    expect([b.magToNumber(b.MAG_ZERO), b.magToNumber(b.MAG_INFINITE)]).toEqual([0, Infinity]);
    expect(b.magExpNeg(-1)).toEqual(b.magPow2(0));
    const below = [
      [b.MAG_ZERO, b.MAG_INFINITE, true],
      [b.magPow2(5), b.MAG_INFINITE, true],
      [b.MAG_INFINITE, b.MAG_INFINITE, false],
      [b.magPow2(5), b.MAG_ZERO, false],
      [b.magPow2(5), b.magPow2(1), false],
      [b.magPow2(1), b.magPow2(5), true],
      [b.magPow2(1), b.magOf(3), true],
      [b.magOf(3), b.magPow2(1), false],
    ] as const;
    for (const [x, y, r] of below) expect(b.magBelow(x, y), `${x.m}·2^${x.e} ≤ ${y.m}·2^${y.e}`).toBe(r);
  });
});

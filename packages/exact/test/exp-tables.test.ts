import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitsForDigits, normalize, type Dyadic, type Rounded } from "../src/dyadic.ts";
import { expDyadic } from "../src/dyadic-exp.ts";
import { EXP_TABLE_GUARD_DIGITS, tableExp } from "../src/exp-tables.ts";

/** `tableExp` at `digits` digits, with the guard the ball field gives it. */
function tablesAt(digits: number) {
  const p = bitsForDigits(digits);
  const wideBits = bitsForDigits(digits + EXP_TABLE_GUARD_DIGITS);
  return (a: Dyadic) => tableExp(a, p, wideBits);
}

/** |x.mid − y.mid| ≤ x.error + y.error, exactly: the two bounds describe overlapping intervals. */
function overlap(x: Rounded, y: Rounded): boolean {
  const base = Math.min(x.mid.exp, y.mid.exp, x.error.e - 52, y.error.e - 52);
  const at = (man: bigint, exp: number) => man << BigInt(exp - base);
  const bound = (b: Rounded["error"]) => (b.m === 0 ? 0n : at(BigInt(b.m * 2 ** 52), b.e - 52));
  const d = at(x.mid.man, x.mid.exp) - at(y.mid.man, y.mid.exp);
  return (d < 0n ? -d : d) <= bound(x.error) + bound(y.error);
}

const argument = (p: number) =>
  fc
    .record({
      man: fc.bigInt({ min: -(1n << 200n), max: 1n << 200n }),
      exp: fc.integer({ min: -260, max: -194 }),
    })
    .map(({ man, exp }) => normalize(man, exp, p).mid);

describe("the ball exp split at a table point", () => {
  it("agrees with the direct exp at 64 more bits, within both error bounds", () => {
    const digits = 120;
    const p = bitsForDigits(digits);
    const exp = tablesAt(digits);
    fc.assert(
      fc.property(argument(p), (a) => {
        const r = exp(a);
        expect(overlap(r, expDyadic(normalize(a.man, a.exp, p + 64).mid, p + 64))).toBe(true);
        // The bound stays about one unit in the last place, as the direct exp's does.
        if (r.error.m !== 0) expect(r.error.e).toBeLessThanOrEqual(r.mid.exp + 1);
      }),
      { numRuns: 300 },
    );
  });

  it("bounds the products' own error, read at the tables' precision (no final rounding to hide it)", () => {
    const bits = bitsForDigits(120);
    fc.assert(
      fc.property(argument(bits), (a) => {
        const r = tableExp(a, bits, bits);
        expect(overlap(r, expDyadic(normalize(a.man, a.exp, bits + 64).mid, bits + 64))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it("gives a result that depends on the argument alone, not on what the tables hold", () => {
    // A precision no other test uses, so that its tables start empty.
    const exp = tablesAt(131);
    const p = bitsForDigits(131);
    const first = normalize(-38_654_705_663n, -35, p).mid; // about −1.125, every table level used
    const cold = exp(first);
    fc.assert(
      fc.property(argument(p), (a) => void exp(a)),
      { numRuns: 200 },
    );
    expect(exp(first)).toEqual(cold);
  });

  it("leaves zero, special values and arguments beyond the tables to the direct exp", () => {
    const p = bitsForDigits(120);
    const exp = tablesAt(120);
    for (const a of [normalize(0n, 0, p).mid, normalize(65n, 0, p).mid, normalize(-100n, 0, p).mid]) {
      expect(exp(a)).toEqual(expDyadic(a, p));
    }
  });
});

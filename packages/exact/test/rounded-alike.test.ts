import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { certifyBall, certifiedUpTo, type Ball } from "../src/index.ts";

/** Exact decimals of binary numbers of a few hundred bits. */
const Wide = Decimal.clone({ precision: 3000, minE: -9e15, maxE: 9e15 });
const exactly = (man: bigint, exp: number) => new Wide(man.toString()).times(new Wide(2).pow(exp));

/** The certified digits by brute force: the largest k ≤ cap at which the exact ends round alike. */
function bruteForce(ball: Ball, cap: number): { digits: number; value: string } | null {
  const mid = exactly(ball.mid.man, ball.mid.exp);
  const rad = ball.rad.m === 0 ? new Wide(0) : new Wide(ball.rad.m).times(new Wide(2).pow(ball.rad.e));
  const lo = mid.minus(rad);
  const hi = mid.plus(rad);
  if (lo.isZero() || hi.isZero() || lo.isNeg() !== hi.isNeg()) return null;
  for (let k = cap; k >= 1; k--) {
    const a = lo.toSignificantDigits(k, Decimal.ROUND_HALF_EVEN);
    if (a.eq(hi.toSignificantDigits(k, Decimal.ROUND_HALF_EVEN))) return { digits: k, value: a.toString() };
  }
  return null;
}

/** A small deterministic generator (mulberry32). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomBall(next: () => number, p: number): Ball {
  let man = 1n;
  for (let i = 1; i < p; i++) man = (man << 1n) | (next() < 0.5 ? 1n : 0n);
  if (next() < 0.5) man = -man;
  const exp = Math.floor(next() * 500) - 400;
  if (next() < 0.1) return { mid: { man, exp }, rad: { m: 0, e: 0 } };
  // From far below the last bit to beyond the midpoint itself.
  const e = exp + Math.floor(next() * (p + 120)) - 110;
  const m = 1 + Math.floor(next() * 2 ** 52) / 2 ** 52;
  return { mid: { man, exp }, rad: { m, e } };
}

describe("certified digits from the exact ends of a ball", () => {
  it("are the largest k at which the exact ends round alike, on random balls", () => {
    const next = generator(20261201);
    for (let i = 0; i < 400; i++) {
      const ball = randomBall(next, 120 + Math.floor(next() * 100));
      const cap = 1 + Math.floor(next() * 50);
      const expected = bruteForce(ball, cap);
      const q = certifyBall(ball, cap);
      expect(q.certifiedDigits, `ball ${i}`).toBe(expected?.digits ?? 0);
      expect(q.certified?.toString() ?? null, `ball ${i}`).toBe(expected?.value ?? null);
    }
  });

  it("round half to even at exact ties", () => {
    const exact = (man: bigint, exp: number): Ball => ({ mid: { man, exp }, rad: { m: 0, e: 0 } });
    expect(certifyBall(exact(1n, -2), 1).certified!.toString()).toBe("0.2"); // 0.25
    expect(certifyBall(exact(3n, -3), 2).certified!.toString()).toBe("0.38"); // 0.375
    expect(certifyBall(exact(-1n, -2), 1).certified!.toString()).toBe("-0.2");
    expect(certifyBall(exact(5n, 0), 1).certified!.toString()).toBe("5");
    expect(certifyBall(exact(0n, 0), 7)).toMatchObject({ certifiedDigits: 7, uncertified: null });
  });

  it("agree across a power of ten (0.0999… and 0.1000… both round to 0.1)", () => {
    // mid = 0.1 rounded to 64 bits, rad 2^−40: the ends straddle 0.1.
    const man = (1n << 64n) / 10n + 1n;
    const ball: Ball = { mid: { man, exp: -64 }, rad: { m: 1, e: -40 } };
    const q = certifyBall(ball, 20);
    expect(q.certified!.toString()).toBe(bruteForce(ball, 20)!.value);
    expect(q.certifiedDigits).toBe(bruteForce(ball, 20)!.digits);
  });

  it("certify nothing when the ball reaches zero, and round at fewer digits alike", () => {
    expect(certifyBall({ mid: { man: 3n, exp: -2 }, rad: { m: 1, e: -1 } }, 10).uncertified).toBe(
      "contains-zero",
    );
    expect(certifyBall({ mid: { man: 0n, exp: 0 }, rad: { m: 1, e: -90 } }, 10).uncertified).toBe(
      "contains-zero",
    );
    const next = generator(7);
    for (let i = 0; i < 50; i++) {
      const ball = randomBall(next, 180);
      const q = certifyBall(ball, 40);
      for (const cap of [1, 3, 10]) {
        if (q.certifiedDigits < cap) continue;
        expect(certifiedUpTo(q, cap)!.toString()).toBe(bruteForce(ball, cap)!.value);
      }
    }
  });

  it("are found from a decimal interval for a midpoint beyond 2^±4000000", () => {
    // e^−3000000 ≈ 2^−4328085: its midpoint and radius at 56 digits.
    const ball: Ball = {
      mid: { man: (1n << 186n) + 12345n, exp: -4_328_272 },
      rad: { m: 1.5, e: -4_328_272 + 5 },
    };
    const q = certifyBall(ball, 50);
    expect(q.certifiedDigits).toBeGreaterThan(40);
    // The midpoint, within the bound of the exact value, rounds to the certified digits.
    expect(q.value.toSignificantDigits(q.certifiedDigits, Decimal.ROUND_HALF_EVEN).eq(q.certified!)).toBe(
      true,
    );
  });
});

import { describe, expect, it } from "vitest";
import { exactDecimalConstructor } from "../src/decimal-field.ts";
import { decimalText } from "../src/decimal-text.ts";

/** decimal.js's own text of ±n·10^s at the exact mode's settings: what `decimalText` must reproduce. */
function reference(negative: boolean, n: bigint, s: number): string {
  const D = exactDecimalConstructor(2100);
  return new D(`${negative ? "-" : ""}${n}e${s}`).toString();
}

describe("decimalText", () => {
  it("writes fixed and exponential notation at decimal.js's thresholds", () => {
    // Leading digits at 10^-8 … 10^22 cross both thresholds (e ≤ −7 and e ≥ 21).
    for (let e = -8; e <= 22; e++) {
      for (const n of [1n, 5n, 12n, 1234567n, 10n, 1200n, 100000n]) {
        const s = e - (n.toString().length - 1);
        for (const negative of [false, true]) {
          expect(decimalText(negative, n, s), `${negative ? "-" : ""}${n}e${s}`).toBe(
            reference(negative, n, s),
          );
        }
      }
    }
  });

  it("agrees with decimal.js on random values of up to 2000 digits", () => {
    let state = 12345;
    const next = (m: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % m;
    };
    for (let trial = 0; trial < 500; trial++) {
      const length = 1 + next(trial % 10 === 0 ? 2000 : 60);
      let digits = String(1 + next(9));
      while (digits.length < length) digits += String(next(10));
      // Some values end in zeros, as a rounding that carries (9.99… to 10.0…) does.
      if (trial % 4 === 0) digits += "0".repeat(1 + next(5));
      const n = BigInt(digits);
      const s = next(120) - 80;
      const negative = trial % 3 === 0;
      expect(decimalText(negative, n, s)).toBe(reference(negative, n, s));
    }
  });

  it("writes zero as 0", () => {
    expect(decimalText(false, 0n, -5)).toBe("0");
    expect(decimalText(true, 0n, 3)).toBe("0");
  });
});

import { decimalField } from "@bpcheck/exact";
import type Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoField } from "../src/memo-field.ts";

const F = decimalField(60);

/** Decimal strings of every shape the step meets: zeros of both signs, tiny, huge, many digits. */
const decimalText = fc.oneof(
  fc.constantFrom(
    "0",
    "-0",
    "1",
    "-1",
    "0.5",
    "1e-40",
    "-3.25e30",
    "0.1234567890123456789012345678901234567890123456789012345678901234",
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }).map((x) => x.toString()),
);

/** The sign (a zero's too) and the digits. */
const digitsOf = (x: Decimal) => [x.isNegative(), x.toString()];

describe("memoField", () => {
  it("gives the same value as the field it remembers for, each time an operation meets the same operands", () => {
    const M = memoField(F, 50);
    fc.assert(
      fc.property(decimalText, decimalText, (sa, sb) => {
        const a = F.fromDecimal(sa);
        const b = F.fromDecimal(sb);
        const pairs: [Decimal, Decimal][] = [
          [M.add(a, b), F.add(a, b)],
          [M.sub(a, b), F.sub(a, b)],
          [M.mul(a, b), F.mul(a, b)],
          [M.neg(a), F.neg(a)],
          [M.tanh(a), F.tanh(a)],
        ];
        if (!b.isZero()) pairs.push([M.div(a, b), F.div(a, b)]);
        if (a.lt(1000)) pairs.push([M.exp(a), F.exp(a)]);
        if (a.gt(0)) pairs.push([M.ln(a), F.ln(a)]);
        for (const [remembered, computed] of pairs) expect(digitsOf(remembered)).toEqual(digitsOf(computed));
        // Met again (from a fresh parse: equal digits, another object), the same result.
        expect(M.tanh(F.fromDecimal(sa))).toBe(M.tanh(a));
      }),
      { numRuns: 300 },
    );
  });

  it("keeps −0 and 0 apart, whose quotients differ in sign", () => {
    const M = memoField(F);
    const minusZero = F.fromDecimal("-0");
    expect(M.div(minusZero, F.one).isNegative()).toBe(true);
    expect(M.div(F.zero, F.one).isNegative()).toBe(false);
  });

  it("starts afresh when full, and still computes right", () => {
    const M = memoField(F, 3);
    const values = ["1", "2", "3", "4", "5"].map((s) => F.fromDecimal(s));
    const first = M.div(values[0]!, values[1]!);
    for (const v of values) M.div(v, v);
    const again = M.div(values[0]!, values[1]!);
    expect(again).not.toBe(first);
    expect(again.toString()).toBe("0.5");
  });
});

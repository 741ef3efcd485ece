import { describe, expect, it } from "vitest";
import Decimal from "decimal.js";
import { agreeingDigits, certify, decimalField } from "../src/index.ts";

describe("agreeingDigits", () => {
  it.each([
    ["1.2345", "1.2345", 50, 50],
    ["1.2345", "1.2346", 50, 4],
    ["0.001", "0.0011", 50, 1],
    ["5", "7", 50, 0],
    ["1e-30", "0", 50, 30],
    ["3.14159", "3.14159265", 4, 4],
  ])("%s against %s (cap %s): %s digits", (a, b, cap, n) => {
    expect(agreeingDigits(new Decimal(a), new Decimal(b), cap)).toBe(n);
  });

  it("equals ⌊−log10 of the relative difference⌋ at exact powers of ten and between them", () => {
    const byLog = (a: Decimal, b: Decimal) =>
      Math.max(0, Math.min(60, Math.floor(-Decimal.log10(a.minus(b).abs().div(b.abs())).toNumber())));
    for (const [a, b] of [
      ["1.1", "1"],
      ["1.01", "1"],
      ["1.0099999", "1"],
      ["2.5", "2.5000000001"],
      ["0.7", "0.70000000000000000007"],
      ["123456", "123457"],
      ["9.99", "10"],
    ]) {
      expect(agreeingDigits(new Decimal(a!), new Decimal(b!), 60)).toBe(
        byLog(new Decimal(a!), new Decimal(b!)),
      );
    }
  });
});

describe("certify", () => {
  it("certifies every digit of e^1 at 30 digits", () => {
    const [q] = certify((F) => [{ name: "e", value: F.exp(F.one) }], 30);
    expect(q!.certifiedDigits).toBe(30);
    expect(q!.value.toString()).toBe("2.71828182845904523536028747135");
  });

  it("reports the digits lost to cancellation", () => {
    // (1 + 10^-25) − 1 keeps only 5 of 30 digits: its working value is 1e-25 but the
    // 1/3 below the cut makes the two runs differ after a few digits.
    const [q] = certify((F) => {
      const third = F.div(F.one, F.fromInt(3));
      return [{ name: "d", value: F.sub(F.add(F.one, F.mul(third, F.fromDecimal("1e-25"))), F.one) }];
    }, 30);
    expect(q!.certifiedDigits).toBeLessThan(10);
    expect(q!.certifiedDigits).toBeGreaterThanOrEqual(3);
  });

  it("keeps the rerun's value, which rounds correctly where the working value is a unit off", () => {
    // The seed's z[1][0] at 20 digits ends …93943 where the true value rounds to …93944
    // (packages/cli/test/run.test.ts); here the rerun's value, cut to the certified
    // digits, is checked against the correctly rounded 2/3.
    const [q] = certify((F) => [{ name: "third", value: F.div(F.fromInt(2), F.fromInt(3)) }], 20);
    expect(q!.value.toString()).toBe("0.66666666666666666667");
    expect(q!.reference.toSignificantDigits(q!.certifiedDigits).toString()).toBe(
      new Decimal(2).div(3).toSignificantDigits(q!.certifiedDigits).toString(),
    );
  });

  it("certifies beyond half the largest user precision (the rerun may exceed it)", () => {
    const [q] = certify((F) => [{ name: "e", value: F.exp(F.one) }], 1500);
    expect(q!.certifiedDigits).toBe(1500);
  });

  it("refuses runs whose quantities differ", () => {
    let calls = 0;
    expect(() => certify((F) => [{ name: calls++ === 0 ? "a" : "b", value: F.one }], 20)).toThrow(/differ/);
  });
});

describe("decimalField", () => {
  it.each([9, 2001, 12.5])("refuses %s digits", (d) => {
    expect(() => decimalField(d)).toThrow(/out of range/);
  });

  it("takes decimal inputs exactly and rounds results half to even", () => {
    const F = decimalField(10);
    expect(F.toString(F.fromDecimal("0.1234567890123"))).toBe("0.1234567890123");
    expect(F.toString(F.add(F.fromDecimal("1"), F.fromDecimal("2.5e-10")))).toBe("1");
    expect(F.toString(F.add(F.fromDecimal("1"), F.fromDecimal("7.5e-10")))).toBe("1.000000001");
    expect(F.compare(F.neg(F.one), F.zero)).toBe(-1);
    expect(F.toNumber(F.ln(F.exp(F.fromInt(2))))).toBe(2);
    expect(F.toString(F.tanh(F.zero))).toBe("0");
  });

  it("never changes decimal.js's global settings", () => {
    const before = Decimal.precision;
    decimalField(500);
    expect(Decimal.precision).toBe(before);
  });
});

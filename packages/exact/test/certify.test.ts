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
    expect(q!.certified!.toString()).toBe("2.71828182845904523536028747135");
  });

  it("gives the correctly rounded value, not the midpoint cut short", () => {
    const [q] = certify((F) => [{ name: "two thirds", value: F.div(F.fromInt(2), F.fromInt(3)) }], 20);
    expect(q!.certified!.toString()).toBe("0.66666666666666666667");
    expect(q!.certified!.toString()).toBe(
      new Decimal(2).div(3).toSignificantDigits(q!.certifiedDigits, Decimal.ROUND_HALF_EVEN).toString(),
    );
  });

  it("certifies at the largest precision", () => {
    const [q] = certify((F) => [{ name: "e", value: F.exp(F.one) }], 2000);
    expect(q!.certifiedDigits).toBe(2000);
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

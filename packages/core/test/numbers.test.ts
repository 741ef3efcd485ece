import { describe, expect, it } from "vitest";
import {
  activate,
  activationDerivative,
  float32,
  float64,
  loss,
  lossGradient,
  type LossName,
} from "../src/index.ts";
import { expectClose } from "./expect-close.ts";

describe("float32", () => {
  it.each([
    ["add", float32.add(0.1, 0.2), Math.fround(Math.fround(0.1) + Math.fround(0.2))],
    ["sub", float32.sub(1, 1e-8), Math.fround(1 - 1e-8)],
    ["mul", float32.mul(1 / 3, 3), Math.fround(Math.fround(1 / 3) * 3)],
    ["div", float32.div(1, 3), Math.fround(1 / 3)],
    ["exp", float32.exp(1), Math.fround(Math.E)],
    ["ln", float32.ln(10), Math.fround(Math.LN10)],
    ["tanh", float32.tanh(0.5), Math.fround(Math.tanh(0.5))],
    ["fromDecimal", float32.fromDecimal("0.1"), Math.fround(0.1)],
  ])("%s rounds its result to binary32", (_, actual, expected) => {
    expect(actual).toBe(expected);
    expect(Math.fround(actual)).toBe(actual);
  });

  it.each([
    [0.1, "0.1"],
    [0.755, "0.755"],
    [1 / 3, "0.33333334"],
    [16777217, "16777216"],
    [0, "0"],
    [-2.5, "-2.5"],
    [1.2609013511340455e33, "1.26090135e+33"],
    [Infinity, "Infinity"],
  ])("prints %s as the shortest string that reads back: %s", (x, s) => {
    expect(float32.toString(float32.fromDecimal(String(x)))).toBe(s);
  });

  it.each([float32, float64])("$name orders, negates and counts like the reals", (F) => {
    expect([F.compare(F.one, F.zero), F.compare(F.zero, F.one), F.compare(F.one, F.fromInt(1))]).toEqual([
      1, -1, 0,
    ]);
    expect(F.neg(F.fromDecimal("0.5"))).toBe(-0.5);
    expect(F.toNumber(F.fromInt(7))).toBe(7);
  });

  it("1 + 2^-24 rounds back to 1 (binary32 has 24 significant bits)", () => {
    expect(float32.add(1, 2 ** -24)).toBe(1);
    expect(float64.add(1, 2 ** -24)).not.toBe(1);
  });
});

describe("activations", () => {
  it.each([
    ["sigmoid", "0", 0.5, 0.25],
    ["sigmoid", "-1000", 0, 0],
    ["sigmoid", "1000", 1, 0],
    ["tanh", "0", 0, 1],
    ["tanh", "1", Math.tanh(1), 1 - Math.tanh(1) ** 2],
    ["relu", "-1", 0, 0],
    ["relu", "0", 0, 0],
    ["relu", "3", 3, 1],
    ["identity", "-2", -2, 1],
  ] as const)("%s(%s) is %s with derivative %s", (name, z, value, derivative) => {
    const x = float64.fromDecimal(z);
    const a = activate(float64, name, x);
    expect(a).toBe(value);
    expect(activationDerivative(float64, name, x, a)).toBe(derivative);
  });
});

describe("losses", () => {
  it.each([
    ["half-sse", [0.5], [0.75], 0.03125],
    ["half-sse", [1, 0], [0.5, 0.5], 0.25],
    ["mse", [1, 0], [0.5, 0.5], 0.25],
    ["mse", [1], [0], 1],
    ["bce", [1], [0.5], Math.LN2],
    ["bce", [0, 1], [0.5, 0.5], Math.LN2],
  ] as const)("%s of y=%j, ŷ=%j is %s", (name, y, yHat, expected) => {
    expectClose(loss(float64, name, y, yHat), expected, { ulps: 1 }, name);
  });

  it.each(["half-sse", "mse", "bce"] as LossName[])(
    "the gradient of %s matches a central difference",
    (name) => {
      const y = [0.2, 0.9];
      const yHat = [0.35, 0.6];
      const g = lossGradient(float64, name, y, yHat);
      const h = 1e-6;
      yHat.forEach((_, k) => {
        const at = (d: number) =>
          loss(
            float64,
            name,
            y,
            yHat.map((v, i) => (i === k ? v + d : v)),
          );
        expectClose(g[k]!, (at(h) - at(-h)) / (2 * h), { rtol: 1e-8 }, `∂L/∂ŷ[${k}] of ${name}`);
      });
    },
  );
});

import { describe, expect, it } from "vitest";
import { instantiate, deriveFirstStep, type Field, type ProblemSpec } from "@bpcheck/core";
import { ballField, certify, type Ball } from "../src/index.ts";
import { inBallArithmetic } from "../src/certify.ts";
import { exactTracking } from "../src/exact-tracking.ts";

/** A ReLU at 0.1·0.5 − 0.05: exactly 0, but 0.1 and 0.05 are not binary numbers. */
const reluAtDecimalZero = (F: Field<Ball>) => {
  const z = F.sub(F.mul(F.fromDecimal("0.1"), F.fromDecimal("0.5")), F.fromDecimal("0.05"));
  const a = F.compare(z, F.zero) > 0 ? z : F.zero;
  return [
    { name: "z", value: z },
    { name: "relu", value: a },
    { name: "sigmoid", value: F.div(F.one, F.add(F.one, F.exp(F.neg(a)))) },
  ];
};

describe("exact decimals tracked beside the balls", () => {
  it("decides a ReLU at an input that is exactly 0 only through its decimals", () => {
    // The plain binary balls cannot decide it at any precision …
    const plain = inBallArithmetic((F) => {
      const z = F.sub(F.mul(F.fromDecimal("0.1"), F.fromDecimal("0.5")), F.fromDecimal("0.05"));
      return F.compare(z, F.zero);
    }, 30);
    expect(plain.tracked).toBe(true);
    expect(plain.undecided).toBe(false);
    const untracked = { undecided: false };
    const F = ballField(36, untracked);
    F.compare(F.sub(F.mul(F.fromDecimal("0.1"), F.fromDecimal("0.5")), F.fromDecimal("0.05")), F.zero);
    expect(untracked.undecided).toBe(true);
    // … and `certify` certifies every value, the zero exactly.
    const [z, relu, sigmoid] = certify(reluAtDecimalZero, 30);
    expect([z!.certified?.toString(), z!.certifiedDigits]).toEqual(["0", 30]);
    expect([relu!.certified?.toString(), sigmoid!.certified?.toString()]).toEqual(["0", "0.5"]);
  });

  it("tracks sums, products and negations exactly, and stops at a division", () => {
    const T = exactTracking(ballField(56), 56);
    const exactOf = (x: Ball) => (x as Ball & { exact?: { n: bigint; s: number } }).exact;
    const z = T.add(T.mul(T.fromDecimal("-1.5e-3"), T.fromDecimal("20")), T.neg(T.fromDecimal("-0.03")));
    expect(exactOf(z)).toEqual({ n: 0n, s: 0 });
    expect(T.compare(z, T.zero)).toBe(0);
    expect(exactOf(T.mul(T.fromDecimal("0.25"), T.fromInt(3)))).toEqual({ n: 75n, s: 2 });
    expect(exactOf(T.div(T.fromDecimal("0.1"), T.fromInt(2)))).toBeUndefined();
    expect(exactOf(T.exp(T.zero))).toEqual({ n: 1n, s: 0 });
    expect(exactOf(T.exp(T.fromDecimal("0.5")))).toBeUndefined();
  });

  it("leaves a zero it cannot prove (through a division) uncertified", () => {
    const [q] = certify((F) => {
      const third = F.div(F.fromDecimal("0.1"), F.fromInt(3));
      return [{ name: "z", value: F.sub(F.mul(third, F.fromInt(3)), F.fromDecimal("0.1")) }];
    }, 30);
    expect([q!.certifiedDigits, q!.uncertified]).toEqual([0, "contains-zero"]);
  });

  it("certifies a network's first step whose ReLU unit sits exactly at 0", () => {
    const spec: ProblemSpec = {
      network: {
        inputs: 2,
        layers: [
          { activation: "relu", weights: [["0.1", "-0.05"]], biases: null },
          { activation: "sigmoid", weights: [["0.5"]], biases: null },
        ],
        loss: "bce",
      },
      data: [{ x: ["0.5", "1.0"], y: ["0"] }],
      training: {
        learningRate: "0.1",
        epochs: 1,
        batch: "sgd",
        updateOrder: "simultaneous",
        updateBiases: false,
      },
    };
    const quantities = certify((F) => deriveFirstStep(F, instantiate(F, spec)).quantities, 50);
    expect(quantities.filter((q) => q.certifiedDigits === 0).map((q) => q.name)).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import {
  HABITS,
  Planter,
  classifyCase,
  loadCaseFile,
  matchesPrinted,
  roundToDecimals,
  syntheticCase,
} from "../src/index.ts";

// A lecture slide on the seed's network at learning rate 1, as a new user would enter it:
// δ written as (t − o)(1 − o)o, the hidden deltas carried through the already-updated
// output weights, and every line computed from the slide's own rounded values. Every
// printed number is the engine's value in that world, from the numbers printed above it.
const seed = loadCaseFile();
const spec = {
  network: seed.network,
  data: seed.data,
  training: { ...seed.training, learningRate: "1" },
};
const planter = new Planter(spec);
const SLIDE = ["delta-sign:other", "update-order:sequential"];
const lines: [quantity: string, decimals: number][] = [
  ["z[0][0]", 3],
  ["z[0][1]", 2],
  ["a[0][0]", 3],
  ["a[0][1]", 3],
  ["z[1][0]", 4],
  ["a[1][0]", 2],
  ["delta[1][0]", 4],
  ["W'[1][0][0]", 4],
  ["W'[1][0][1]", 4],
  ["delta[0][0]", 5],
  ["delta[0][1]", 5],
  ["W'[0][0][0]", 5],
  ["W'[0][0][1]", 5],
  ["W'[0][1][0]", 5],
  ["W'[0][1][1]", 5],
];
const printed: [string, string][] = [];
for (const [q, d] of lines) printed.push([q, roundToDecimals(planter.fromPrinted(q, printed, SLIDE), d)]);
const slide = classifyCase(syntheticCase(spec, printed, "slide"));
const verdictOf = (q: string) => slide.verdicts.find((v) => v.quantity === q)!;
const hidden = ["W'[0][0][0]", "W'[0][0][1]", "W'[0][1][0]", "W'[0][1][1]"];
const numbers = ["delta[1][0]", "W'[1][0][0]", ...hidden];

describe("a slide at learning rate 1 with δ = (t − o)(1 − o)o, sequential updates and its own rounded values", () => {
  it("is not what the case declares: the numbers examined are wrong as declared", () => {
    for (const q of numbers) {
      expect(matchesPrinted(planter.value(q), printed.find(([p]) => p === q)![1])).toBe(false);
    }
  });

  it("infers the slide's conventions: δ's sign and the sequential update order", () => {
    expect(slide.conventions.map((c) => c.key).sort()).toEqual(SLIDE.slice().sort());
    for (const c of slide.conventions) expect(c.explains.length).toBeGreaterThanOrEqual(1);
  });

  it("explains the output δ by the sign convention, from the rounded output the slide printed", () => {
    const v = verdictOf("delta[1][0]");
    expect(v.verdict).toBe("rounding-drift");
    expect(v.cause).toBe("printed-operands");
    expect(v.conventions).toContain("delta-sign:other");
  });

  it("explains the updated output weights as the slide's own printed operands multiplied out", () => {
    const v = verdictOf("W'[1][0][0]");
    expect({ verdict: v.verdict, cause: v.cause }).toEqual({
      verdict: "rounding-drift",
      cause: "printed-operands",
    });
    expect(v.detail).toContain("delta[1][0] = -0.0406");
  });

  it("explains all four hidden weights by the sequential order, none by a slip or an unprinted rounding", () => {
    for (const q of hidden) {
      const v = verdictOf(q);
      // Correct under the convention, or from the slide's printed values under it.
      expect(["convention", "rounding-drift"]).toContain(v.verdict);
      expect(["update-order", "printed-operands"]).toContain(v.cause);
      expect(v.conventions).toContain("update-order:sequential");
    }
  });

  it("flags nothing on the slide", () => {
    expect(slide.verdicts.filter((v) => v.verdict === "erratum" || v.verdict === "unexplained")).toEqual([]);
  });
});

describe("a gradient computed from intermediates rounded to 2 decimals", () => {
  const twoDecimals = HABITS.find((h) => h.key === "decimals:2")!;
  const other = new Planter({
    network: {
      inputs: 2,
      layers: [
        {
          activation: "sigmoid",
          weights: [
            ["0.62", "-0.41"],
            ["0.18", "0.77"],
          ],
          biases: ["0.05", "0.1"],
        },
        { activation: "sigmoid", weights: [["0.93", "-0.36"]], biases: ["-0.2"] },
      ],
      loss: "half-sse",
    },
    data: [{ x: ["0.7", "0.2"], y: ["1"] }],
    training: {
      learningRate: "0.25",
      epochs: 1,
      batch: "sgd",
      updateOrder: "simultaneous",
      updateBiases: true,
    },
  });

  it.each(["dW[1][0][0]", "dW[1][0][1]", "dW[0][0][0]", "dW[0][1][1]"])(
    "%s is rounding drift, not a digit slip",
    (q) => {
      const p = roundToDecimals(other.value(q, [], twoDecimals), 4);
      expect(matchesPrinted(other.value(q), p)).toBe(false);
      const v = classifyCase(syntheticCase(other.spec, [[q, p]])).verdicts[0]!;
      expect(v.verdict).toBe("rounding-drift");
    },
  );
});

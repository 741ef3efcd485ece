import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { digitEdits } from "../src/explanations.ts";
import {
  DEFAULT_CONVENTIONS,
  classifyPublished,
  matchesPrinted,
  printedDecimals,
  roundToDecimals,
  type CaseFile,
  type PublishedVerdict,
} from "../src/index.ts";
import { exactQuantities, roundedQuantities } from "../src/reference-derivation.ts";

/** A small 2-2-1 case with biases, unlike the seed in every number. */
const base: CaseFile = {
  schema: "bpcheck-case",
  version: 1,
  id: "synthetic",
  title: "synthetic",
  source: { file: "none", language: "en", description: "test" },
  network: {
    inputs: 2,
    layers: [
      {
        activation: "sigmoid",
        weights: [
          ["0.15", "-0.2"],
          ["0.25", "0.3"],
        ],
        biases: ["0.1", "-0.1"],
      },
      { activation: "sigmoid", weights: [["0.4", "-0.5"]], biases: ["0.2"] },
    ],
    loss: "half-sse",
  },
  data: [{ x: ["1", "0.5"], y: ["0.9"] }],
  training: { learningRate: "0.5", epochs: 1, batch: "sgd", updateOrder: "simultaneous", updateBiases: true },
  conventions: DEFAULT_CONVENTIONS,
  readings: {},
  symbols: {},
  published: [],
};
const spec = { network: base.network, data: base.data, training: base.training };
const exact = exactQuantities(spec);
const at = (values: ReadonlyMap<string, Decimal>, q: string, decimals: number) =>
  roundToDecimals(values.get(q)!, decimals);
const variant = (training: Partial<CaseFile["training"]>, network?: Partial<CaseFile["network"]>) =>
  exactQuantities({
    ...spec,
    network: { ...spec.network, ...network },
    training: { ...spec.training, ...training },
  });

/** Classifies numbers printed in order; returns the verdict of the last. */
function judge(printed: readonly (readonly [quantity: string, printed: string])[]): PublishedVerdict {
  const published = printed.map(([quantity, p], n) => ({
    id: `n${n}`,
    symbol: quantity,
    quantity,
    written: quantity,
    printed: p,
    asPrinted: p,
    location: { section: "test", line: n + 1, text: p },
  }));
  return classifyPublished({ ...base, published }).at(-1)!;
}

const swapDecimals = (s: string, i: number) => {
  const p = s.indexOf(".") + i;
  return s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2);
};
const wrongGradient = roundToDecimals(exact.get("dW[1][0][0]")!.times("1.5"), 6);

const rows: [fact: string, printed: [string, string][], verdict: string, cause: string | null][] = [
  ["the exact value rounded to the printed digits is ok", [["z[0][0]", at(exact, "z[0][0]", 4)]], "ok", null],
  [
    "a 3-digit hand calculation is rounding drift",
    [["dW[1][0][0]", at(roundedQuantities(spec, 3), "dW[1][0][0]", 6)]],
    "rounding-drift",
    "rounded-intermediates",
  ],
  [
    "the transposed entry is a transposed index",
    [["dW[0][0][1]", at(exact, "dW[0][1][0]", 6)]],
    "erratum",
    "transposed-index",
  ],
  [
    "a step with α/10 is a learning-rate erratum",
    [["W'[1][0][0]", at(variant({ learningRate: "0.05" }), "W'[1][0][0]", 8)]],
    "erratum",
    "learning-rate",
  ],
  [
    "a sequential update is an update-order erratum",
    [["W'[0][0][0]", at(variant({ updateOrder: "sequential" }), "W'[0][0][0]", 10)]],
    "erratum",
    "update-order",
  ],
  [
    "a frozen bias is a bias-update erratum",
    [["b'[1][0]", at(variant({ updateBiases: false }), "b'[1][0]", 8)]],
    "erratum",
    "bias-update",
  ],
  [
    "the loss without ½ is a formula erratum",
    [["loss", at(variant({}, { loss: "mse" }), "loss", 8)]],
    "erratum",
    "formula",
  ],
  [
    "a negated gradient is a sign erratum",
    [["dW[0][0][0]", roundToDecimals(exact.get("dW[0][0][0]")!.neg(), 8)]],
    "erratum",
    "sign",
  ],
  [
    "an update from an earlier wrong gradient is carried forward",
    [
      ["dW[1][0][0]", wrongGradient],
      ["W'[1][0][0]", roundToDecimals(new Decimal("0.4").minus(new Decimal(wrongGradient).times("0.5")), 8)],
    ],
    "erratum",
    "carried-forward",
  ],
  [
    "two swapped decimals are a digit slip",
    [["a[1][0]", swapDecimals(at(exact, "a[1][0]", 4), 1)]],
    "erratum",
    "digit-slip",
  ],
  [
    "another quantity's value is a wrong quantity",
    [["z[0][1]", at(exact, "a[0][1]", 6)]],
    "erratum",
    "wrong-quantity",
  ],
  ["a number nothing reproduces is unexplained", [["W'[0][0][0]", "0.123456"]], "unexplained", null],
];

describe("the classifier names each cause on a case that is not the seed", () => {
  it.each(rows)("%s", (_, printed, verdict, cause) => {
    const last = printed.at(-1)!;
    // Each row is a real test: the printed number is not the exact value at its digits.
    expect(matchesPrinted(exact.get(last[0])!, last[1])).toBe(verdict === "ok");
    const v = judge(printed);
    expect({ verdict: v.verdict, cause: v.cause }).toEqual({ verdict, cause });
    expect(v.reference).toBe(roundToDecimals(exact.get(last[0])!, printedDecimals(last[1])));
  });

  it("refuses a quantity the step does not have, naming the JSON path", () => {
    expect(() => judge([["dW[5][0][0]", "0.1"]])).toThrow(
      `synthetic: $.published[0].quantity: expected a quantity of the case's derivation, got "dW[5][0][0]"`,
    );
  });
});

describe("printed precision", () => {
  it.each([
    ["0.680", 3],
    ["0.68", 2],
    ["12", 0],
    ["-0.5", 1],
    ["1.5e-3", 4],
    ["1e3", -3],
  ])("%s carries %i decimals", (s, n) => {
    expect(printedDecimals(s)).toBe(n);
  });

  it.each([
    ["0.6802671966", 3, "0.680"],
    ["0.755", 2, "0.76"], // a tie rounds half up, as by hand
    ["-0.755", 2, "-0.76"],
    ["0.0276740349", 5, "0.02767"],
    ["1234.5", -2, "1200"],
  ])("%s at %i decimals is %s", (v, n, s) => {
    expect(roundToDecimals(v, n)).toBe(s);
  });

  it("refuses a string that is not a decimal", () => {
    expect(() => printedDecimals("0,5")).toThrow('"0,5" is not a decimal string');
  });
});

describe("digit edits of a printed number", () => {
  it.each([
    ["0.1234", "0.1243", "two adjacent digits swapped"],
    ["0.1234", "0.1239", "digit 5 changed"],
    ["0.124", "0.1234", "a digit dropped"],
    ["0.12234", "0.1234", "a digit doubled"],
    ["0.1234", "1.234", "the decimal point shifted"],
  ])("%s can be read as %s (%s)", (printed, meant, how) => {
    expect(digitEdits(printed)).toContainEqual({ text: meant, how });
  });

  it("never proposes the printed string itself", () => {
    expect(digitEdits("0.5").map((e) => e.text)).not.toContain("0.5");
  });
});

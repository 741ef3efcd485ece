import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { digitEdits } from "../src/explanations.ts";
import {
  CAUSES,
  HABITS,
  Planter,
  classifyCase,
  loadCaseFile,
  matchesPrinted,
  printedDecimals,
  roundToDecimals,
  syntheticCase,
  type Classification,
} from "../src/index.ts";
import { roundedQuantities } from "../src/reference-derivation.ts";

/** A small 2-2-1 problem with biases, unlike the seed in every number. */
const spec = {
  network: {
    inputs: 2,
    layers: [
      {
        activation: "sigmoid" as const,
        weights: [
          ["0.15", "-0.2"],
          ["0.25", "0.3"],
        ],
        biases: ["0.1", "-0.1"],
      },
      { activation: "sigmoid" as const, weights: [["0.4", "-0.5"]], biases: ["0.2"] },
    ],
    loss: "half-sse" as const,
  },
  data: [{ x: ["1", "0.5"], y: ["0.9"] }],
  training: {
    learningRate: "0.5",
    epochs: 1,
    batch: "sgd" as const,
    updateOrder: "simultaneous" as const,
    updateBiases: true,
  },
};
const planter = new Planter(spec);
/** The engine's value of q in a world of departures, at the given decimals. */
const at = (q: string, decimals: number, keys: readonly string[] = []) =>
  roundToDecimals(planter.value(q, keys), decimals);
const habit = (key: string) => HABITS.find((h) => h.key === key)!;

type Printed = [quantity: string, printed: string][];
const classify = (printed: Printed): Classification => classifyCase(syntheticCase(spec, printed));

const swapDecimals = (s: string, i: number) => {
  const p = s.indexOf(".") + i;
  return s.slice(0, p) + s[p + 1] + s[p] + s.slice(p + 2);
};
const wrongGradient = roundToDecimals(planter.value("dW[1][0][0]").times("1.5"), 6);
const chain2 = (q: string) => roundToDecimals(planter.value(q, [], habit("decimals:2")), 6);

/**
 * One row per cause of the registry (and per verdict): numbers computed by the engine
 * under that cause, in order; the row checks the verdict and cause of the numbers named.
 * Removing a cause from the registry makes its row fail.
 */
const rows: [fact: string, printed: Printed, checked: number[], verdict: string, cause: string | null][] = [
  ["the exact value rounded to the printed digits is ok", [["z[0][0]", at("z[0][0]", 4)]], [0], "ok", null],
  [
    "two gradients from intermediates kept to 2 decimals are a rounding chain",
    [
      ["dW[1][0][0]", chain2("dW[1][0][0]")],
      ["dW[1][0][1]", chain2("dW[1][0][1]")],
    ],
    [0, 1],
    "rounding-drift",
    "rounding-chain",
  ],
  [
    "an update from the printed, rounded output and δ is printed operands",
    [
      ["a[1][0]", at("a[1][0]", 2)],
      ["delta[1][0]", at("delta[1][0]", 3)],
      [
        "W'[1][0][0]",
        roundToDecimals(
          planter.fromPrinted("W'[1][0][0]", [
            ["a[1][0]", at("a[1][0]", 2)],
            ["delta[1][0]", at("delta[1][0]", 3)],
          ]),
          6,
        ),
      ],
    ],
    [2],
    "rounding-drift",
    "printed-operands",
  ],
  [
    "a 3-digit hand calculation is rounded intermediates",
    [["dW[1][0][0]", roundToDecimals(roundedQuantities(spec, 3).get("dW[1][0][0]")!, 6)]],
    [0],
    "rounding-drift",
    "rounded-intermediates",
  ],
  [
    "one sequential update is an update-order erratum",
    [["W'[0][0][0]", at("W'[0][0][0]", 10, ["update-order:sequential"])]],
    [0],
    "erratum",
    "update-order",
  ],
  [
    "updates that all follow the sequential order are the source's convention",
    [
      ["delta[0][0]", at("delta[0][0]", 8, ["update-order:sequential"])],
      ["W'[0][0][0]", at("W'[0][0][0]", 10, ["update-order:sequential"])],
      ["W'[0][1][1]", at("W'[0][1][1]", 10, ["update-order:sequential"])],
    ],
    [0, 1, 2],
    "convention",
    "update-order",
  ],
  [
    "a frozen bias is a bias-update erratum",
    [["b'[1][0]", at("b'[1][0]", 8, ["bias-update:frozen"])]],
    [0],
    "erratum",
    "bias-update",
  ],
  [
    "a step with α/10 is a learning-rate erratum",
    [["W'[1][0][0]", at("W'[1][0][0]", 8, ["learning-rate:0.05"])]],
    [0],
    "erratum",
    "learning-rate",
  ],
  [
    "deltas written as (t − o)·o(1 − o) are the δ-sign convention",
    [
      ["delta[1][0]", at("delta[1][0]", 8, ["delta-sign:other"])],
      ["delta[0][1]", at("delta[0][1]", 8, ["delta-sign:other"])],
    ],
    [0, 1],
    "convention",
    "delta-sign",
  ],
  [
    "one δ with the other sign is a δ-sign erratum",
    [["delta[1][0]", at("delta[1][0]", 8, ["delta-sign:other"])]],
    [0],
    "erratum",
    "delta-sign",
  ],
  [
    "gradients written as −∂L/∂W are the gradient-sign convention",
    [
      ["dW[1][0][0]", at("dW[1][0][0]", 8, ["gradient-sign:other"])],
      ["dW[0][1][0]", at("dW[0][1][0]", 8, ["gradient-sign:other"])],
    ],
    [0, 1],
    "convention",
    "gradient-sign",
  ],
  [
    "the transposed entry is a transposed index",
    [["dW[0][0][1]", at("dW[0][1][0]", 6)]],
    [0],
    "erratum",
    "transposed-index",
  ],
  [
    "the loss without ½ is a formula erratum",
    [["loss", at("loss", 8, ["formula:mse"])]],
    [0],
    "erratum",
    "formula",
  ],
  [
    "an update adding the gradient is a sign erratum",
    [["W'[1][0][1]", at("W'[1][0][1]", 8, ["sign:update-adds"])]],
    [0],
    "erratum",
    "sign",
  ],
  [
    "an update from an earlier wrong gradient is carried forward",
    [
      ["dW[1][0][0]", wrongGradient],
      ["W'[1][0][0]", roundToDecimals(new Decimal("0.4").minus(new Decimal(wrongGradient).times("0.5")), 8)],
    ],
    [1],
    "erratum",
    "carried-forward",
  ],
  [
    "two swapped decimals are a digit slip",
    [["a[1][0]", swapDecimals(at("a[1][0]", 4), 1)]],
    [0],
    "erratum",
    "digit-slip",
  ],
  [
    "another quantity's value is a wrong quantity",
    [["z[0][1]", at("a[0][1]", 6)]],
    [0],
    "erratum",
    "wrong-quantity",
  ],
  ["a number nothing reproduces is unexplained", [["W'[0][0][0]", "0.123456"]], [0], "unexplained", null],
];

describe("the classifier names each cause on a case that is not the seed", () => {
  it.each(rows)("%s", (_, printed, checked, verdict, cause) => {
    const { verdicts } = classify(printed);
    for (const n of checked) {
      const [q, p] = printed[n]!;
      const exact = planter.value(q);
      // Each row is a real test: the printed number is not the exact value at its digits.
      expect(matchesPrinted(exact, p)).toBe(verdict === "ok");
      expect({ verdict: verdicts[n]!.verdict, cause: verdicts[n]!.cause }).toEqual({ verdict, cause });
      expect(verdicts[n]!.reference).toBe(roundToDecimals(exact, printedDecimals(p)));
    }
  });

  it("has a row for every cause of the registry", () => {
    expect(new Set(rows.map((r) => r[4]).filter((c) => c !== null))).toEqual(new Set(CAUSES));
  });

  it("names the source's convention with the numbers it explains", () => {
    const c = classify(rows.find((r) => r[4] === "update-order" && r[3] === "convention")![1]);
    expect(c.conventions).toEqual([
      {
        key: "update-order:sequential",
        cause: "update-order",
        description: "the sequential update order instead of simultaneous",
        explains: ["n0", "n1", "n2"],
      },
    ]);
    expect(c.verdicts.every((v) => v.conventions.includes("update-order:sequential"))).toBe(true);
  });

  it("lists the other explanations that reproduce a number, an arbitrary edit only as the last resort", () => {
    const seed = loadCaseFile();
    const v = classifyCase(seed).verdicts.find((x) => x.id === "s3-grad-w1-h1")!;
    expect(v.cause).toBe("rounded-intermediates");
    expect(v.alternatives.map((a) => a.cause)).toContain("rounding-chain");
    expect(v.alternatives.every((a) => a.cause !== "digit-slip" && a.detail !== v.detail)).toBe(true);
    const slipped = classify([["a[1][0]", swapDecimals(at("a[1][0]", 4), 1)]]).verdicts[0]!;
    expect(slipped.cause).toBe("digit-slip");
  });

  it("refuses a quantity the step does not have, naming the JSON path", () => {
    expect(() => classify([["dW[5][0][0]", "0.1"]])).toThrow(
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

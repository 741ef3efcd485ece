import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { KIND_NAMES } from "@bpcheck/core";
import { afterAll, describe, expect, it } from "vitest";
import {
  DEFAULT_CASE_PATH,
  FIXTURES_DIR,
  InputError,
  classifyPublished,
  loadCaseFile,
  parseCase,
  upgradeCase,
} from "../src/index.ts";
import { exactQuantities } from "../src/reference-derivation.ts";

/** A version-2 case: hmkcode's 2-2-1 identity network, written in×out as the post prints it. */
const base = {
  schema: "bpcheck-case",
  version: 2,
  id: "v2-example",
  title: "a 2-2-1 identity network written in×out",
  source: { file: "source.txt", language: "en", description: "test" },
  network: {
    inputs: 2,
    loss: "half-sse",
    layers: [
      {
        activation: "identity",
        layout: "in-out",
        weights: [
          ["0.11", "0.12"],
          ["0.21", "0.08"],
        ],
        biases: null,
      },
      { activation: "identity", layout: "in-out", weights: [["0.14"], ["0.15"]], biases: null },
    ],
  },
  data: [{ x: ["2", "3"], y: ["1"] }],
  training: {
    learningRate: "0.05",
    epochs: 2,
    batch: "sgd",
    updateOrder: "simultaneous",
    updateBiases: false,
  },
  symbols: { w: { quantity: "W[0]", description: "[w1 w3; w2 w4]" } },
  published: [
    { id: "h1", symbol: "h1", quantity: "z[0][0]", printed: "0.85", location: loc("[0.85 0.48]") },
    { id: "w3", symbol: "w3", quantity: "W[0][0][1]", printed: "0.12", location: loc("0.12") },
    { id: "w3-new", symbol: "*w3", quantity: "W'[0][0][1]", printed: ".13", location: loc(".13") },
    { id: "delta", symbol: "Δ", quantity: "delta[1][0]", printed: "\u22120.809", location: loc("−0.809") },
    {
      id: "out-2",
      symbol: "prediction",
      quantity: "a[1][0]@step[2]",
      printed: "0.26",
      location: loc("0.26"),
    },
  ],
};

function loc(text: string) {
  return { section: "s", line: 1, text };
}

type Doc = typeof base & Record<string, unknown>;

function edited(edit: (c: any) => void): string {
  const c = structuredClone(base) as Doc;
  edit(c);
  return JSON.stringify(c);
}

function message(text: string, folder: string | null = null): string {
  try {
    parseCase("case.json", text, folder);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an error");
}

describe("a version-2 case", () => {
  const c = parseCase("case.json", JSON.stringify(base));

  it("holds the weights out × in whatever the layout, and its quantity names in the layout it is written in", () => {
    expect(c.network.layers[0]!.weights).toEqual([
      ["0.11", "0.21"],
      ["0.12", "0.08"],
    ]);
    // W[0][0][1] in-out is row 0 = input 1, column 1 = unit 2: canonical W[0][1][0].
    expect(c.published[1]!.quantity).toBe("W[0][1][0]");
    expect(c.published[1]!.written).toBe("W[0][0][1]");
  });

  it("reads a typographic minus and a leading point as printed, and judges them", () => {
    expect(c.published[3]!.printed).toBe("-0.809");
    expect(c.published[3]!.asPrinted).toBe("\u22120.809");
    const verdicts = classifyPublished(c);
    expect(verdicts.map((v) => v.verdict)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(verdicts[3]!.published).toBe("\u22120.809");
  });

  it("derives the later steps its published numbers name (the second forward pass)", () => {
    expect(c.horizon).toEqual({ steps: 2, after: [], epochs: 0 });
    // By hand: w5' = 0.14 + 0.05·0.809·0.85 = 0.1743825, w6' = 0.169416, h1' = 0.923619,
    // h2' = 0.5588775; 0.923619·0.1743825 + 0.5588775·0.169416 = 0.2557457808075.
    expect(exactQuantities(c).get("a[1][0]@step[2]")!.toString()).toBe("0.2557457808075");
  });

  it("judges a number printed under δ = −∂L/∂z against −∂L/∂z", () => {
    const flipped = parseCase(
      "case.json",
      edited((d) => {
        d.published[3].printed = "0.809";
        d.published[3].conventions = { delta: "-dL/dz" };
      }),
    );
    expect(flipped.published[3]!.quantity).toBe("-delta[1][0]");
    expect(classifyPublished(flipped)[3]!.verdict).toBe("ok");
  });

  it("takes a shared bias as one quantity of the layer, and per-unit biases per unit", () => {
    const shared = parseCase(
      "case.json",
      edited((d) => {
        d.network.layers[0].biases = { shared: "0.35" };
        d.published = [{ id: "b", symbol: "b1", quantity: "b'[0]", printed: "0.35", location: loc("b") }];
      }),
    );
    expect(shared.network.layers[0]!.biases).toEqual(["0.35", "0.35"]);
    expect(shared.network.layers[0]!.sharedBias).toBe(true);
    expect(classifyPublished(shared)[0]!.verdict).toBe("ok");
  });

  it("names every quantity kind of the grammar in its schema (the list is the registry's)", () => {
    const schema = JSON.parse(readFileSync(`${FIXTURES_DIR}schema/case.schema.json`, "utf8"));
    const pattern = schema.$defs.quantity.pattern as string;
    const kinds = /^\^-\?\(([^)]*)\)/.exec(pattern)![1]!.split("|");
    expect([...kinds].sort()).toEqual([...KIND_NAMES].sort());
  });
});

describe("bad version-2 input is refused with the file, the JSON path and what was expected", () => {
  it.each([
    [
      "a wrong layout name",
      edited((d) => (d.network.layers[0].layout = "row-major")),
      '$.network.layers[0].layout: unknown value "row-major" (expected: out-in, in-out)',
    ],
    [
      "a softmax on a layer of one unit",
      edited((d) => {
        d.network.layers[0].layout = "out-in";
        d.network.layers[0].activation = "softmax";
        d.network.layers[0].weights = [["0.1", "0.2"]];
        d.network.layers[1].weights = [["0.3"]];
      }),
      "$.network.layers[0].activation: expected a layer of at least 2 units for softmax (a softmax of one unit is the constant 1), got 1",
    ],
    [
      "a shared bias given per-unit values",
      edited((d) => (d.network.layers[0].biases = { shared: ["0.1", "0.2"] })),
      '$.network.layers[0].biases.shared: expected one decimal string such as "0.35" (a shared bias is one number for the whole layer), got [2 items]',
    ],
    [
      "a cce target that is not a distribution",
      edited((d) => {
        d.network.loss = "cce";
        d.network.layers[1] = {
          activation: "softmax",
          weights: [
            ["0.1", "0.2"],
            ["0.3", "0.4"],
          ],
          biases: null,
        };
        d.data[0].y = ["0.5", "0.6"];
        d.published = [];
      }),
      "$.data[0].y: expected targets summing to 1 (cce targets are a distribution), got a sum of 1.1",
    ],
    [
      "a quantity at an epoch beyond the training",
      edited((d) => (d.published[0].quantity = "loss@epoch[3]")),
      "$.published[0].quantity: expected an epoch within the case's training (2 epochs of 1 step), got @epoch[3]",
    ],
    [
      "a quantity at a step beyond the training",
      edited((d) => (d.published[0].quantity = "z[0][0]@step[3]")),
      "$.published[0].quantity: expected a step within the case's training (2 epochs of 1 step), got @step[3]",
    ],
    [
      "softmax's exponentials on a layer without softmax",
      edited((d) => (d.published[0].quantity = "expShifted[1][0]")),
      '$.published[0].quantity: expected a quantity of this case\'s network and data, got "expShifted[1][0]" (expShifted exists on softmax layers only)',
    ],
    [
      "the factor 1 − a on an identity layer",
      edited((d) => (d.published[0].quantity = "oneMinusA[0][1]")),
      '$.published[0].quantity: expected a quantity of this case\'s network and data, got "oneMinusA[0][1]" (oneMinusA exists on sigmoid and softmax layers only)',
    ],
    [
      "a per-sample suffix in a step of one sample",
      edited((d) => (d.published[0].quantity = "z[0][0]@s[1]")),
      '$.published[0].quantity: expected a quantity of this case\'s network and data, got "z[0][0]@s[1]" (@s[n] numbers the samples of a full-batch step of more than one sample)',
    ],
    [
      "a leaky ReLU without its slope",
      edited((d) => (d.network.layers[0].activation = "leaky-relu")),
      '$.network.layers[0]: missing property "slope" (leaky-relu needs its slope for z ≤ 0)',
    ],
    [
      "a slope on another activation",
      edited((d) => (d.network.layers[0].slope = "0.01")),
      '$.network.layers[0].slope: expected no slope (only leaky-relu has one), got "0.01"',
    ],
    [
      "a printed value with a character that is not part of a number",
      edited((d) => (d.published[0].printed = "0,85")),
      '$.published[0].printed: expected a number as printed, got "0,85": the character "," (U+002C) is not part of a number',
    ],
    [
      "a repeated id",
      edited((d) => (d.published[1].id = "h1")),
      '$.published[1].id: expected a unique id, "h1" is also $.published[0]',
    ],
    [
      "a symbol for a quantity the case does not have",
      edited((d) => (d.symbols.v = { quantity: "W[2]", description: "" })),
      '$.symbols["v"].quantity: expected a quantity of this case\'s network and data, got "W[2]"',
    ],
    [
      "an in-out matrix of the wrong shape",
      edited((d) => (d.network.layers[1].weights = [["0.14"]])),
      "$.network.layers[1].weights: expected 2 rows (one per unit below, as the in-out layout writes them), got 1",
    ],
    [
      "a quantity name outside the grammar",
      edited((d) => (d.published[0].quantity = "z[0]")),
      '$.published[0].quantity: expected 2 indices after "z" (z[l][j] = Σ_i W[l][j][i]·a[l−1][i] + b[l][j] (a[−1] = x): pre-activation), got 1',
    ],
  ])("%s", (_, text, expected) => {
    expect(message(text)).toBe(`case.json: ${expected}`);
  });
});

describe("locations against the source text in the case folder", () => {
  const folder = mkdtempSync(join(tmpdir(), "bpcheck-case-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  writeFileSync(
    join(folder, "source.txt"),
    "[2 3]·W = [0.85 0.48]; w3 = 0.12 → .13; Δ = −0.809; then 0.26\n",
  );

  it("accepts a case whose every location's text stands on its line", () => {
    expect(() => parseCase("case.json", JSON.stringify(base), folder)).not.toThrow();
  });

  it("refuses a location whose text is not on its line, quoting the line", () => {
    expect(
      message(
        edited((d) => (d.published[0].location.text = "[0.85 0.49]")),
        folder,
      ),
    ).toBe(
      'case.json: $.published[0].location.text: expected text that stands on line 1 of source.txt, which reads "[2 3]·W = [0.85 0.48]; w3 = 0.12 → .13; Δ = −0.809; then 0.26"',
    );
  });
});

describe("version 1", () => {
  it("the seed case loads unchanged and upgrades to version 2 with the same meaning", () => {
    const text = readFileSync(DEFAULT_CASE_PATH, "utf8");
    const v1 = loadCaseFile();
    const upgraded = upgradeCase("case.json", text);
    expect(JSON.parse(upgraded).version).toBe(2);
    const v2 = parseCase("case.json", upgraded);
    expect({ ...v2, version: 1 }).toEqual(v1);
    expect(upgradeCase("case.json", upgraded)).toBe(upgraded);
  });
});

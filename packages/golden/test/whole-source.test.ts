import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { BINARY32_READINGS, binary32 } from "../src/binary-givens.ts";
import { digitEdits } from "../src/explanations.ts";
import { Worlds } from "../src/worlds.ts";
import {
  HABITS,
  Planter,
  classifyCase,
  matchesPrinted,
  printedDecimals,
  roundToDecimals,
  syntheticCase,
} from "../src/index.ts";

// Situations met in real worked examples, each built from the engine's values: a number
// computed from a wrong one printed further down, from one wrong number of several, or
// from a wrong one rounded twice; another quantity's value copied, or not brought up to
// date; a "slip" to one significant digit; the last digit off in many numbers at once.
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
  data: [{ x: ["0.35", "0.25"], y: ["0.9"] }],
  training: {
    learningRate: "0.5",
    epochs: 1,
    batch: "sgd" as const,
    updateOrder: "simultaneous" as const,
    updateBiases: true,
  },
};
const planter = new Planter(spec);
type Printed = [quantity: string, printed: string][];
const classify = (printed: Printed) => classifyCase(syntheticCase(spec, printed)).verdicts;
const at = (q: string, decimals: number) => roundToDecimals(planter.value(q), decimals);
const wrong = (q: string, factor: string) => roundToDecimals(planter.value(q).times(factor), 6);
const isExact = (q: string, printed: string) => matchesPrinted(planter.value(q), printed);

describe("a number computed from a wrong one printed further down", () => {
  const delta = wrong("delta[1][0]", "1.3");
  const gradient = roundToDecimals(planter.fromPrinted("dW[1][0][0]", [["delta[1][0]", delta]]), 6);
  const printed: Printed = [
    ["dW[1][0][0]", gradient],
    ["delta[1][0]", delta],
  ];

  it("is carried forward from it, not drift from the source's own operands", () => {
    expect(isExact("dW[1][0][0]", gradient)).toBe(false);
    const [g, d] = classify(printed);
    expect(d!.verdict).toBe("unexplained");
    expect({ verdict: g!.verdict, cause: g!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(g!.detail).toContain(`${delta} printed for delta[1][0] at line 2`);
    expect(g!.detail).not.toContain("earlier erratum");
  });
});

describe("a number computed from one of several wrong numbers", () => {
  const z = wrong("z[1][0]", "1.3");
  const printed: Printed = [
    ["z[1][0]", z],
    ["a[1][0]", wrong("a[1][0]", "1.2")],
    ["loss", roundToDecimals(planter.fromPrinted("loss", [["z[1][0]", z]]), 6)],
  ];

  it("is carried forward from that one alone", () => {
    const v = classify(printed);
    expect(v.map((x) => x.verdict)).toEqual(["unexplained", "unexplained", "erratum"]);
    expect(v[2]!.cause).toBe("carried-forward");
    expect(v[2]!.detail).toContain(`${z} printed for z[1][0] at line 1 used`);
  });
});

describe("a wrong number carried forward and rounded twice", () => {
  // A wrong pre-activation whose output, kept to 4 decimals, prints otherwise at 3.
  const twice = (v: Decimal) => roundToDecimals(roundToDecimals(v, 4), 3);
  const factor = Array.from({ length: 90 }, (_, k) => new Decimal(1.1 + k / 100).toString()).find((f) => {
    const v = planter.fromPrinted("a[1][0]", [["z[1][0]", wrong("z[1][0]", f)]]);
    return twice(v) !== roundToDecimals(v, 3);
  })!;
  const z = wrong("z[1][0]", factor);
  const output = twice(planter.fromPrinted("a[1][0]", [["z[1][0]", z]]));

  it("is carried forward with the habit that rounds it", () => {
    const v = classify([
      ["z[1][0]", z],
      ["a[1][0]", output],
    ]);
    expect({ verdict: v[1]!.verdict, cause: v[1]!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(v[1]!.detail).toContain("every intermediate value kept to 4 decimals");
  });
});

describe("another quantity's value in a number's place", () => {
  it("copied from a value the source printed before: ranked before the digit slip that also reads it", () => {
    // x = (0.35, 0.25): the second input printed as the first is also one changed digit.
    const v = classify([
      ["x[0]", spec.data[0]!.x[0]!],
      ["x[1]", spec.data[0]!.x[0]!],
    ]);
    expect({ verdict: v[1]!.verdict, cause: v[1]!.cause }).toEqual({
      verdict: "erratum",
      cause: "wrong-quantity",
    });
    expect(v[1]!.detail).toContain("the value printed for x[0] at line 1");
    expect(v[1]!.alternatives.map((a) => a.cause)).toContain("digit-slip");
  });

  it("the value before the update: named as such, ahead of a learning rate that cancels the update", () => {
    const timed = { ...spec, horizon: { steps: 1, after: [1], epochs: 0 } };
    const later = new Planter(timed);
    const d = [2, 3, 4, 5, 6].find(
      (k) =>
        roundToDecimals(later.value("z[0][0]"), k) !== roundToDecimals(later.value("z[0][0]@after[1]"), k),
    )!;
    const stale = roundToDecimals(later.value("z[0][0]"), d);
    const [v] = classifyCase(syntheticCase(timed, [["z[0][0]@after[1]", stale]])).verdicts;
    expect({ verdict: v!.verdict, cause: v!.cause }).toEqual({ verdict: "erratum", cause: "wrong-quantity" });
    expect(v!.detail).toContain("z[0][0], before the update");
  });
});

describe("digit slips", () => {
  it("an edit that leaves one significant digit is no slip", () => {
    // The output at 1 decimal, printed with a 0 inserted after the point ("0.6" as "0.06").
    const one = at("a[1][0]", 1);
    const printed = `0.0${one.slice(2)}`;
    const v = planter.value("a[1][0]");
    const readings = digitEdits(printed).filter((e) =>
      new Decimal(roundToDecimals(v, printedDecimals(e.text))).eq(e.text),
    );
    expect(readings.map((e) => e.text)).toContain(one);
    expect(readings.every((e) => e.text.replace(/^-?[0.]*/, "").replace(".", "").length < 2)).toBe(true);
    const [verdict] = classify([["a[1][0]", printed]]);
    expect(verdict!.cause).not.toBe("digit-slip");
  });

  const lastDigitOff = (q: string) => {
    const s = at(q, 5);
    return s.slice(0, -1) + String((Number(s.at(-1)) + 5) % 10);
  };
  const pool = ["z[0][0]", "z[0][1]", "a[0][0]"];

  it("two numbers with the last digit off are slips", () => {
    const v = classify(pool.slice(0, 2).map((q): [string, string] => [q, lastDigitOff(q)]));
    expect(v.map((x) => x.cause)).toEqual(["digit-slip", "digit-slip"]);
  });

  it("three are a systematic difference, not slips: unexplained", () => {
    const v = classify(pool.map((q): [string, string] => [q, lastDigitOff(q)]));
    expect(v.map((x) => x.verdict)).toEqual(["unexplained", "unexplained", "unexplained"]);
    expect(v[0]!.detail).toContain(
      "3 numbers of the source differ from the exact values in their last digit",
    );
  });
});

describe("an author who cuts digits instead of rounding", () => {
  const cut = (v: Decimal, decimals: number) =>
    v.toDecimalPlaces(decimals, Decimal.ROUND_DOWN).toFixed(decimals);
  // The computed quantities whose value cut at 4 decimals is not the value rounded.
  const computed = planter.names.filter((q) => !/^(x|y|W|b)\[/.test(q));
  const cutDiffers = computed.filter((q) => !isExact(q, cut(planter.value(q), 4)));

  it("a source that truncates several numbers is a truncating source", () => {
    expect(cutDiffers.length).toBeGreaterThanOrEqual(4);
    const qs = cutDiffers.slice(0, 4);
    const agree = computed.filter((q) => !cutDiffers.includes(q)).slice(0, 2);
    const printed: Printed = [...qs, ...agree].map((q) => [q, cut(planter.value(q), 4)]);
    const { conventions, verdicts } = classifyCase(syntheticCase(spec, printed));
    expect(conventions.map((c) => c.key)).toEqual(["rounding-chain:truncated"]);
    expect(conventions[0]!.explains).toEqual(["n0", "n1", "n2", "n3"]);
    for (const v of verdicts.slice(0, 4)) {
      expect({ verdict: v.verdict, cause: v.cause }).toEqual({
        verdict: "rounding-drift",
        cause: "rounding-chain",
      });
      expect(v.detail).toContain("truncated (cut, not rounded)");
    }
    expect(verdicts.slice(4).map((v) => v.verdict)).toEqual(["ok", "ok"]);
  });

  it("a number printed rounded is evidence against truncation: no truncating source", () => {
    // Two cut numbers, three the source rounded where cutting gives another last digit.
    const printed: Printed = [
      ...cutDiffers.slice(0, 2).map((q): [string, string] => [q, cut(planter.value(q), 4)]),
      ...cutDiffers.slice(2, 5).map((q): [string, string] => [q, at(q, 4)]),
    ];
    const { conventions, verdicts } = classifyCase(syntheticCase(spec, printed));
    expect(conventions).toEqual([]);
    expect(verdicts.slice(2).map((v) => v.verdict)).toEqual(["ok", "ok", "ok"]);
  });

  it("a single truncated number is rounding drift with the cut named", () => {
    const [q] = cutDiffers;
    const printed: Printed = [
      [q!, cut(planter.value(q!), 4)],
      ...computed
        .filter((x) => x !== q)
        .slice(0, 4)
        .map((x): [string, string] => [x, at(x, 4)]),
    ];
    const { conventions, verdicts } = classifyCase(syntheticCase(spec, printed));
    expect(conventions).toEqual([]);
    expect({ verdict: verdicts[0]!.verdict, cause: verdicts[0]!.cause }).toEqual({
      verdict: "rounding-drift",
      cause: "rounding-chain",
    });
    expect(verdicts[0]!.detail).toContain("every value truncated (cut, not rounded) at its printed digits");
  });

  it("a given copied from the case is not cut: a weight printed short is no truncation", () => {
    const w = planter.value("W[0][1][0]"); // 0.25
    const printed: Printed = [["W[0][1][0]", cut(w, 1)]];
    const [v] = classify(printed);
    expect(v!.cause).not.toBe("rounding-chain");
  });

  it("a wrong number carried forward and then cut", () => {
    const a = wrong("a[1][0]", "1.1");
    const printed: Printed = [["a[1][0]", a]];
    const loss = planter.fromPrinted("loss", printed);
    const lossCut = cut(loss, 4);
    expect(matchesPrinted(loss, lossCut)).toBe(false);
    printed.push(["loss", lossCut]);
    const [, l] = classify(printed);
    expect({ verdict: l!.verdict, cause: l!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(l!.detail).toContain("truncated");
  });
});

describe("a program that stores its parameters as float32", () => {
  // One tanh neuron whose weights and bias have no exact binary32 value.
  const neuron = {
    network: {
      inputs: 2,
      layers: [{ activation: "tanh" as const, weights: [["0.1", "-0.3"]], biases: ["0.7"] }],
      loss: "half-sse" as const,
    },
    data: [{ x: ["0.5", "2.0"], y: ["0.25"] }],
    training: { ...spec.training, learningRate: "0.1" },
  };
  const declared = new Worlds(neuron, []).declared;
  const [parameters] = BINARY32_READINGS;
  const inFloat32 = (q: string) => roundToDecimals(declared.variant(parameters!).exact(q)!, 16);

  it("casts a decimal to the nearest binary32 value, exactly", () => {
    expect(binary32("0.1")).toBe("0.100000001490116119384765625");
    expect(binary32("2.0")).toBe("2");
  });

  it("its output is rounding drift from the parameters stored as float32", () => {
    const o = inFloat32("a[0][0]");
    expect(matchesPrinted(declared.exact("a[0][0]")!, o)).toBe(false);
    const { verdicts } = classifyCase(syntheticCase(neuron, [["a[0][0]", o]]));
    expect({ verdict: verdicts[0]!.verdict, cause: verdicts[0]!.cause }).toEqual({
      verdict: "rounding-drift",
      cause: "rounded-intermediates",
    });
    expect(verdicts[0]!.detail).toContain("the weights and biases stored as float32");
    expect(verdicts[0]!.detail).toContain(`b[0][0] = ${binary32("0.7")} for 0.7`);
  });

  it("a value the cast does not give stays unexplained", () => {
    const o = roundToDecimals(declared.exact("a[0][0]")!.times("1.000001"), 16);
    const { verdicts } = classifyCase(syntheticCase(neuron, [["a[0][0]", o]]));
    expect(verdicts[0]!.verdict).toBe("unexplained");
  });
});

describe("a sum written with one of its terms only", () => {
  it("∂L/∂x printed as its first product W·δ alone is a formula erratum", () => {
    const term = planter.value("W[0][0][0]").times(planter.value("delta[0][0]"));
    const printed = roundToDecimals(term, 4);
    expect(isExact("dx[0]", printed)).toBe(false);
    const [v] = classify([["dx[0]", printed]]);
    expect({ verdict: v!.verdict, cause: v!.cause }).toEqual({ verdict: "erratum", cause: "formula" });
    expect(v!.detail).toContain("the sum written with one of its 2 terms only: the product");
  });

  it("a value that is none of the terms is not read as one", () => {
    const sum = planter.value("dx[0]");
    const [v] = classify([["dx[0]", roundToDecimals(sum.times("0.7"), 4)]]);
    expect(v!.cause).not.toBe("formula");
  });
});

describe("a loss added up from its printed terms", () => {
  const twoOutputs = {
    ...spec,
    network: {
      ...spec.network,
      layers: [
        spec.network.layers[0]!,
        {
          activation: "sigmoid" as const,
          weights: [
            ["0.4", "-0.5"],
            ["0.3", "0.2"],
          ],
          biases: ["0.2", "-0.1"],
        },
      ],
    },
    data: [{ x: ["0.35", "0.25"], y: ["0.9", "0.1"] }],
  };
  const p = new Planter(twoOutputs);
  const terms = ["lossTerm[0]", "lossTerm[1]"];
  const classifyTwo = (printed: Printed) => classifyCase(syntheticCase(twoOutputs, printed)).verdicts;

  it("from terms rounded where they are printed: drift from the printed operands", () => {
    // The fewest decimals at which the sum of the rounded terms is not the loss rounded.
    const d = [2, 3, 4, 5, 6].find((k) => {
      const sum = terms.reduce((s, q) => s.plus(roundToDecimals(p.value(q), k)), new Decimal(0));
      return !matchesPrinted(p.value("loss"), sum.toFixed(k));
    })!;
    const printed: Printed = terms.map((q) => [q, roundToDecimals(p.value(q), d)]);
    const sum = printed.reduce((s, [, v]) => s.plus(v), new Decimal(0)).toFixed(d);
    const v = classifyTwo([...printed, ["loss", sum]]);
    expect(v.slice(0, 2).map((x) => x.verdict)).toEqual(["ok", "ok"]);
    expect({ verdict: v[2]!.verdict, cause: v[2]!.cause }).toEqual({
      verdict: "rounding-drift",
      cause: "printed-operands",
    });
    expect(v[2]!.detail).toContain("the sum of the source's printed terms");
  });

  it("from a wrong term: carried forward", () => {
    const printed: Printed = [
      ["lossTerm[0]", roundToDecimals(p.value("lossTerm[0]").times("1.3"), 6)],
      ["lossTerm[1]", roundToDecimals(p.value("lossTerm[1]"), 6)],
    ];
    const sum = printed.reduce((s, [, v]) => s.plus(v), new Decimal(0)).toFixed(6);
    const v = classifyTwo([...printed, ["loss", sum]]);
    expect(v[0]!.verdict).toBe("unexplained");
    expect({ verdict: v[2]!.verdict, cause: v[2]!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(v[2]!.detail).toContain(
      `the sum of the source's printed terms, with the erratum ${printed[0]![1]}`,
    );
  });
});

describe("a rounding habit rounds what the author writes down", () => {
  const entries = (printed: Printed) =>
    printed.map(([quantity, p], index) => ({
      index,
      quantity,
      printed: p,
      value: new Decimal(p),
      line: index + 1,
    }));
  const change = (printed: Printed, habit: (typeof HABITS)[number]) => {
    const pass = new Worlds(spec, entries(printed)).declared.pass({ printed: false, habit });
    return { step: pass("lrdW[1][0][0]")!, change: pass("DeltaW[1][0][0]")! };
  };
  // A habit under which the step α·dW, computed from the kept dW, has more digits than it keeps.
  const habit = HABITS.find((h) => {
    const { step } = change([], h);
    return !h.round(step).eq(step);
  })!;

  it("the step α·dW inside the update stays in full when the source does not print it", () => {
    expect(habit).toBeDefined();
    const { step, change: c } = change([["DeltaW[1][0][0]", "0"]], habit);
    expect(c.eq(step.neg())).toBe(true);
  });

  it("and is kept to the habit's digits where the source prints it", () => {
    const { step, change: c } = change([["lrdW[1][0][0]", "0"]], habit);
    expect(c.eq(habit.round(step).neg())).toBe(true);
  });
});

describe("a square matrix used transposed inside a computation", () => {
  it("one pre-activation computed with W_ji for W_ij is a transposed-index erratum, not a convention", () => {
    const planterT = new Planter(spec);
    const transposed = planterT.value("z[0][0]", ["transposed-index:0:computed"]);
    const printed = roundToDecimals(transposed, 4);
    expect(isExact("z[0][0]", printed)).toBe(false);
    const { conventions, verdicts } = classifyCase(
      syntheticCase(spec, [
        ["z[0][0]", printed],
        ["z[0][1]", at("z[0][1]", 4)],
      ]),
    );
    expect(conventions).toEqual([]);
    expect({ verdict: verdicts[0]!.verdict, cause: verdicts[0]!.cause }).toEqual({
      verdict: "erratum",
      cause: "transposed-index",
    });
    expect(verdicts[0]!.detail).toContain("layer 0's matrix used transposed in the computation");
  });

  it("used throughout, it is never inferred as the source's convention", () => {
    const planterT = new Planter(spec);
    const qs = ["z[0][0]", "z[0][1]", "a[0][0]", "a[0][1]", "z[1][0]"];
    const printed: Printed = qs.map((q) => [
      q,
      roundToDecimals(planterT.value(q, ["transposed-index:0:computed"]), 4),
    ]);
    const { conventions } = classifyCase(syntheticCase(spec, printed));
    expect(conventions.map((c) => c.key)).not.toContain("transposed-index:0:computed");
  });
});

describe("two substitutions of different kinds in one number", () => {
  // ŷ from the formula w5·a_h1 + w6·a_h1 + b: a wrong printed weight carried in, and the
  // printed a_h1 in a_h2's place (two readings, neither of which reproduces it alone).
  const h1 = at("a[0][0]", 4);
  const h2 = at("a[0][1]", 4);
  const weight = "-0.45";
  const both = roundToDecimals(
    planter.fromPrinted("a[1][0]", [
      ["a[0][0]", h1],
      ["a[0][1]", h1],
      ["W[1][0][1]", weight],
    ]),
    4,
  );

  it("a wrong weight carried in with a sibling's printed value in an operand's place is a carried-forward erratum", () => {
    const weightAlone = planter.fromPrinted("a[1][0]", [
      ["a[0][0]", h1],
      ["a[0][1]", h2],
      ["W[1][0][1]", weight],
    ]);
    const swapAlone = planter.fromPrinted("a[1][0]", [
      ["a[0][0]", h1],
      ["a[0][1]", h1],
    ]);
    expect(matchesPrinted(weightAlone, both)).toBe(false);
    expect(matchesPrinted(swapAlone, both)).toBe(false);
    expect(isExact("a[1][0]", both)).toBe(false);
    const verdicts = classify([
      ["a[0][0]", h1],
      ["a[0][1]", h2],
      ["W[1][0][1]", weight],
      ["a[1][0]", both],
    ]);
    expect({ verdict: verdicts[3]!.verdict, cause: verdicts[3]!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(verdicts[3]!.detail).toContain(`a[0][0] = ${h1} (line 1) used in place of a[0][1]`);
  });

  it("a departure with a wrong number carried in, in the departure's world", () => {
    const delta = wrong("delta[1][0]", "1.3");
    const sequential = ["update-order:sequential"];
    const value = planter.fromPrinted("W'[0][0][0]", [["delta[1][0]", delta]], sequential);
    const printed = roundToDecimals(value, 6);
    expect(matchesPrinted(planter.fromPrinted("W'[0][0][0]", [["delta[1][0]", delta]]), printed)).toBe(false);
    expect(matchesPrinted(planter.value("W'[0][0][0]", sequential), printed)).toBe(false);
    const verdicts = classify([
      ["delta[1][0]", delta],
      ["W'[0][0][0]", printed],
    ]);
    expect({ verdict: verdicts[1]!.verdict, cause: verdicts[1]!.cause }).toEqual({
      verdict: "erratum",
      cause: "carried-forward",
    });
    expect(verdicts[1]!.detail).toContain("two readings together");
    expect(verdicts[1]!.detail).toContain("sequential");
  });

  it("a number printed twice is judged alike both times (the second search shares the first's)", () => {
    const delta = wrong("delta[1][0]", "1.3");
    const sequential = ["update-order:sequential"];
    const printed = roundToDecimals(
      planter.fromPrinted("W'[0][0][0]", [["delta[1][0]", delta]], sequential),
      6,
    );
    const judged = (v: { verdict: string; cause: string | null; detail: string }) => [
      v.verdict,
      v.cause,
      v.detail,
    ];
    const [, once] = classify([
      ["delta[1][0]", delta],
      ["W'[0][0][0]", printed],
    ]);
    expect(once!.detail).toContain("two readings together");
    const twice = classify([
      ["delta[1][0]", delta],
      ["W'[0][0][0]", printed],
      ["W'[0][0][0]", printed],
    ]);
    for (const n of [1, 2]) expect(judged(twice[n]!)).toEqual(judged(once!));
  });
});

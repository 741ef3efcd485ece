import { describe, expect, it } from "vitest";
import { FIXTURES_DIR, caseIds, loadCaseFile, type CaseFile } from "@bpcheck/golden";
import { givenValue, printedPrecision, roundAsPrinted, significantDigits } from "../src/format/as-printed.ts";
import { substitutedFormula } from "../src/format/substituted-formula.ts";
import { cli } from "./cli.ts";
import { otherCase } from "./temp-case.ts";

const seed = loadCaseFile();

describe("the source's precision", () => {
  it.each([
    ["0.680", 3],
    ["0.00093", 2],
    ["12", 2],
    ["-1.5e-3", 2],
    ["\u22120.809", 3],
    ["0", 1],
  ])("%s has %i significant digits", (printed, digits) => {
    expect(significantDigits(printed)).toBe(digits);
  });

  it("rounds a printed quantity to its entry's decimals, a given number to the case's, others to the median of their kind", () => {
    const precision = printedPrecision(seed);
    expect(precision("a[0][0]")).toEqual({ printed: "0.680", like: "0.680", significant: 3 });
    expect(precision("W[0][0][1]")).toMatchObject({ printed: null, like: "0.8" });
    // The seed prints no delta: the median of all its 22 printed numbers' significant digits.
    expect(precision("delta[1][0]")).toEqual({ printed: null, like: null, significant: 4 });
    expect(roundAsPrinted("0.04068", precision("delta[1][0]"))).toBe("0.04068");
    expect(roundAsPrinted("0.0406800000001", { printed: null, like: null, significant: 2 })).toBe("0.041");
    expect(roundAsPrinted("0.6802671966", precision("a[0][0]"))).toBe("0.680");
    expect(roundAsPrinted("0", { printed: null, like: null, significant: 3 })).toBe("0");
    expect(printedPrecision({ ...seed, published: [] })("z[0][0]").significant).toBe(4);
  });

  it("finds given numbers in the case", () => {
    expect(["x[1]", "y[0]", "W[1][0][1]", "b[0][0]", "z[0][0]"].map((n) => givenValue(seed, n))).toEqual([
      "0.9",
      "0.5",
      "0.9",
      undefined,
      undefined,
    ]);
  });
});

describe("substituted formulas", () => {
  const values: Record<string, string> = {
    "x[0]": "2",
    "x[1]": "3",
    "y[0]": "1",
    "W[0][0][0]": "0.11",
    "W[0][0][1]": "0.21",
    "b[0][0]": "-0.5",
    "z[0][0]": "0.35",
    "a[0][0]": "0.35",
    "W[1][0][0]": "0.14",
    "z[1][0]": "-0.2",
    "a[1][0]": "0",
    "delta[1][0]": "-1",
    "delta[0][0]": "-0.14",
    "dW[0][0][1]": "-0.42",
    "db[0][0]": "-0.14",
  };
  const shown = (name: string) => values[name];
  const net = (activations: string[], loss: string): CaseFile =>
    ({
      ...seed,
      network: {
        inputs: 2,
        layers: [
          { activation: activations[0], weights: [["0.11", "0.21"]], biases: ["-0.5"] },
          { activation: activations[1], weights: [["0.14"]], biases: null },
        ],
        loss,
      },
      training: { ...seed.training, learningRate: "0.05", updateBiases: true },
    }) as CaseFile;

  it.each([
    ["z[0][0]", ["identity", "relu"], "half-sse", "0.11·2 + 0.21·3 + (−0.5)"],
    ["a[1][0]", ["identity", "relu"], "half-sse", "max(0, (−0.2))"],
    ["a[0][0]", ["identity", "relu"], "half-sse", null],
    ["a[0][0]", ["tanh", "relu"], "half-sse", "tanh(0.35)"],
    ["delta[1][0]", ["identity", "relu"], "half-sse", "(0 − 1)·0"],
    ["delta[1][0]", ["identity", "identity"], "mse", "2(0 − 1)"],
    ["delta[1][0]", ["identity", "sigmoid"], "bce", null],
    ["delta[0][0]", ["tanh", "relu"], "half-sse", "(0.14·(−1))·(1 − 0.35²)"],
    ["delta[0][0]", ["identity", "identity"], "half-sse", "0.14·(−1)"],
    ["loss", ["identity", "identity"], "mse", "(1 − 0)²"],
    ["loss", ["identity", "identity"], "bce", null],
    ["dW[0][0][1]", ["identity", "identity"], "half-sse", "(−0.14)·3"],
    ["W'[0][0][1]", ["identity", "identity"], "half-sse", "0.21 − 0.05·(−0.42)"],
    ["b'[0][0]", ["identity", "identity"], "half-sse", "-0.5 − 0.05·(−0.14)"],
    ["db[0][0]", ["identity", "identity"], "half-sse", null],
    ["z[0][0]@s[1]", ["identity", "identity"], "half-sse", null],
    ["fprime[0][0]", ["tanh", "relu"], "half-sse", "(1 − 0.35²)"],
    ["fprime[0][0]", ["identity", "relu"], "half-sse", null],
    ["lossTerm[0]", ["identity", "identity"], "half-sse", "½(1 − 0)²"],
    ["lossTerm[0]", ["identity", "identity"], "sse", "(1 − 0)²"],
    ["lossTerm[0]", ["identity", "identity"], "bce", null],
    ["da[1][0]", ["identity", "identity"], "sse", "2(0 − 1)"],
    ["da[0][0]", ["identity", "identity"], "half-sse", "0.14·(−1)"],
    ["contrib[0][0][0]", ["identity", "identity"], "half-sse", "(−1)·0.14"],
    ["dx[1]", ["identity", "identity"], "half-sse", "0.21·(−0.14)"],
    ["DeltaW[0][0][1]", ["identity", "identity"], "half-sse", "−0.05·(−0.42)"],
    ["Deltab[0][0]", ["identity", "identity"], "half-sse", "−0.05·(−0.14)"],
  ])("%s with %j and %s: %s", (name, activations, loss, formula) => {
    expect(substitutedFormula(net(activations, loss), name, shown)).toBe(formula);
  });
});

describe("--as-printed", () => {
  it("run writes each formula in the source's digits beside the printed number", async () => {
    const { code, out } = await cli(["run", "--as-printed"]);
    expect(code).toBe(0);
    expect(out).toContain("each value rounded as the source prints it");
    expect(out).toMatch(/ {4}z\[0\]\[0\] +h_1 = 0\.1·0\.35 \+ 0\.8·0\.9 = 0\.755 +printed 0\.755 ✓\n/);
    expect(out).toMatch(/Z_y = 0\.3·0\.680 \+ 0\.9·0\.664 = 0\.8014 +printed 0\.8014 ✓\n/);
    expect(out).toMatch(/L = ½\(0\.5 − 0\.6903\)² = 0\.0181 +printed 0\.0181 ✓\n/);
    expect(out).toMatch(/∇L_W0_12 = 0\.002654·0\.9 = 0\.002389 +printed 0\.002861 ✗\n/);
    expect(out).toMatch(/W0'_11 = 0\.1 − 0\.01·0\.00093 = 0\.09999 +printed 0\.99061 ✗\n/);
  });

  it("run --json gives each quantity's rounding, formula and agreement", async () => {
    const { code, out } = await cli(["run", "--as-printed", "--json", "--mode", "float64"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(doc.asPrinted).toBe(true);
    expect(doc.quantities.find((q: { name: string }) => q.name === "a[0][0]")).toEqual({
      name: "a[0][0]",
      symbol: "Z_1",
      value: "0.680",
      formula: "σ(0.755)",
      printed: "0.680",
      agrees: true,
      line: "Z_1 = σ(0.755) = 0.680",
      certifiedDigits: null,
    });
  });

  it("run on a case without published numbers keeps four significant digits", async () => {
    const bare = JSON.stringify({ ...JSON.parse(otherCase), published: [] });
    const { out } = await cli(["run", "-", "--as-printed"], { stdin: bare });
    expect(out).toContain("Z_1 = σ(0.7550) = 0.6803\n");
  });

  it("compare rounds every mode as printed, beside the printed number", async () => {
    const { code, out } = await cli(["compare", "--as-printed", "--mode", "float32"]);
    expect(code).toBe(0);
    expect(out).toMatch(/\nquantity +symbol +printed +exact, as printed +cert\. +float32 +ulps +digits\n/);
    // The cert. column is the exact mode's certified digits, as `run` reports them.
    const run = JSON.parse((await cli(["run", "--json"])).out);
    const cert = run.quantities.find((q: { name: string }) => q.name === "a[0][0]").certifiedDigits;
    expect(cert).toBeGreaterThan(40);
    expect(out).toMatch(
      new RegExp(`\\na\\[0\\]\\[0\\] +Z_1 +0\\.680 +0\\.680 +${cert} +0\\.680 +\\d+ +\\d+\\n`),
    );
    expect(out).toMatch(/\nW\[0\]\[0\]\[1\] +W0_12 +0\.8 +50 +0\.8 +0 +7\n/);
    const json = JSON.parse((await cli(["compare", "--as-printed", "--json"])).out);
    expect(json.quantities.find((q: { name: string }) => q.name === "loss")).toMatchObject({
      exact: "0.0181",
      printed: "0.0181",
      float32: { value: "0.0181" },
    });
  });
});

describe("run --as-printed on every case folder", () => {
  it.each(caseIds())("%s writes every formula without an error", async (id) => {
    const { code, out } = await cli(["run", `${FIXTURES_DIR}${id}/case.json`, "--as-printed"]);
    expect(code).toBe(0);
    expect(out).toContain("Forward pass");
  });

  it("writes softmax's parts and the shared bias's step with their numbers put in", async () => {
    const softmax = (await cli(["run", `${FIXTURES_DIR}softmax-ce-3class/case.json`, "--as-printed"])).out;
    expect(softmax).toMatch(/zShifted\[0\]\[0\] = \(−0\.8\) − 1\.1 = -1\.9 +printed -1\.9 ✓/);
    expect(softmax).toMatch(/sumExp\[0\] = 0\.150 \+ 1\.0 \+ 0\.368 = 1\.517 +printed 1\.517 ✓/);
    const shared = (await cli(["run", `${FIXTURES_DIR}melfm-2017/case.json`, "--as-printed"])).out;
    expect(shared).toMatch(/lrdb\[0\] = 0\.5·0\.\d+ = 0\.\d+\n/);
  });
});

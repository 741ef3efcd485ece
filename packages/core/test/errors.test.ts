import { describe, expect, it } from "vitest";
import {
  BudgetError,
  InputError,
  UsageError,
  describeValue,
  escapeForTerminal,
  excerpt,
  isUserError,
} from "../src/index.ts";

describe("user-facing errors", () => {
  it("each kind is a UserError with its one-line message", () => {
    const input = new InputError("a.json", "$.x", "expected a string");
    const usage = new UsageError("--digits", "expected an integer");
    const budget = new BudgetError("training 10 epochs", "2 min", "60 s", "use fewer --epochs");
    const memory = new BudgetError("the worked step", "6.1 GiB", "2.0 GiB", "use fewer --digits", "memory");
    expect([input, usage, budget, memory].map((e) => [e.kind, e.message, isUserError(e)])).toEqual([
      ["input", "a.json: $.x: expected a string", true],
      ["usage", "--digits: expected an integer", true],
      ["budget", "training 10 epochs would take about 2 min (limit 60 s): use fewer --epochs", true],
      [
        "budget",
        "the worked step would need about 6.1 GiB of memory (limit 2.0 GiB): use fewer --digits",
        true,
      ],
    ]);
    expect(isUserError(new RangeError("Invalid string length"))).toBe(false);
  });
});

describe("excerpts", () => {
  it("escapes control characters, separators, bidi overrides and lone surrogates", () => {
    expect(escapeForTerminal("a\nb\tc\u001b[2J\u0085\u2028\u202e\ud800x\u00e9\u{1f600}")).toBe(
      "a\\nb\\tc\\u001b[2J\\u0085\\u2028\\u202e\\ud800xé\u{1f600}",
    );
  });

  it("cuts long text", () => {
    expect(excerpt("x".repeat(100), 5)).toBe("xxxxx…");
    expect(excerpt("short")).toBe("short");
  });

  it("summarises values instead of serialising them", () => {
    expect(
      [[1], [1, 2], { a: 1 }, { a: 1, b: 2 }, null, 3, "s\n", true].map((v) => describeValue(v)),
    ).toEqual(["[1 item]", "[2 items]", "{1 property}", "{2 properties}", "null", "3", '"s\\n"', "true"]);
  });
});

describe("domainChecked", async () => {
  const { DomainError, domainChecked, float32, float64 } = await import("../src/index.ts");
  it("turns ln of a non-positive number, a division by zero and a float exp overflow into DomainErrors", () => {
    const F = domainChecked(float64);
    expect(() => F.ln(0)).toThrow(DomainError);
    expect(() => F.ln(-1)).toThrow("in float64, ln(-1) is undefined: ln takes positive numbers only");
    expect(() => F.div(0, 0)).toThrow("in float64, 0 / 0 is undefined: a division by zero");
    expect(() => domainChecked(float32).exp(100)).toThrow(
      "in float32, exp(100) is undefined: it overflows float32",
    );
    expect([F.ln(1), F.div(1, 2), F.exp(0)]).toEqual([0, 0.5, 1]);
  });
});

describe("firstUndefinedQuantity", async () => {
  const { deriveWorkedExample, firstUndefinedQuantity, float32, float64, instantiate } =
    await import("../src/index.ts");
  const { seedProblem } = await import("./arbitrary.ts");
  type Spec = typeof seedProblem;
  const derive = (spec: Spec) => (F: typeof float64) =>
    deriveWorkedExample(F, instantiate(F, spec)).quantities;
  const withLayer = (l: number, change: object, loss = seedProblem.network.loss): Spec => ({
    ...seedProblem,
    network: {
      ...seedProblem.network,
      loss,
      layers: seedProblem.network.layers.map((layer, k) => (k === l ? { ...layer, ...change } : layer)),
    },
  });

  it("names the hidden activation whose exp overflows, not the later sums it spoils", () => {
    // z[0][0] = −2000·0.35 − 2000·0.9: σ takes exp(2500), beyond float32 and float64.
    const spec = withLayer(0, {
      weights: [
        ["-2000", "-2000"],
        ["0.4", "0.6"],
      ],
    });
    expect(firstUndefinedQuantity(float32, derive(spec))).toBe("a[0][0]");
    expect(firstUndefinedQuantity(float64, derive(spec))).toBe("a[0][0]");
  });

  it("names the loss term of a bce output of exactly 0, and nothing for a valid step", () => {
    const spec = withLayer(1, { activation: "identity", weights: [["0", "0"]] }, "bce");
    expect(firstUndefinedQuantity(float64, derive(spec))).toBe("lossTerm[0]");
    expect(firstUndefinedQuantity(float64, derive(seedProblem))).toBeNull();
  });
});

describe("DomainError", async () => {
  const { DomainError } = await import("../src/index.ts");
  it("names the exact mode in words and the quantity once found", () => {
    const e = new DomainError("exact", "ln(0)", "ln takes positive numbers only");
    expect([e.message, e.quantity]).toEqual([
      "in the exact mode, ln(0) is undefined: ln takes positive numbers only",
      null,
    ]);
    const named = e.at("lossTerm[0]");
    expect(named).toBeInstanceOf(DomainError);
    expect([named.message, named.mode, named.quantity]).toEqual([
      "in the exact mode, lossTerm[0]: ln(0) is undefined: ln takes positive numbers only",
      "exact",
      "lossTerm[0]",
    ]);
  });
});

describe("maxOf and minOf", async () => {
  const { maxOf, minOf } = await import("../src/index.ts");
  it("take any length in one pass, NaN wins, and an empty list gives its default", () => {
    const many = Array.from({ length: 200_000 }, (_, k) => (k * 7919) % 200_003);
    expect([maxOf(many), minOf(many)]).toEqual([
      Math.max(...many.slice(0, 1000), maxOf(many.slice(1000))),
      0,
    ]);
    expect([maxOf([1, Number.NaN, 3]), minOf([1, Number.NaN, 3])]).toEqual([Number.NaN, Number.NaN]);
    expect([maxOf([]), minOf([]), maxOf([], 0), minOf([], 5)]).toEqual([-Infinity, Infinity, 0, 5]);
  });
});

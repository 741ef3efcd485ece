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
    expect([input, usage, budget].map((e) => [e.kind, e.message, isUserError(e)])).toEqual([
      ["input", "a.json: $.x: expected a string", true],
      ["usage", "--digits: expected an integer", true],
      ["budget", "training 10 epochs would take about 2 min (limit 60 s): use fewer --epochs", true],
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

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  KIND_NAMES,
  QUANTITY_KINDS,
  formatQuantity,
  parseQuantity,
  swapMatrixIndices,
  type QuantityName,
  type Time,
} from "../src/index.ts";

describe("the quantity-name grammar", () => {
  it("parses what it formats, for every kind, sample and step", () => {
    const name = fc
      .record({
        kind: fc.constantFrom(...KIND_NAMES),
        index: fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 3, maxLength: 3 }),
        sample: fc.option(fc.integer({ min: 0, max: 9 })),
        time: fc.oneof(
          fc.constant(null),
          fc.integer({ min: 2, max: 99 }).map((n): Time => ({ at: "step", n })),
        ),
        negated: fc.boolean(),
      })
      .map((r): QuantityName => ({
        kind: r.kind,
        index: r.index.slice(0, QUANTITY_KINDS[r.kind].indices),
        sample: QUANTITY_KINDS[r.kind].perSample ? r.sample : null,
        time: r.time,
        ...(r.negated ? { negated: true } : {}),
      }));
    fc.assert(
      fc.property(name, (q) => {
        const parsed = parseQuantity(formatQuantity(q));
        expect(parsed).toEqual({ ok: true, name: q });
      }),
    );
  });

  it.each([
    ["z[0][1]@s[2]@step[3]", "z", [0, 1], 2, { at: "step", n: 3 }],
    ["loss@after[10]", "loss", [], null, { at: "after", n: 10 }],
    ["loss@epoch[200]", "loss", [], null, { at: "epoch", n: 200 }],
    ["W'[1][0][2]@epoch[1]", "W'", [1, 0, 2], null, { at: "epoch", n: 1 }],
    ["W[0][0][1]@final", "W", [0, 0, 1], null, { at: "final" }],
    ["b[0]", "b", [0], null, null],
    ["contrib[0][1][0]", "contrib", [0, 1, 0], null, null],
  ])("%s", (text, kind, index, sample, t) => {
    expect(parseQuantity(text)).toEqual({ ok: true, name: { kind, index, sample, time: t } });
  });

  it.each([
    ["q[0]", "expected a quantity name"],
    ["z[0][1][2]", 'expected 2 indices after "z"'],
    ["W[0][0][0]@s[1]", '"W" has no per-sample values'],
    ["z[0][0]@step[1]", "the first step has no suffix"],
    ["dW[0][0][0]@after[1]", "@after[n] applies to forward quantities"],
    ["z[0][0]@epoch[1]", "@epoch[e] applies to loss"],
    ["z[0][01]", "expected 2 indices"],
    ["z[0][0]@step[2]@s[0]", 'unexpected "@s[0]"'],
  ])("refuses %s", (text, why) => {
    const parsed = parseQuantity(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.why).toContain(why);
  });

  it("accepts prefixes only when asked (the form symbols use)", () => {
    expect(parseQuantity("W[1]").ok).toBe(false);
    expect(parseQuantity("W[1]", { prefix: true }).ok).toBe(true);
    expect(parseQuantity("x", { prefix: true }).ok).toBe(true);
  });

  it("swaps the two matrix indices of matrix kinds only", () => {
    const q = (text: string) => (parseQuantity(text) as { name: QuantityName }).name;
    expect(formatQuantity(swapMatrixIndices(q("dW[1][0][2]")))).toBe("dW[1][2][0]");
    expect(formatQuantity(swapMatrixIndices(q("contrib[0][1][0]")))).toBe("contrib[0][1][0]");
  });
});

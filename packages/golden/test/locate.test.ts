import Decimal from "decimal.js";
import { describe, expect, it } from "vitest";
import { placeEntry, quantityOfSymbol } from "../src/locate.ts";
import { loadCaseFile } from "../src/index.ts";
import { exactQuantities } from "../src/reference-derivation.ts";

const seed = loadCaseFile();
const values = exactQuantities(seed);

describe("quantityOfSymbol", () => {
  it.each([
    ["Z_y", "z[1][0]"],
    ["h_2", "z[0][1]"],
    ["W0_12", "W[0][0][1]"],
    ["W0'_21", "W'[0][1][0]"],
    ["X_1", "x[0]"],
    ["W0_12,3", "W[0][11][2]"],
    ["W0_02", undefined],
    ["Q_1", undefined],
    ["h", "z[0]"],
    ["nothing", undefined],
  ])("%s names %s", (symbol, quantity) => {
    expect(quantityOfSymbol(seed.symbols, symbol)).toBe(quantity);
  });
});

describe("placing a published number", () => {
  const place = (symbol: string, printed: string) =>
    placeEntry({ symbol, printed }, values, quantityOfSymbol(seed.symbols, symbol));

  it("keeps a quantity the case gives", () => {
    expect(placeEntry({ symbol: "h_1", printed: "9", quantity: "z[0][0]" }, values, undefined)).toEqual({
      quantity: "z[0][0]",
      by: "quantity",
      candidates: [],
    });
  });

  it("finds the quantity a symbol points at by its value", () => {
    expect(place("h_1", "0.755")).toEqual({ quantity: "z[0][0]", by: "value", candidates: ["z[0][0]"] });
    // "Z" names the vector a[0]: the element whose value is printed.
    expect(place("Z", "0.664")).toEqual({ quantity: "a[0][1]", by: "value", candidates: ["a[0][1]"] });
  });

  it("leaves a wrong number at the quantity its symbol names, listing what its value equals", () => {
    // A transposed gradient: 0.002860 is ∂L/∂W_21's value, printed for W_12.
    expect(place("∇L_W0_12", "0.002860")).toEqual({
      quantity: "dW[0][0][1]",
      by: "symbol",
      candidates: ["dW[0][1][0]"],
    });
  });

  it("places an unknown symbol by value alone, every candidate listed", () => {
    const placed = place("q", "0.9");
    expect(placed?.by).toBe("value");
    // 0.9 is (at one decimal) a weight after the step, and the weight and an input the case gives, listed last.
    expect(placed?.candidates).toEqual(["W'[1][0][1]", "W[1][0][1]", "x[1]"]);
    expect(placed?.quantity).toBe(placed?.candidates[0]);
  });

  it("places nothing when no quantity has the value", () => {
    expect(place("q", "0.123")).toBeUndefined();
    expect(place("h", "0.123")).toBeUndefined();
  });

  it("reads a typographic minus", () => {
    const negative = new Map([["delta[0][0]", new Decimal("-0.809")]]);
    expect(placeEntry({ symbol: "Δ", printed: "\u22120.809" }, negative, undefined)?.quantity).toBe(
      "delta[0][0]",
    );
  });
});

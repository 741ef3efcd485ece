import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CASE_PATH, InputError, jsonPath, loadCaseFile, parseCase } from "../src/index.ts";

const seedText = readFileSync(DEFAULT_CASE_PATH, "utf8");

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

/** The seed case with one edit applied. */
function edited(edit: (c: any) => void): string {
  const c = JSON.parse(seedText);
  edit(c);
  return JSON.stringify(c);
}

describe("the seed case", () => {
  it("loads and validates", () => {
    const c = loadCaseFile();
    expect(c.id).toBe("bp-worked-example-zh");
    expect(c.network.layers.map((l) => l.weights.length)).toEqual([2, 1]);
    expect(c.published.length).toBeGreaterThan(20);
  });
});

describe("bad case files are refused with the file, the JSON path and what was expected", () => {
  it.each([
    [
      "malformed JSON",
      "{ not json",
      'line 1 column 3: invalid JSON: expected a property name in double quotes or "}", found "not json"',
    ],
    [
      "a matrix of the wrong shape",
      edited((c) => (c.network.layers[1].weights = [["0.3", "0.9", "0.1"]])),
      "$.network.layers[1].weights[0]: expected 2 weights (one per unit below), got 3",
    ],
    [
      "a bias vector of the wrong length",
      edited((c) => (c.network.layers[0].biases = ["0.1"])),
      "$.network.layers[0].biases: expected 2 biases (one per unit), got 1",
    ],
    [
      "an input of the wrong width",
      edited((c) => (c.data[0].x = ["1"])),
      "$.data[0].x: expected 2 inputs, got 1",
    ],
    [
      "a target of the wrong width",
      edited((c) => (c.data[0].y = ["1", "2"])),
      "$.data[0].y: expected 1 targets (one per output), got 2",
    ],
    [
      "a non-numeric number",
      edited((c) => (c.network.layers[0].weights[0][1] = "0.8x")),
      '$.network.layers[0].weights[0][1]: expected a decimal string such as "0.35", got "0.8x"',
    ],
    [
      "a JSON number instead of a decimal string",
      edited((c) => (c.data[0].x[0] = 0.35)),
      "$.data[0].x[0]: expected string, got 0.35",
    ],
    [
      "a non-finite number",
      edited((c) => (c.training.learningRate = "Infinity")),
      '$.training.learningRate: expected a decimal string such as "0.35", got "Infinity"',
    ],
    [
      "a number too large for float32",
      edited((c) => (c.data[0].y[0] = "1e999")),
      '$.data[0].y[0]: expected a number of magnitude at most 1e30, got "1e999"',
    ],
    [
      "an unknown activation",
      edited((c) => (c.network.layers[0].activation = "tanhh")),
      '$.network.layers[0].activation: unknown value "tanhh" (expected: identity, relu, sigmoid, tanh)',
    ],
    [
      "an unknown loss",
      edited((c) => (c.network.loss = "l1")),
      '$.network.loss: unknown value "l1" (expected: half-sse, mse, bce)',
    ],
    [
      "too many epochs",
      edited((c) => (c.training.epochs = 10_000_001)),
      "$.training.epochs: must be <= 1000000, got 10000001",
    ],
    ["a missing property", edited((c) => delete c.training), '$: missing property "training"'],
    ["an unknown property", edited((c) => (c.extra = 1)), '$: unknown property "extra"'],
    ["another format version", edited((c) => (c.version = 3)), "$.version: expected 2, got 3"],
  ])("%s", (_, text, message) => {
    const error = thrown(() => parseCase("bad.json", text));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toBe(`bad.json: ${message}`);
  });

  it("a missing file", () => {
    expect(() => loadCaseFile("/nonexistent/case.json")).toThrow(
      "/nonexistent/case.json: $: expected a readable case file (ENOENT)",
    );
  });
});

describe("jsonPath", () => {
  it.each([
    ["", "$"],
    ["/network/layers/0/weights/1", "$.network.layers[0].weights[1]"],
    ["/symbols/W0'", `$.symbols["W0'"]`],
    ["/a~1b/c~0d", `$["a/b"]["c~d"]`],
  ])("%j is %s", (pointer, path) => {
    expect(jsonPath(pointer)).toBe(path);
  });
});

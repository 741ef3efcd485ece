import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { caseFormatOf, formatCaseText, readCaseText } from "../src/case-text.ts";
import { DEFAULT_CASE_PATH, InputError, loadCaseFile, parseCase } from "../src/index.ts";
import { typesAt } from "../src/schema-types.ts";

const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));

/** The seed case as YAML, every number plain. */
const seedYaml = formatCaseText(seed, "yaml");

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

/** "line:column" where `needle` first stands in `text`. */
function at(text: string, needle: string): string {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

/** The seed case as YAML with one line replaced (found by its text). */
function editedYaml(line: string, replacement: string): string {
  expect(seedYaml).toContain(line);
  return seedYaml.replace(line, replacement);
}

describe("YAML cases", () => {
  it("read to the same case as the JSON, every number kept as written", () => {
    expect(seedYaml).toContain("- [0.1, 0.8]");
    expect(seedYaml).toContain("printed: 0.680");
    expect(parseCase("seed.yaml", seedYaml)).toEqual(loadCaseFile());
  });

  it("convert a plain scalar only where the schema wants no string", () => {
    const c = parseCase("seed.yml", seedYaml);
    expect(c.network.inputs).toBe(2);
    expect(c.training.updateBiases).toBe(false);
    expect(c.network.layers[0]!.biases).toBeNull();
    expect(c.published.find((p) => p.id === "s2-z-1")!.printed).toBe("0.680");
    expect(c.training.learningRate).toBe("0.01");
  });

  it("keep quoted text as text, even where the schema wants an integer (the schema then says so)", () => {
    const text = editedYaml("inputs: 2", 'inputs: "2"');
    const error = thrown(() => parseCase("c.yaml", text));
    expect(error.message).toBe(`c.yaml:${at(text, '"2"')}: $.network.inputs: expected integer, got "2"`);
  });

  it("keep comments and block layout out of the value", () => {
    const text = editedYaml("training:\n", "# the article's settings\ntraining: # §4\n");
    expect(parseCase("c.yaml", text)).toEqual(loadCaseFile());
  });
});

describe("bad YAML is refused in one line with the file, line and column, path and what was expected", () => {
  // Each row: the text, where the error stands in it (the first occurrence of a needle), the message.
  it.each([
    [
      "a tab in the indentation",
      editedYaml("  inputs: 2", "\tinputs: 2"),
      "\tinputs",
      "$: expected spaces for indentation, got a tab",
    ],
    [
      "an anchor",
      editedYaml("learningRate: 0.01", "learningRate: &rate 0.01"),
      "0.01",
      "$.training.learningRate: expected a value, got the anchor &rate (anchors and aliases are not used in cases)",
    ],
    [
      "an alias",
      editedYaml("y: [0.5]", "y: [*half]"),
      "*half",
      "$.data[0].y[0]: expected a value, got the alias *half (write the value out)",
    ],
    [
      "a duplicate key",
      editedYaml("  epochs: 200\n", "  epochs: 200\n  epochs: 100\n"),
      "epochs: 100",
      "$.training.epochs: expected each key once in a mapping, got this key a second time",
    ],
    [
      "a tag",
      editedYaml("learningRate: 0.01", "learningRate: !!float 0.01"),
      "0.01",
      "$.training.learningRate: expected a value without a tag, got !!float",
    ],
    [
      "a schema violation, at the value's own line",
      editedYaml("- [0.3, 0.9]", "- [0.3, 0.9x]"),
      "0.9x",
      '$.network.layers[1].weights[0][1]: expected a decimal string such as "0.35", got "0.9x"',
    ],
    [
      "a shape the schema cannot check",
      editedYaml("- [0.3, 0.9]", "- [0.3, 0.9, 0.1]"),
      "[0.3, 0.9, 0.1]",
      "$.network.layers[1].weights[0]: expected 2 weights (one per unit below), got 3",
    ],
    [
      "a printed number whose trailing zero another tool dropped",
      editedYaml("printed: 0.680", "printed: 0.68\n"),
      "0.68\n\n",
      '$.published[2].printed: expected "0.680" as printed in "Z = σ(h) = [0.680, 0.664]^T", got 0.68: its trailing zeros were dropped; write it quoted, "0.680"',
    ],
    [
      "not YAML at all",
      "a: [1, 2\n",
      "\n",
      "$.a[1]: expected valid YAML (Flow sequence in block collection must be sufficiently indented and end with a ])",
    ],
    [
      "two documents",
      `${seedYaml}---\nid: x\n`,
      "---",
      "$: expected valid YAML (Source contains multiple documents; please use YAML.parseAllDocuments())",
    ],
  ])("%s", (_, text, needle, message) => {
    const error = thrown(() => parseCase("c.yaml", text));
    expect(error).toBeInstanceOf(InputError);
    const position = needle === "\n" ? "2:1" : at(text, needle);
    expect(error.message).toBe(`c.yaml:${position}: ${message}`);
  });

  it("a printed number quoted as written is the author's word, not a tool's", () => {
    const c = parseCase("c.yaml", editedYaml("printed: 0.680", 'printed: "0.68"'));
    expect(c.published[2]!.printed).toBe("0.68");
  });
});

describe("case text", () => {
  it("is YAML by extension, JSON otherwise; on stdin by its first character", () => {
    expect(caseFormatOf("a.yaml", "")).toBe("yaml");
    expect(caseFormatOf("a.YML", "")).toBe("yaml");
    expect(caseFormatOf("a.json", "")).toBe("json");
    expect(caseFormatOf("<stdin>", ' {"a": 1}')).toBe("json");
    expect(caseFormatOf("<stdin>", "a: 1")).toBe("yaml");
  });

  it("has positions for YAML values and their enclosing values", () => {
    const text = readCaseText("c.yaml", seedYaml);
    expect(text.positionOf("$.training.epochs")).toEqual({ line: 27, column: 11 });
    expect(text.positionOf("$.training.nothing[3]")).toEqual({ line: 26, column: 3 });
    expect(readCaseText("c.json", "{}").positionOf("$")).toBeUndefined();
  });

  it("writes JSON with two-space indentation", () => {
    expect(formatCaseText({ a: ["1"] }, "json")).toBe('{\n  "a": [\n    "1"\n  ]\n}\n');
  });
});

describe("typesAt", () => {
  it.each([
    [["network", "inputs"], ["integer"]],
    // One per unit, { shared: … } or null; the shared bias a decimal string, through a cross-file $ref.
    [
      ["network", "layers", 0, "biases"],
      ["array", "null", "object"],
    ],
    [["network", "layers", 0, "biases", "shared"], ["string"]],
    [["network", "layers", 0, "biases", 1], ["string"]],
    [["version"], ["integer"]],
    [["symbols", "W0", "quantity"], ["string"]],
    [["nothing"], []],
  ])("%j", (path, types) => {
    expect([...typesAt("case", path)].sort()).toEqual(types);
  });
});

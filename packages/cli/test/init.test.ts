import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ACTIVATIONS, LOSSES } from "@bpcheck/core";
import { parseCase, readCaseText } from "@bpcheck/golden";
import { cli } from "./cli.ts";
import { tempDir } from "./temp-case.ts";

const FLAGS = ["2-2-1", "--activation", "sigmoid", "--loss", "half-sse", "--lr", "1"];

/** The skeleton with every name to fill replaced by a number (0.1, 0.2, …), as a user fills it. */
function filled(text: string, names: readonly string[]): string {
  let out = text;
  names.forEach((name, n) => {
    out = out.replace(
      new RegExp(`(?<=[\\[ "])${name.replace(/[$]/g, "\\$&")}(?=[\\],"\\n])`, "g"),
      `${(n + 1) / 10}`,
    );
  });
  return out;
}

describe("bpcheck init", () => {
  it("writes a YAML skeleton and lists every number to fill with its name, line and path", async () => {
    const { code, out, files } = await cli(["init", ...FLAGS, "-o", "my-case.yaml"]);
    expect(code).toBe(0);
    const text = files.get("my-case.yaml")!;
    expect(text).toContain("- [W1_11, W1_12]");
    expect(text).toContain("learningRate: 1\n");
    expect(out).toContain(
      "Wrote my-case.yaml: a 2-2-1 network (sigmoid, sigmoid; half-sse loss; a bias per unit).",
    );
    expect(out).toContain("12 numbers to fill");
    expect(out).toMatch(
      / 16 {2}W1_11 {2}\$\.network\.layers\[0\]\.weights\[0\]\[0\] {2}weight into layer-1 unit 1 from input 1\n/,
    );
    const names = [...out.matchAll(/^ +\d+ {2}(\S+) /gm)].map((m) => m[1]!);
    expect(names).toEqual([
      "W1_11",
      "W1_12",
      "W1_21",
      "W1_22",
      "b1_1",
      "b1_2",
      "W2_11",
      "W2_12",
      "b2_1",
      "x_1",
      "x_2",
      "y_1",
    ]);
    // Once filled (and the template published entry given a number), the skeleton is a valid case.
    const c = parseCase("my-case.yaml", filled(text, names).replace("printed: ŷ_1", "printed: 0.75"));
    expect(c.network.layers[0]!.weights).toEqual([
      ["0.1", "0.2"],
      ["0.3", "0.4"],
    ]);
    expect(c.id).toBe("my-case");
  });

  it("writes the matrices in the layout asked for, a shared bias and a leaky ReLU's slope to fill", async () => {
    const args = ["2-3-2", "--activation", "leaky-relu,softmax", "--loss", "cce", "--biases", "shared"];
    const { code, files, out } = await cli(["init", ...args, "--layout", "in-out", "-o", "c.yaml"]);
    expect(code).toBe(0);
    const text = files.get("c.yaml")!;
    // A row per input: W1_12 (input 1 to unit 2) stands in row 1, column 2, as the source prints it.
    expect(text).toContain(
      "      layout: in-out\n      weights:\n        - [W1_11, W1_12, W1_13]\n        - [W1_21, W1_22, W1_23]\n",
    );
    expect(text).toContain("      biases:\n        shared: b1\n");
    expect(text).toContain("      slope: slope1\n");
    expect(out).toContain("20 numbers to fill");
    const names = [...out.matchAll(/^ +\d+ {2}(\S+) /gm)].map((m) => m[1]!);
    // Categorical cross-entropy wants a distribution as the target.
    const numbers = filled(text, names).replace(/y: \[[^\]]*\]/, "y: [1, 0]");
    const c = parseCase("c.yaml", numbers.replace("printed: ŷ_1", "printed: 0.5"));
    // Loaded, the matrix is out × in: unit 2's weights from inputs 1 and 2 are W1_12 and W1_22.
    expect(c.network.layers[0]!.weights[1]).toEqual(
      [names.indexOf("W1_12"), names.indexOf("W1_22")].map((n) => `${(n + 1) / 10}`),
    );
  });

  it("names each number still to fill when the skeleton is validated", async () => {
    const dir = tempDir();
    const file = join(dir, "c.yaml");
    const { files } = await cli(["init", "1-1", "--biases", "none", "-o", file]);
    writeFileSync(file, files.get(file)!);
    const { code, out } = await cli(["validate", file]);
    expect(code).toBe(1);
    expect(out.split("\n")[0]).toMatch(
      /^.*c\.yaml:\d+:\d+: \$\.network\.layers\[0\]\.weights\[0\]\[0\]: expected a decimal string such as "0\.35", got "W1_11"$/,
    );
  });

  it("writes JSON for a .json file, with the same skeleton", async () => {
    const yaml = (await cli(["init", ...FLAGS, "-o", "c.yaml"])).files.get("c.yaml")!;
    const json = (await cli(["init", ...FLAGS, "-o", "c.json"])).files.get("c.json")!;
    expect(JSON.parse(json)).toEqual(readCaseText("c.yaml", yaml).value);
  });

  it("never overwrites a file unless --force", async () => {
    const file = join(tempDir(), "exists.yaml");
    writeFileSync(file, "keep me");
    const refused = await cli(["init", ...FLAGS, "-o", file]);
    expect([refused.code, refused.err]).toEqual([
      2,
      `bpcheck: ${file}: expected a new file: it exists (--force overwrites it)\n`,
    ]);
    expect(refused.files.size).toBe(0);
    const forced = await cli(["init", ...FLAGS, "-o", file, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.files.get(file)).toContain("schema: bpcheck-case");
  });

  it("writes YAML to stdout without -o, the list to stderr", async () => {
    const { code, out, err } = await cli(["init", "2-1", "--activation", "identity"]);
    expect(code).toBe(0);
    expect(out).toContain("id: my-case\n");
    expect(err).toContain("Wrote the case to stdout");
  });

  it("asks on a terminal, with defaults, and asks again after a wrong answer", async () => {
    const { code, files, questions, err } = await cli(["init"], {
      answers: ["2-0-1", "2-2-1", "", "", "none", "", "0.05", "asked.yaml"],
    });
    expect(code).toBe(0);
    expect(questions[0]).toBe("Layer widths from the input up [2-2-1]: ");
    expect(err).toBe('  sizes: expected every width from 1 to 256 in "2-0-1", got 0 for layer 1\n');
    const text = files.get("asked.yaml")!;
    expect(text).toContain("learningRate: 0.05");
    expect(text).toContain("biases: null");
    expect(text).toContain("id: asked");
  });

  it("stops when the terminal closes", async () => {
    const { code, err } = await cli(["init"], { answers: ["2-2-1"] });
    expect([code, err]).toEqual([
      2,
      `bpcheck: init: expected an answer to "Activation, one or one per layer (${ACTIVATIONS.join(", ")})"\n`,
    ]);
  });

  it.each([
    [["2-0-1"], 'sizes: expected every width from 1 to 256 in "2-0-1", got 0 for layer 1'],
    [["0-2"], 'sizes: expected every width from 1 to 256 in "0-2", got 0 for the input'],
    [["2"], 'sizes: expected layer widths from the input up such as "2-2-1", got "2"'],
    [
      ["2-2-1", "--activation", "swish"],
      `--activation: unknown activation "swish" (expected: ${ACTIVATIONS.join(", ")})`,
    ],
    [
      ["2-2-1", "--activation", "relu,relu,relu"],
      "--activation: expected one activation or 2 (one per layer), got 3",
    ],
    [["2-2-1", "--loss", "l1"], `--loss: unknown loss "l1" (expected: ${LOSSES.join(", ")})`],
    [
      ["2-2-1", "--activation", "sigmoid,softmax"],
      "--activation: expected softmax only on a layer of 2 or more units, layer 2 has 1 (softmax of one unit is always 1)",
    ],
    [["2-2-1", "--layout", "rows"], '--layout: unknown layout "rows" (expected: out-in, in-out)'],
    [["2-2-1", "--biases", "some"], '--biases: unknown bias kind "some" (expected: per-unit, shared, none)'],
    [["2-2-1", "--lr", "fast"], '--lr: expected a decimal number such as "0.01", got "fast"'],
    [
      ["2-2-1", "-o", "case.txt"],
      '--output: expected a file name ending in .yaml, .yml or .json, got "case.txt"',
    ],
    [["2-2-1", "--id", "My Case"], '--id: expected a kebab-case id such as "my-case", got "My Case"'],
    [[], 'sizes: expected the layer widths such as "2-2-1" (or run on a terminal to be asked)'],
  ])("refuses %j in one line, exit 2", async (args, message) => {
    const { code, out, err, files } = await cli(["init", ...args]);
    expect([code, err]).toEqual([2, `bpcheck: ${message}\n`]);
    expect([out, files.size]).toEqual(["", 0]);
  });
});

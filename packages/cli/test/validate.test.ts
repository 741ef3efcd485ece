import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { cli } from "./cli.ts";

const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));

describe("bpcheck validate", () => {
  it("finds the seed case valid", async () => {
    const { code, out } = await cli(["validate", DEFAULT_CASE_PATH]);
    expect([code, out]).toEqual([0, `${DEFAULT_CASE_PATH}: valid\n`]);
  });

  it("lists every schema error with its JSON path and exits 1", async () => {
    const broken = structuredClone(seed);
    broken.version = 3;
    broken.network.layers[0].activation = "tanhh";
    broken.network.layers[1].weights[0][1] = "0,9";
    broken.training.batch = "mini";
    delete broken.title;
    broken.extra = true;
    const { code, out } = await cli(["validate", "-"], { stdin: JSON.stringify(broken) });
    expect(code).toBe(1);
    expect(out).toMatchInlineSnapshot(`
      "<stdin>: $: missing property "title"
      <stdin>: $: unknown property "extra"
      <stdin>: $.version: expected 2, got 3
      <stdin>: $.network.layers[0].activation: unknown value "tanhh" (expected: identity, relu, leaky-relu, sigmoid, tanh, softmax)
      <stdin>: $.network.layers[1].weights[0][1]: expected a decimal string such as "0.35", got "0,9"
      <stdin>: $.training.batch: unknown value "mini" (expected: sgd, full-batch)
      6 errors
      "
    `);
  });

  it("checks a schema-valid case's shapes too", async () => {
    const broken = structuredClone(seed);
    broken.network.layers[1].weights[0].push("0.1");
    const { code, out } = await cli(["validate", "-", "--json"], { stdin: JSON.stringify(broken) });
    expect(code).toBe(1);
    expect(JSON.parse(out)).toMatchInlineSnapshot(`
      {
        "command": "validate",
        "errors": [
          {
            "message": "expected 2 weights (one per unit below), got 3",
            "path": "$.network.layers[1].weights[0]",
          },
        ],
        "file": "<stdin>",
        "valid": false,
        "version": 1,
      }
    `);
  });

  it.each([
    ["{", "<stdin>: line 1 column 2: invalid JSON"],
    ['{"schema": "bpcheck-nothing"}', '<stdin>: $.schema: expected one of: "bpcheck-case"'],
    ["[]", '<stdin>: $.schema: expected one of: "bpcheck-case"'],
  ])("reports %s as an error of the file", async (stdin, line) => {
    const { code, out } = await cli(["validate", "-"], { stdin });
    expect(code).toBe(1);
    expect(out.split("\n")[0]).toContain(line);
  });

  it.each([
    [["validate", "/no/such.json"], "bpcheck: /no/such.json: $: expected a readable file (ENOENT)\n"],
    [["validate", "a.json", "b.json"], "bpcheck: arguments: expected at most one file, got 2\n"],
  ])("%j exits 2", async (argv, message) => {
    const { code, err } = await cli(argv);
    expect([code, err]).toEqual([2, message]);
  });
});

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import Decimal from "decimal.js";
import { DEFAULT_CASE_PATH, FIXTURES_DIR } from "@bpcheck/golden";
import { cli } from "./cli.ts";

describe("bpcheck", () => {
  it("lists its commands with --help", async () => {
    const { code, out } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "bpcheck — recompute and audit worked backpropagation examples

      Usage: bpcheck <command> [case-file | -] [options]

      Commands:
        run        the worked example step by step in the source's own symbols
        compare    every quantity in float32, float64 and exact, with each float's error
        train      train over epochs; the loss curve as a chart and an SVG plot
        gradcheck  backprop gradients against central finite differences
        graph      the computation graph annotated with forward values and gradients
        errata     the verdict on every published number, and the formula and code errata
        replay     the published program replayed: printed against replayed values, and the ablation
        init       write a case skeleton from a short description of the network
        locate     place published numbers given by symbol and value only; --write puts their quantities in the file
        validate   check a case or fixture file against its schema, listing every error
        fixtures   regenerate the generated fixtures, or check them against a regeneration

      Options of every command: --json (one JSON document), --no-color, --help.
      Run \`bpcheck help <command>\` (or \`bpcheck <command> --help\`) for a command's options
      and an example; \`bpcheck --version\` for the version.
      --max-seconds N sets the time budget of a computing command (default 60), and
      --max-memory MiB its memory budget (default 2048, at most Node's heap limit).
      --debug (or BPCHECK_DEBUG=1) prints the stack trace of an internal error.

      Exit codes:
        0   all good
        1   a check failed, or a value left its function's domain
        2   bad input, bad usage, or over the time or memory budget (one line says what)
        70  a bug in bpcheck: please report it (--debug shows the stack)
        74  standard output could not be written
      "
    `);
  });

  it("without a command prints the usage and exits 2", async () => {
    const { code, out } = await cli([]);
    expect(code).toBe(2);
    expect(out).toContain("Usage: bpcheck <command>");
  });

  it.each([
    [
      ["frobnicate"],
      'bpcheck: unknown command "frobnicate" (expected: run, compare, train, gradcheck, graph, errata, replay, init, locate, validate, fixtures); `bpcheck --help` lists the commands\n',
    ],
    [
      ["run", "--mode", "float16"],
      'bpcheck: --mode: unknown mode "float16" (expected: float32, float64, exact)\n',
    ],
    [["run", "--digits", "5"], 'bpcheck: --digits: expected an integer from 10 to 2000, got "5"\n'],
    [["run", "--digits", "ten"], 'bpcheck: --digits: expected an integer from 10 to 2000, got "ten"\n'],
    [
      ["run", "--epochs", "3"],
      "bpcheck: --epochs: unknown option; the options are --json, --max-seconds, --max-memory, --mode, --digits, --as-printed, --help\n",
    ],
    [["run", "a.json", "b.json"], "bpcheck: arguments: expected at most one case file, got 2\n"],
    [["run", "/no/such.json"], "bpcheck: /no/such.json: $: expected a readable case file (ENOENT)\n"],
  ])("bpcheck %j exits 2 with one line", async (argv, message) => {
    const { code, out, err } = await cli(argv);
    expect([code, out, err]).toEqual([2, "", message]);
  });
});

describe("bpcheck run", () => {
  it("prints its help with an example", async () => {
    const { code, out } = await cli(["run", "--help"]);
    expect(code).toBe(0);
    expect(out).toContain("Usage: bpcheck run [case-file | -]");
    expect(out).toContain("Example: bpcheck run --mode float32");
  });

  it("shows the seed example's step in the article's symbols, in float64", async () => {
    const { code, out } = await cli(["run", "--mode", "float64"]);
    expect(code).toBe(0);
    expect(out.split("\n").slice(1, 29).join("\n")).toMatchInlineSnapshot(`
      "bp-worked-example-zh · first training step · float64

      Forward pass
        h (z[0]) = W0·X
          z[0][0]           0.7550000000000001
          z[0][1]           0.68
        term[0] = W0_ji·X_i [row j = unit, column i = input]
          term[0][0][0]     0.034999999999999996
          term[0][0][1]     0.7200000000000001
          term[0][1][0]     0.13999999999999999
          term[0][1][1]     0.54
        Z (a[0]) = σ(h)
          a[0][0]           0.6802671966986485
          a[0][1]           0.6637386974043528
        oneMinusA[0] = 1 − Z
          oneMinusA[0][0]   0.31973280330135145
          oneMinusA[0][1]   0.33626130259564724
        fprime[0] = σ′(h)
          fprime[0][0]      0.21750373779441076
          fprime[0][1]      0.2231896389723258
        Z_y (z[1]) = W1·Z
          z[1][0]           0.801444986673512
        term[1] = W1_ji·Z_i [row j = unit, column i = input]
          term[1][0][0]     0.20408015900959456
          term[1][0][1]     0.5973648276639175
        Ŷ (a[1]) = σ(Z_y)
          a[1][0]           0.6902834929076443
        oneMinusA[1] = 1 − Ŷ"
    `);
    expect(out).toContain("∇L_W0 (dW[0]) = delta[0]·Xᵀ");
    expect(out).toContain("W1' (W'[1]) = W1 − α·∇L_W1");
  });

  it("prints exact values to the digits their proven error bounds certify, correctly rounded", async () => {
    const { out } = await cli(["run", "--digits", "20"]);
    expect(out).toContain("exact, 20-digit arithmetic, each value to its certified digits");
    // σ(0.755) = 0.68026719669864845196515…: 20 digits, rounded up.
    expect(out).toMatch(/a\[0\]\[0\] +0\.68026719669864845197\n/);
  });

  it("shows no digit for a gradient through a saturated sigmoid (weight 10^6: about e^-350000)", async () => {
    const saturated = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    saturated.network.layers[0].weights[0][0] = "1000000";
    const { code, out } = await cli(["run", "-"], { stdin: JSON.stringify(saturated) });
    expect(code).toBe(0);
    // The 50-digit working value is 0; its ball reaches both signs, so nothing is claimed.
    expect(out).toMatch(
      /dW\[0\]\[0\]\[0\] +no certified digit \(\|exact value\| ≤ \d\.?\d?e-\d+: it cancelled or underflowed\)\n/,
    );
    const json = JSON.parse((await cli(["run", "-", "--json"], { stdin: JSON.stringify(saturated) })).out);
    const dW = json.quantities.find((q: { name: string }) => q.name === "dW[0][0][0]");
    expect([dW.value, dW.certifiedDigits]).toEqual([null, 0]);
    expect(Number(dW.errorBound)).toBeLessThan(1e-45);
  });

  it("reads a case from stdin with -", async () => {
    const { code, out } = await cli(["run", "-", "--mode", "float32"], {
      stdin: readFileSync(DEFAULT_CASE_PATH, "utf8"),
    });
    expect(code).toBe(0);
    expect(out).toMatch(/a\[1\]\[0\] +0\.6902835\n/);
  });

  it("reports bad JSON on stdin as <stdin>", async () => {
    const { code, err } = await cli(["run", "-"], { stdin: "{" });
    expect(code).toBe(2);
    expect(err).toMatch(/^bpcheck: <stdin>: line 1 column 2: invalid JSON: expected a property name/);
  });
});

describe("bpcheck run against the golden fixture", () => {
  const golden = JSON.parse(readFileSync(join(FIXTURES_DIR, "bp-worked-example-zh/golden.json"), "utf8"));
  const step = golden.groups[0].quantities as { name: string; exact: string }[];
  const significant = (s: string) => s.replace(/^-?0\.0*|[.-]|e.*$/g, "").length;

  // Every digit run prints is a digit of the exact value: at 60 digits against the
  // fixture's 40, and at 12 and 20 digits, where the working precision's last digits are
  // wrong and must not be shown.
  it.each(["60", "20", "12"])("at --digits %s every printed exact digit is right", async (digits) => {
    const { out } = await cli(["run", "--digits", digits]);
    const printed = new Map([...out.matchAll(/^ {4}(\S+) +(\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
    const shown = step.filter((q) => printed.has(q.name));
    expect(shown.length).toBeGreaterThan(20);
    for (const q of shown) {
      const value = printed.get(q.name)!;
      const digits = Math.min(significant(value), significant(q.exact));
      expect(new Decimal(value).toSignificantDigits(digits).toString(), q.name).toBe(
        new Decimal(q.exact).toSignificantDigits(digits).toString(),
      );
    }
  });
});

describe("bpcheck run --json", () => {
  it("gives every quantity with its source symbol and value", async () => {
    const { code, out } = await cli(["run", "--mode", "float32", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect({ ...doc, quantities: doc.quantities.slice(9, 12) }).toMatchInlineSnapshot(`
      {
        "case": "bp-worked-example-zh",
        "command": "run",
        "digits": null,
        "mode": "float32",
        "quantities": [
          {
            "certifiedDigits": null,
            "errorBound": null,
            "name": "z[0][0]",
            "symbol": "h_1",
            "value": "0.755",
          },
          {
            "certifiedDigits": null,
            "errorBound": null,
            "name": "z[0][1]",
            "symbol": "h_2",
            "value": "0.68",
          },
          {
            "certifiedDigits": null,
            "errorBound": null,
            "name": "z[1][0]",
            "symbol": "Z_y",
            "value": "0.80144495",
          },
        ],
        "version": 1,
      }
    `);
    // 6 weights, 2 inputs, 1 target, 3 each of z, a, f′(z), 1 − a (sigmoid), ∂L/∂a and δ, 6
    // products of z, a loss term and the loss, 2 contributions, 2 of ∂L/∂x, 6 each of dW,
    // α·dW, ΔW and W'.
    expect(doc.quantities).toHaveLength(63);
  });
});

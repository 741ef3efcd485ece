import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { closestName } from "../src/closest-name.ts";
import { cli } from "./cli.ts";

const VERSION = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
const ESC = "\u001b[";

describe("command-line conventions", () => {
  it("prints the version with --version", async () => {
    expect(await cli(["--version"])).toMatchObject({ code: 0, out: `bpcheck ${VERSION}\n`, err: "" });
  });

  it("shows a command's help with `help <command>`, the same as `<command> --help`", async () => {
    const help = await cli(["help", "train"]);
    expect(help.code).toBe(0);
    expect(help.out).toBe((await cli(["train", "--help"])).out);
    expect(help.out).toMatch(/^Usage: bpcheck train /);
  });

  it.each([
    [["rnu"], 'bpcheck: unknown command "rnu" (did you mean "run"?); `bpcheck --help` lists the commands\n'],
    [
      ["help", "grpah"],
      'bpcheck: unknown command "grpah" (did you mean "graph"?); `bpcheck --help` lists the commands\n',
    ],
    [
      ["--verison"],
      'bpcheck: unknown option "--verison" (did you mean "--version"?); `bpcheck --help` lists the commands\n',
    ],
    [
      ["--frobnicate"],
      'bpcheck: unknown option "--frobnicate" (expected: --help, --version); `bpcheck --help` lists the commands\n',
    ],
    [["help", "run", "train"], 'bpcheck: help: expected one command, got "run train"\n'],
    [["train", "--learning-rate", "0.5"], "bpcheck: --learning-rate: unknown option; did you mean --lr?\n"],
    [["train", "--epoch", "3"], "bpcheck: --epoch: unknown option; did you mean --epochs?\n"],
    [["run", "--digts=30"], 'bpcheck: --digts: unknown option (as "--digts=30"); did you mean --digits?\n'],
    [
      ["run", "-x"],
      "bpcheck: -x: unknown option; the options are --json, --max-seconds, --max-memory, --mode, --digits, --as-printed, --help\n",
    ],
    [["run", "--json=yes"], 'bpcheck: --json: takes no value, got "--json=yes"\n'],
    [["train", "--lr"], "bpcheck: --lr: expected a value\n"],
    [["train", "--lr", "--json"], 'bpcheck: --lr: expected a value, got the option "--json"\n'],
    [["train", "--epochs", "-3"], 'bpcheck: --epochs: expected an integer from 1 to 1000000, got "-3"\n'],
    [
      ["train", "--plot", "loss.png"],
      'bpcheck: --plot: expected a file name ending in .svg (the plot is an SVG), got "loss.png"\n',
    ],
  ])("bpcheck %j explains the mistake in one line and exits 2", async (argv, message) => {
    const { code, out, err, files } = await cli(argv);
    expect([code, out, err, files.size]).toEqual([2, "", message, 0]);
  });

  it.each([["-1"], ["-0.01"], ["-1e-3"], ["-.5"]])(
    "takes a negative number as a value: --lr %s",
    async (lr) => {
      const { code, out } = await cli(["train", "--mode", "float64", "--epochs", "2", "--lr", lr, "--json"]);
      expect(code).toBe(0);
      expect(JSON.parse(out).learningRate).toBe(lr);
    },
  );

  it("ends the options at --, so a file may be named like an option", async () => {
    const { code, err } = await cli(["validate", "--", "--help"]);
    expect([code, err]).toEqual([2, "bpcheck: --help: $: expected a readable file (ENOENT)\n"]);
  });

  it("colours a terminal's output unless --no-color, NO_COLOR or TERM=dumb says otherwise", async () => {
    const argv = ["gradcheck", "--mode", "float32"];
    expect((await cli(argv, { tty: true })).out).toContain(ESC);
    expect((await cli([...argv, "--no-color"], { tty: true })).out).not.toContain(ESC);
    expect((await cli(argv, { tty: true, env: { NO_COLOR: "1" } })).out).not.toContain(ESC);
    expect((await cli(argv, { tty: true, env: { TERM: "dumb" } })).out).not.toContain(ESC);
  });

  it("fits its tables to the terminal's width, cutting cells with a marker", async () => {
    const wide = await cli(["compare", "--mode", "float64"], { tty: true, columns: 1000 });
    const narrow = await cli(["compare", "--mode", "float64"], { tty: true, columns: 72 });
    const rows = (out: string) => out.split("\n").filter((l) => /^(quantity|W\[|a\[|z\[|loss|dW|δ)/.test(l));
    expect(rows(wide.out).some((l) => [...l].length > 72)).toBe(true);
    expect(rows(narrow.out).length).toBe(rows(wide.out).length);
    for (const line of rows(narrow.out)) expect([...line].length).toBeLessThanOrEqual(72);
    expect(narrow.out).toContain("…");
    // Not a terminal: nothing is cut.
    expect((await cli(["compare", "--mode", "float64"])).out).not.toContain("…");
  });

  it("says on stderr that it waits for a case typed on a terminal", async () => {
    const stdin = readFileSync(DEFAULT_CASE_PATH, "utf8");
    const typed = await cli(["run", "-", "--mode", "float64"], { tty: true, stdin });
    expect(typed.code).toBe(0);
    expect(typed.err).toBe("bpcheck: reading a case from standard input (end it with Ctrl-D)\n");
    expect((await cli(["validate", "-"], { tty: true, stdin })).err).toMatch(
      /^bpcheck: reading a file from standard input/,
    );
    expect((await cli(["run", "-", "--mode", "float64"], { stdin })).err).toBe("");
  });
});

describe("closestName", () => {
  it.each([
    ["rnu", "run"],
    ["grph", "graph"],
    ["ep", "epochs"],
    ["learning-rate", "lr"],
    ["update-ordre", "update-order"],
    ["frobnicate", null],
  ])("%s → %s", (given, expected) => {
    expect(closestName(given, ["run", "graph", "epochs", "lr", "update-order", "errata"])).toBe(expected);
  });
});

import { readFileSync } from "node:fs";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { run } from "../src/index.ts";
import { cli } from "./cli.ts";
import { memoryIo } from "./io.ts";

const seed = readFileSync(DEFAULT_CASE_PATH, "utf8");

/** An Io whose stdout throws `error` (a bug deep in a command, as far as main.ts can tell). */
function failingIo(error: unknown, env: Record<string, string> = {}) {
  const io = memoryIo({ env });
  return {
    ...io,
    stdout: () => {
      throw error;
    },
  };
}

describe("one error design", () => {
  it("an internal error is exit 70 and one line asking for a report, without a stack", async () => {
    const io = failingIo(new TypeError("x is undefined"));
    expect(await run(["run"], io)).toBe(70);
    const lines = io.err().split("\n").filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^bpcheck: internal error \(TypeError: x is undefined\); .*please report it/);
    expect(io.err()).not.toMatch(/\n\s+at /);
  });

  it("a RangeError (a stack overflow, a string too long) is an internal error, not bad input", async () => {
    for (const e of [
      new RangeError("Maximum call stack size exceeded"),
      new RangeError("Invalid string length"),
    ]) {
      const io = failingIo(e);
      expect(await run(["run", "--mode", "float64"], io)).toBe(70);
      expect(io.err()).toContain("internal error (RangeError:");
    }
  });

  it("--debug or BPCHECK_DEBUG=1 adds the stack trace", async () => {
    const flagged = failingIo(new Error("boom"));
    expect(await run(["run", "--debug"], flagged)).toBe(70);
    expect(flagged.err()).toMatch(/\n\s+at /);
    const env = failingIo(new Error("boom"), { BPCHECK_DEBUG: "1" });
    expect(await run(["run"], env)).toBe(70);
    expect(env.err()).toMatch(/\n\s+at /);
  });

  it("the help lists every exit code", async () => {
    const { out } = await cli(["--help"]);
    for (const code of [0, 1, 2, 70, 74]) expect(out).toMatch(new RegExp(`^  ${code} `, "m"));
  });

  it("a failure to read standard input is the user's, with the real reason", async () => {
    const io = memoryIo();
    const failing = {
      ...io,
      readStdin: () =>
        Promise.reject(Object.assign(new Error("illegal operation on a directory"), { code: "EISDIR" })),
    };
    expect(await run(["run", "-"], failing)).toBe(2);
    expect(io.err()).toBe("bpcheck: <stdin>: $: expected a readable case on standard input (EISDIR)\n");
  });
});

describe("clean messages", () => {
  it("a UTF-8 byte order mark before the JSON is skipped", async () => {
    const { code } = await cli(["run", "-", "--mode", "float64"], { stdin: `\ufeff${seed}` });
    expect(code).toBe(0);
  });

  it("a JSON syntax error names line and column and quotes no raw control characters", async () => {
    const { code, err } = await cli(["run", "-"], { stdin: '{\n  "a":\n\u001b[2J\u0007 }' });
    expect(code).toBe(2);
    expect(err).toBe(
      'bpcheck: <stdin>: line 3 column 1: invalid JSON: expected a value (a string, number, object, array, true, false or null), found "\\u001b[2J\\u0007 }"\n',
    );
  });

  it("an unknown property name with escapes is shown escaped", async () => {
    const c = JSON.parse(seed);
    c["\u001b[2Jevil\nname"] = 1;
    const { code, err } = await cli(["run", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toBe('bpcheck: <stdin>: $: unknown property "\\u001b[2Jevil\\nname"\n');
  });

  it("a huge offending value is summarised, not printed", async () => {
    const c = JSON.parse(seed);
    c.title = Array.from({ length: 200_000 }, () => "0.1");
    const { code, err } = await cli(["run", "-"], { stdin: JSON.stringify(c) });
    expect(code).toBe(2);
    expect(err).toBe("bpcheck: <stdin>: $.title: expected string, got [200000 items]\n");
  });

  it("a value nested 100,000 arrays deep is refused at the nesting limit", async () => {
    const c = JSON.parse(seed);
    const text = JSON.stringify(c).replace(
      '"title":',
      `"deep":${"[".repeat(100_000)}${"]".repeat(100_000)},"title":`,
    );
    const { code, err } = await cli(["run", "-"], { stdin: text });
    expect(code).toBe(2);
    expect(err.split("\n").filter(Boolean)).toHaveLength(1);
    expect(err).toContain("expected arrays and objects nested at most 64 deep");
  });

  it("a long unknown command is cut and escaped", async () => {
    const { code, err } = await cli([`\u001b]0;${"x".repeat(500)}`]);
    expect(code).toBe(2);
    expect(err.length).toBeLessThan(300);
    expect(err).toContain("\\u001b]0;");
  });
});

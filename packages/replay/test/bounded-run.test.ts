import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { InputError } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { replayProgram, type ReplayOptions } from "../src/index.ts";
import { caseCopy, tinyProgram } from "./helpers.ts";

const float64Only: ReplayOptions = { modes: [{ mode: "float64" }] };

/** Replays a one-line-output program; returns the number it printed in float64 (and exactly). */
function replayed(text: string, options: Partial<ReplayOptions> = {}) {
  const { c, program } = tinyProgram(text);
  const r = replayProgram(c, program, { modes: [{ mode: "float64" }, { mode: "exact" }], ...options });
  return r.modes.map((m) => m.variants[0]!.numbers[0]!.replayed);
}

function refusal(text: string, options: Partial<ReplayOptions> = {}): string {
  const { c, program } = tinyProgram(text);
  try {
    replayProgram(c, program, { ...float64Only, ...options });
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("expected an InputError");
}

describe("a program that misbehaves is refused with one line naming the program file", () => {
  it.each([
    ["raises", "x = 1/0\n", /program\.py: line 1: the program raised ZeroDivisionError: division by zero$/],
    ["prints nothing", "x = 1\n", /program\.py: \$: the program printed nothing$/],
    [
      "prints another count of values",
      'print("value:", 1.5, 2.5)\n',
      /program\.py: line 1: the program printed 2 values on output line 1 \("value: 1\.5 2\.5"\), the source shows 1 on line 1 \("value: 1\.5"\)$/,
    ],
    [
      "imports a module outside the allowlist",
      "import os\n",
      /line 1: import of 'os' is not allowed \(allowed: numpy, math, random;/,
    ],
    [
      "imports one from a package",
      "from subprocess import run\n",
      /line 1: import of 'subprocess' is not allowed/,
    ],
    [
      "opens a file",
      'open("x.txt", "w")\n',
      /line 1: open\(\) is not allowed in a replay \(no file access\)$/,
    ],
    [
      "writes a file through numpy",
      'import numpy as np\nnp.save("x", np.zeros(2))\n',
      /line 2: numpy\.save is not allowed/,
    ],
    [
      "allocates without bound",
      "x = [0] * (10**11)\n",
      /line 1: the program asked for more memory than its limit$/,
    ],
    ["is not Python", "print(\n", /program\.py: line 1: the program is not valid Python: /],
  ])("%s", (_what, text, message) => {
    expect(refusal(text)).toMatch(message);
  });

  it("prints fewer lines than the source shows", () => {
    const { c, program } = caseCopy("bp-worked-example-zh", { output: (o) => (o.output.stdoutLine = 2000) });
    expect(() => replayProgram(c, program, { ...float64Only, asWrittenOnly: true })).toThrow(
      /program\.py: \$: the program printed 1806 lines; the source shows its output up to line 2025$/,
    );
  });

  it("never ends: stopped at its time limit", () => {
    expect(refusal("while True:\n    pass\n", { timeSeconds: 1 })).toMatch(
      /program\.py: line [12]: the program was still running after 1 s of CPU time \(its time limit\)$/,
    );
  });

  it("cannot swallow its time limit with except Exception", () => {
    const text = "while True:\n    try:\n        pass\n    except Exception:\n        pass\n";
    expect(refusal(text, { timeSeconds: 1 })).toMatch(/still running after 1 s/);
  });
});

describe("python3 and numpy", () => {
  it("a missing python3 is one line naming the program", () => {
    expect(refusal('print("value:", 1.5)\n', { python: "/nonexistent/python3" })).toMatch(
      /program\.py: \$: replay runs the program with \/nonexistent\/python3 and numpy, and \/nonexistent\/python3 was not found$/,
    );
  });

  it("a python3 without numpy is one line naming the program", () => {
    // A python3 that cannot import numpy: the runner's own check answers.
    const dir = mkdtempSync(join(tmpdir(), "bpcheck-python-"));
    const python = join(dir, "python-without-numpy");
    writeFileSync(
      python,
      `#!/bin/sh\nshift\nexec python3 -I -c 'import sys; sys.modules["numpy"] = None; sys.argv = sys.argv[1:]; import runpy; runpy.run_path(sys.argv[0], run_name="__main__")' "$@"\n`,
    );
    chmodSync(python, 0o755);
    expect(refusal('print("value:", 1.5)\n', { python })).toMatch(
      /program\.py: \$: replay runs the program with .* and numpy: numpy is not installed for /,
    );
  });
});

describe("what a program may do", () => {
  it("plots with matplotlib, which draws nothing", () => {
    const text =
      'import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.title("t")\nplt.show()\nprint("value:", 1.5)\n';
    expect(replayed(text)).toEqual(["1.5", "1.5"]);
  });

  it("uses math and random", () => {
    expect(replayed('import math, random\nrandom.seed(1)\nprint("value:", math.sqrt(2.25))\n')).toEqual([
      "1.5",
      "1.5",
    ]);
  });

  it("in the exact mode, applies numpy's functions to Decimal arrays: exp and sqrt by numpy, log and tanh supplied", () => {
    const text =
      'import numpy as np\nx = np.array([[0.5]])\nprint("value:", np.log(np.exp(x)) + np.sqrt(np.ones((1, 1))) + 0 * np.tanh(x))\n';
    const { c, program } = tinyProgram(text, "value: [[1.5]]");
    const r = replayProgram(c, program, { modes: [{ mode: "exact" }, { mode: "float64" }] });
    expect(r.modes.map((m) => m.variants[0]!.numbers[0]!.replayed)).toEqual(["1.5", "1.5"]);
  });

  it("in the exact mode, computes with the decimal numbers the literals spell, not their doubles", () => {
    const { c, program } = tinyProgram('print("value:", (0.1 + 0.2) * 5)\n');
    const [float, exact] = replayProgram(c, program, {
      modes: [{ mode: "float64" }, { mode: "exact" }],
    }).modes;
    expect(float!.variants[0]!.numbers[0]!.replayed).toBe("1.5000000000000002");
    expect(exact!.variants[0]!.numbers[0]!.replayed).toBe("1.5");
  });

  it("in the exact mode, prints a scalar with every working digit, and int / int is exact", () => {
    const { c, program } = tinyProgram('print("value:", 3 / 2 + 1 / 3 - 1 / 3)\n');
    const [exact] = replayProgram(c, program, { modes: [{ mode: "exact" }] }).modes;
    expect(exact!.variants[0]!.numbers[0]!.replayed).toBe(`1.${"5".padEnd(59, "0")}`);
    expect(exact!.variants[0]!.numbers[0]!.match).toBe(true);
  });
});

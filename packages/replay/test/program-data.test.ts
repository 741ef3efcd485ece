import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_DIR, InputError, loadCaseFile } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_PROGRAM_OUTPUT_PATH,
  applyPatches,
  constantDisagreements,
  constantValues,
  loadProgramOutput,
  loadPublishedProgram,
} from "../src/index.ts";
import { caseCopy } from "./helpers.ts";

const seed = loadPublishedProgram();

describe("program-output.json and program.py of the seed", () => {
  it("hold source lines 71–113, the 26 output lines shown and the 21 printed numbers", () => {
    expect(seed.text.split("\n")[0]).toBe("import numpy as np");
    expect(seed.text.split("\n")[98 - 71]).toBe("\tLoss = 0.5*np.abs(l2_error)**0.5");
    expect(seed.output.output.lines).toHaveLength(26);
    expect(seed.output.printed).toHaveLength(21);
    expect(seed.output.patches.map((p) => p.id)).toEqual([
      "sqrt-loss",
      "missing-learning-rate",
      "row-l1-error",
      "row-broadcast-w0-update",
    ]);
  });

  it("uses only kinds its notes define", () => {
    for (const e of seed.output.errata) expect(Object.keys(seed.output.notes)).toContain(e.kind);
  });
});

describe("applyPatches", () => {
  it("edits each line in place and composes patches on one line", () => {
    const lines = applyPatches(seed, ["missing-learning-rate", "row-broadcast-w0-update"]).split("\n");
    expect(lines[104 - 71]).toBe("\tW1 += 0.01*l2_delta*l1.T");
    expect(lines[105 - 71]).toBe("\tW0 += 0.01*l1_delta.dot(l0.T)");
    expect(applyPatches(seed, [])).toBe(seed.text);
  });

  it("refuses a patch whose text as written is not on its line, naming the patch", () => {
    const { program } = caseCopy("bp-worked-example-zh", {
      output: (o) => (o.patches[2].edits[0].written = "l1_error = l2_delta*W2"),
    });
    expect(() => applyPatches(program, ["row-l1-error"])).toThrow(InputError);
    expect(() => applyPatches(program, ["row-l1-error"])).toThrow(
      /program-output\.json: \$\.patches\[2\]\.edits\[0\]\.written: expected "l1_error = l2_delta\*W2" on line 102 of program\.py, the line is "l1_error = l2_delta\*W1"/,
    );
  });

  it("refuses an edit outside the program and an unknown patch id", () => {
    const { program } = caseCopy("bp-worked-example-zh", {
      output: (o) => (o.patches[0].edits[0].line = 200),
    });
    expect(() => applyPatches(program, ["sqrt-loss"])).toThrow(
      /edits\[0\]\.line: expected a line of the program \(71–113\), got 200/,
    );
    expect(() => applyPatches(seed, ["no-such-patch"])).toThrow(/expected a patch with id "no-such-patch"/);
  });
});

describe("constants", () => {
  const c = loadCaseFile();

  it("take the case's values, nested as the program's literals", () => {
    expect(constantValues(c, seed.output, seed.outputFile)).toEqual([
      [["0.35"], ["0.9"]],
      [["0.5"]],
      "200",
      [
        ["0.1", "0.8"],
        ["0.4", "0.6"],
      ],
      [["0.3", "0.9"]],
      "0.01",
      "0.01",
    ]);
  });

  it("report every number of a literal that is not the case's, compared as exact decimals", () => {
    const values = constantValues(c, seed.output, seed.outputFile);
    const written = [
      [["0.350"], ["0.9"]],
      [["0.5"]],
      "200",
      [
        ["0.1", "0.8"],
        ["0.4", "0.7"],
      ],
      [["0.3"]],
      null,
      null,
    ];
    expect(constantDisagreements(seed.output, written, values)).toEqual([
      {
        id: "weights-w0",
        line: 87,
        text: "[[0.1,0.8],[0.4,0.6]]",
        differences: [{ at: [1, 1], program: "0.7", case: "0.6" }],
      },
      {
        id: "weights-w1",
        line: 88,
        text: "[[0.3,0.9]]",
        differences: [{ at: [0], program: null, case: null }],
      },
    ]);
  });

  it("refuse a quantity the case does not have", () => {
    const { program } = caseCopy("bp-worked-example-zh", {
      output: (o) => (o.constants[3].quantity[0][0] = "W[2][0][0]"),
    });
    expect(() => constantValues(c, program.output, program.outputFile)).toThrow(
      /\$\.constants\[3\]\.quantity\[0\]\[0\]: expected a quantity of case "bp-worked-example-zh", got "W\[2\]\[0\]\[0\]"/,
    );
  });
});

describe("loading refuses bad program-output files with one line naming file and path", () => {
  it.each([
    [
      "a printed number not on its line",
      (o: any) => (o.printed[0].printed = "0.21810749"),
      /\$\.printed\[0\]: expected number 0 of line 118 to be "0\.21810749" as printed, the line shows "0\.21810748"/,
    ],
    [
      "a printed number on no output line",
      (o: any) => (o.printed[0].line = 300),
      /\$\.printed\[0\]\.line: expected a line of \$\.output\.lines, got 300/,
    ],
    [
      "a duplicated id",
      (o: any) => (o.printed[1].id = "e1-loss"),
      /\$\.printed\[1\]\.id: expected a unique id, "e1-loss" is used twice/,
    ],
    [
      "an ablation group naming no patch",
      (o: any) => (o.ablation[0].patches[0] = "nope"),
      /\$\.ablation\[0\]\.patches\[0\]: expected a patch id, got "nope"/,
    ],
    [
      "an erratum proof naming no patch",
      (o: any) => (o.errata[0].proof.patch = "nope"),
      /\$\.errata\[0\]\.proof\.patch: expected a patch id, got "nope"/,
    ],
    ["the old version", (o: any) => (o.version = 1), /\$\.version: expected 2, got 1/],
  ])("%s", (_what, edit, message) => {
    const o = JSON.parse(readFileSync(DEFAULT_PROGRAM_OUTPUT_PATH, "utf8"));
    edit(o);
    const { dir } = caseCopy("bp-worked-example-zh");
    writeFileSync(join(dir, "program-output.json"), JSON.stringify(o));
    expect(() => loadProgramOutput(join(dir, "program-output.json"))).toThrow(message);
  });

  it("a program file with other lines than the source range", () => {
    const { dir } = caseCopy("bp-worked-example-zh");
    writeFileSync(join(dir, "program.py"), "import numpy as np\n");
    expect(() => loadPublishedProgram(join(dir, "program-output.json"))).toThrow(
      /program-output\.json: \$\.source\.program: expected program\.py to hold source lines 71–113 \(43 lines\), it has 1/,
    );
  });

  it("a missing file", () => {
    expect(() => loadProgramOutput("/nonexistent/program-output.json")).toThrow(
      /\$: expected a readable file \(ENOENT\)/,
    );
  });
});

describe("constants of a case written in the in-out layout", () => {
  it("read W[l][j][i] at weights[i][j]", () => {
    const c = loadCaseFile(join(FIXTURES_DIR, "hmkcode-2018", "case.json"));
    const program = loadPublishedProgram(join(FIXTURES_DIR, "hmkcode-2018", "program-output.json"));
    const inOut = {
      ...c,
      network: {
        ...c.network,
        layers: c.network.layers.map((l) => ({
          ...l,
          layout: "in-out" as const,
          weights: l.weights[0]!.map((_, i) => l.weights.map((row) => row[i]!)),
        })),
      },
    };
    expect(constantValues(inOut, program.output, program.outputFile)).toEqual(
      constantValues(c, program.output, program.outputFile),
    );
  });
});

import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_DIR } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";
import { otherCase, tempDir } from "./temp-case.ts";

/** A copy of a case folder (program.py included) with its JSON files edited. */
function caseFolder(id: string, edits: Record<string, (json: any) => unknown> = {}): string {
  const dir = tempDir();
  cpSync(join(FIXTURES_DIR, id), dir, { recursive: true });
  for (const [name, edit] of Object.entries(edits)) {
    writeFileSync(join(dir, name), JSON.stringify(edit(JSON.parse(readFileSync(join(dir, name), "utf8")))));
  }
  return dir;
}

describe("bpcheck replay", () => {
  it("announces that it runs code, then shows every printed number next to the exact run, then the ablation", async () => {
    const { code, out, err } = await cli(["replay"]);
    expect(code).toBe(0);
    expect(err).toBe(
      "bpcheck replay: running fixtures/bp-worked-example-zh/program.py (7 variants) with python3 in a separate process: 20 s of CPU time and 2 GiB per run, imports numpy, math, random only; not a security sandbox, replay only programs you would run yourself\n",
    );
    const lines = out.split("\n");
    expect(lines.slice(0, 5)).toMatchInlineSnapshot(`
      [
        "bp-worked-example-zh · program.py (source lines 71–113) as written, run by python3 in exact decimal arithmetic (60 digits)",
        "Each run stopped after output line 32, the last the source shows (--full-run runs to the end).",
        "",
        "line  number     printed     replayed    printed by  match",
        " 118  e1-loss    0.21810748  0.21810748  line 100    ✓",
      ]
    `);
    expect(lines.filter((l) => l.endsWith("  ✓"))).toHaveLength(21);
    expect(out.slice(out.indexOf("All 21"))).toMatchInlineSnapshot(`
      "All 21 printed numbers reproduced digit for digit.

      Ablation: each patch applied alone, the groups of program-output.json, and all;
      for each variant, the printed numbers it no longer reproduces

      variant                      patches                                printed numbers it breaks
      as-written                   none                                   none
      fix-sqrt-loss                sqrt-loss                              3: e1-loss, e2-loss, e3-loss
      fix-missing-learning-rate    missing-learning-rate                  20: all but e1-loss
      fix-row-l1-error             row-l1-error                           18: all but e1-loss, e1-w1-0-0, e1-w1-0-1
      fix-row-broadcast-w0-update  row-broadcast-w0-update                20: all but e1-loss
      fix-both-shapes              row-l1-error, row-broadcast-w0-update  18: all but e1-loss, e1-w1-0-0, e1-w1-0-1
      corrected                    all                                    21: all

      fix-row-broadcast-w0-update stops at line 105 (W0 += l1_delta.dot(l0.T)): ValueError: shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)
      "
    `);
  });

  it("gives every printed number with printed, replayed, the printing line and match in JSON (float64)", async () => {
    const { code, out } = await cli(["replay", "--mode", "float64", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual([
      "command",
      "version",
      "case",
      "mode",
      "digits",
      "fullRun",
      "reproduced",
      "constants",
      "numbers",
      "ablation",
    ]);
    expect([doc.mode, doc.digits, doc.reproduced, doc.numbers.length, doc.constants]).toEqual([
      "float64",
      null,
      21,
      21,
      [],
    ]);
    expect(doc.numbers[1]).toEqual({
      id: "e1-w0-0-0",
      line: 121,
      ordinal: 0,
      printed: "0.09661944",
      replayed: "0.09661944",
      printedBy: 106,
      match: true,
    });
    expect(doc.ablation.map((r: { name: string; broken: string[] }) => [r.name, r.broken.length])).toEqual([
      ["as-written", 0],
      ["fix-sqrt-loss", 3],
      ["fix-missing-learning-rate", 20],
      ["fix-row-l1-error", 18],
      ["fix-row-broadcast-w0-update", 20],
      ["fix-both-shapes", 18],
      ["corrected", 21],
    ]);
    expect(doc.ablation.find((r: { stop: unknown }) => r.stop !== null).stop).toEqual({
      kind: "raised",
      line: 105,
      code: "W0 += l1_delta.dot(l0.T)",
      type: "ValueError",
      message: "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)",
    });
  });

  it("--full-run runs every variant to its end: the same verdicts, no line where a run was stopped", async () => {
    const stopped = JSON.parse((await cli(["replay", "--mode", "float64", "--json"])).out);
    const { code, out } = await cli(["replay", "--mode", "float64", "--json", "--full-run"]);
    expect(code).toBe(0);
    const whole = JSON.parse(out);
    expect([stopped.fullRun, whole.fullRun]).toEqual([false, true]);
    const stops = (doc: any) =>
      doc.ablation.map((v: { stoppedAfterLine: number | null }) => v.stoppedAfterLine);
    expect(stops(stopped)).toEqual([32, 32, 32, 32, null, 32, 32]);
    expect(stops(whole)).toEqual([null, null, null, null, null, null, null]);
    const verdicts = (doc: any) => ({
      numbers: doc.numbers,
      ablation: doc.ablation.map((v: object) => ({ ...v, stoppedAfterLine: null })),
    });
    expect(verdicts(whole)).toEqual(verdicts(stopped));
    const text = (await cli(["replay", "--mode", "float64", "--full-run"])).out;
    expect(text).not.toContain("Each run stopped");
  });

  it("replays another case's program: hmkcode-2018 and its planted bug", async () => {
    const { code, out } = await cli([
      "replay",
      join(FIXTURES_DIR, "hmkcode-2018", "case.json"),
      "--mode",
      "float64",
    ]);
    expect(code).toBe(0);
    expect(out).toContain("All 12 printed numbers reproduced digit for digit.");
    expect(out).toMatch(
      /^fix-old-output-weights +old-output-weights +5: new-w1, new-w2, new-w3, new-w4, second-prediction$/m,
    );
  });

  it("exits 1 and marks a printed number the replay does not reproduce", async () => {
    const dir = caseFolder("bp-worked-example-zh", {
      "program-output.json": (p) => {
        p.output.lines[10].text = "The Current Loss: [[0.21319218]]";
        p.printed.find((n: { id: string }) => n.id === "e2-loss").printed = "0.21319218";
        return p;
      },
    });
    const { code, out } = await cli(["replay", join(dir, "case.json"), "--mode", "float64"]);
    expect(code).toBe(1);
    expect(out).toMatch(/^ 127 +e2-loss +0\.21319218 +0\.21319219 +line 100 +✗$/m);
    expect(out).toContain("\n1 of 21 printed numbers not reproduced.\n");
  });

  it("runs a changed case with the case's numbers, reports the program's constant, and exits 1", async () => {
    const dir = caseFolder("bp-worked-example-zh", {
      "case.json": (c) => {
        c.network.layers[0].weights = [
          ["0.5", "0.5"],
          ["0.5", "0.5"],
        ];
        return c;
      },
    });
    const { code, out } = await cli(["replay", join(dir, "case.json"), "--mode", "float64"]);
    expect(code).toBe(1);
    expect(out).toContain("21 of 21 printed numbers not reproduced.");
    expect(out).toContain(
      "  line 87  weights-w0 = [[0.1,0.8],[0.4,0.6]]: [0][0] 0.1 → 0.5, [0][1] 0.8 → 0.5, [1][0] 0.4 → 0.5, [1][1] 0.6 → 0.5",
    );
  });

  it("refuses a program that raises, with one line and exit 2", async () => {
    const dir = caseFolder("hmkcode-2018");
    const program = readFileSync(join(dir, "program.py"), "utf8").replace("h = W0.dot(x)", "h = W0.dot(x.T)");
    writeFileSync(join(dir, "program.py"), program);
    const { code, out, err } = await cli(["replay", join(dir, "case.json")]);
    expect([code, out]).toEqual([2, ""]);
    expect(err.split("\n").at(-2)).toMatch(
      /^bpcheck: .*program\.py: line 11: the program raised ValueError: shapes \(2,2\) and \(1,2\) not aligned: 2 \(dim 1\) != 1 \(dim 0\)$/,
    );
  });

  it("refuses a patch whose text as written is not in the program, with exit 2", async () => {
    const dir = caseFolder("hmkcode-2018", {
      "program-output.json": (p) => {
        p.patches[0].edits[1].written = "(W1.T * error)";
        return p;
      },
    });
    const { code, err } = await cli(["replay", join(dir, "case.json")]);
    expect(code).toBe(2);
    expect(err).toMatch(
      /program-output\.json: \$\.patches\[0\]\.edits\[1\]\.written: expected "\(W1\.T \* error\)" on line 21 of program\.py \(after old-output-weights\)|program-output\.json: \$\.patches\[0\]\.edits\[1\]\.written: expected "\(W1\.T \* error\)" on line 21 of program\.py, the line is/,
    );
  });

  it("names a missing python3 in one line, exit 2", async () => {
    const { code, err } = await cli(["replay"], { env: { BPCHECK_PYTHON: "/nonexistent/python3" } });
    expect([code, err.split("\n").at(-2)]).toEqual([
      2,
      "bpcheck: fixtures/bp-worked-example-zh/program.py: $: replay runs the program with /nonexistent/python3 and numpy, and /nonexistent/python3 was not found",
    ]);
  });

  it.each([
    [
      ["replay", "-"],
      'bpcheck: <stdin>: $.id: expected a case with a published program (a program-output.json beside the case file), case "my-case" has none\n',
    ],
    [
      ["replay", "--mode", "float32"],
      'bpcheck: --mode: unknown replay mode "float32" (expected: exact, float64)\n',
    ],
    [["replay", "--digits", "30"], "bpcheck: --digits: the exact replay always works at 60 digits\n"],
  ])("%j exits 2", async (argv, message) => {
    const { code, err } = await cli(argv, { stdin: otherCase });
    expect([code, err]).toEqual([2, message]);
  });
});

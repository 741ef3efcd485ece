import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";
import { otherCase, seedCopy } from "./temp-case.ts";

describe("bpcheck replay", () => {
  it("shows every printed number next to the exact replay, then the ablation", async () => {
    const { code, out } = await cli(["replay"]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines.slice(0, 6)).toMatchInlineSnapshot(`
      [
        "bp-worked-example-zh · the published program (lines 71–113) as written, replayed in exact decimal arithmetic (60 digits)",
        "",
        "line  epoch  number      printed     replayed    match",
        " 118      1  loss[0][0]  0.21810748  0.21810748  ✓",
        " 121      1  W0[0][0]    0.09661944  0.09661944  ✓",
        " 121      1  W0[0][1]    0.78985831  0.78985831  ✓",
      ]
    `);
    expect(lines.filter((l) => l.endsWith("  ✓"))).toHaveLength(21);
    expect(out.slice(out.indexOf("All 21"))).toMatchInlineSnapshot(`
      "All 21 printed numbers reproduced digit for digit.

      Ablation: the bugs (sqrtLoss, missingLearningRate, rowL1Error, rowBroadcastW0Update) fixed alone, the two shape bugs together, and all;
      for each variant, the printed numbers it no longer reproduces

      variant                      fixed                             printed numbers it breaks
      as-written                   none                              none
      fix-sqrt-loss                sqrtLoss                          3: e1-loss, e2-loss, e3-loss
      fix-missing-learning-rate    missingLearningRate               20: all but e1-loss
      fix-row-l1-error             rowL1Error                        18: all but e1-loss, e1-w1-0-0, e1-w1-0-1
      fix-row-broadcast-w0-update  rowBroadcastW0Update              20: all but e1-loss
      fix-both-shapes              rowL1Error, rowBroadcastW0Update  18: all but e1-loss, e1-w1-0-0, e1-w1-0-1
      corrected                    all                               21: all

      fix-row-broadcast-w0-update stops at line 105 (W0 += l1_delta.dot(l0.T)): ValueError: shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)
      "
    `);
  });

  it("gives every printed number with printed, replayed and match in JSON (float64)", async () => {
    const { code, out } = await cli(["replay", "--mode", "float64", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual([
      "command",
      "version",
      "case",
      "mode",
      "digits",
      "reproduced",
      "numbers",
      "ablation",
    ]);
    expect([doc.mode, doc.digits, doc.reproduced, doc.numbers.length]).toEqual(["float64", null, 21, 21]);
    expect(doc.numbers[1]).toMatchInlineSnapshot(`
      {
        "array": "W0",
        "epoch": 1,
        "id": "e1-w0-0-0",
        "index": [
          0,
          0,
        ],
        "location": {
          "line": 121,
          "section": "§4 output",
          "text": "[[0.09661944 0.78985831]",
        },
        "match": true,
        "printed": "0.09661944",
        "replayed": "0.09661944",
      }
    `);
    expect(doc.ablation.map((r: { name: string; broken: string[] }) => [r.name, r.broken.length]))
      .toMatchInlineSnapshot(`
      [
        [
          "as-written",
          0,
        ],
        [
          "fix-sqrt-loss",
          3,
        ],
        [
          "fix-missing-learning-rate",
          20,
        ],
        [
          "fix-row-l1-error",
          18,
        ],
        [
          "fix-row-broadcast-w0-update",
          20,
        ],
        [
          "fix-both-shapes",
          18,
        ],
        [
          "corrected",
          21,
        ],
      ]
    `);
    expect(doc.ablation.find((r: { error: unknown }) => r.error !== null).error).toMatchInlineSnapshot(`
      {
        "code": "W0 += l1_delta.dot(l0.T)",
        "line": 105,
        "message": "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)",
      }
    `);
  });

  it("exits 1 and marks a printed number the replay does not reproduce", async () => {
    const dir = seedCopy({
      "case.json": (c) => c,
      "program-output.json": (p) => ({
        ...p,
        printed: p.printed.map((n: { id: string }) =>
          n.id === "e2-loss" ? { ...n, printed: "0.21319218" } : n,
        ),
      }),
    });
    const { code, out } = await cli(["replay", join(dir, "case.json"), "--mode", "float64"]);
    expect(code).toBe(1);
    expect(out).toMatch(/^ 127 +2 +loss\[0\]\[0\] +0\.21319218 +0\.21319219 +✗$/m);
    expect(out).toContain("\n1 of 21 printed numbers not reproduced.\n");
  });

  it.each([
    [
      ["replay", "-"],
      'bpcheck: <stdin>: $.id: expected a case with a published program to replay (only "bp-worked-example-zh" has one), got "my-case"\n',
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

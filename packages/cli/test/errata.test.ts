import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CASE_PATH, Planter, loadCaseFile, printSignificant } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";
import { otherCase, seedCopy } from "./temp-case.ts";

const same = (x: unknown) => x;

describe("bpcheck errata", () => {
  it("gives every seed number its verdict and agrees with the seed's errata.json", async () => {
    const { code, out } = await cli(["errata"]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines.slice(1, 7)).toMatchInlineSnapshot(`
      [
        "bp-worked-example-zh · 22 published numbers: 10 ok, 0 convention, 4 rounding-drift, 6 erratum, 2 unexplained · judged in exact decimal arithmetic",
        "",
        "The source's conventions",
        "  as declared by the case (no departure explains more of its numbers)",
        "",
        "Published numbers",
      ]
    `);
    expect(lines.filter((l) => /^ {2}\d+ /.test(l))).toHaveLength(22);
    expect(out).toContain(
      "\nFormula, notation, index and terminology errata (fixtures/bp-worked-example-zh/errata.json)\n",
    );
    expect(out.slice(out.indexOf("Code errata"), out.indexOf("Code errata") + 300)).toMatchInlineSnapshot(`
      "Code errata of the published program (fixtures/bp-worked-example-zh/program-output.json)
        line  98  wrong-formula       Loss = 0.5*np.abs(l2_error)**0.5
                                      → Loss = 0.5*l2_error**2
        line 104  wrong-parameter     W1 += l2_delta*l1.T ↵ W0 += l0.T.dot(l1_delta)
                "
    `);
    expect(lines.slice(-2)).toMatchInlineSnapshot(`
      [
        "Every verdict and cause agrees with fixtures/bp-worked-example-zh/errata.json.",
        "",
      ]
    `);
  });

  it("writes Markdown tables with --format md", async () => {
    const { code, out } = await cli(["errata", "--format", "md"]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines.slice(0, 7)).toMatchInlineSnapshot(`
      [
        "### Errata: BP算法实例及代码实现 — a 2-2-1 sigmoid network, one step by hand",
        "",
        "Case \`bp-worked-example-zh\`: 22 published numbers: 10 ok, 0 convention, 4 rounding-drift, 6 erratum, 2 unexplained (judged in exact decimal arithmetic).",
        "",
        "#### The source's conventions",
        "",
        "As declared by the case (no departure explains more of its numbers).",
      ]
    `);
    expect(lines.find((l) => l.startsWith("| 104 |"))).toMatchInlineSnapshot(
      `"| 104 | wrong-parameter | \`W1 += l2_delta*l1.T\`<br>\`W0 += l0.T.dot(l1_delta)\` | \`W1 += alpha*l2_delta*l1.T\`<br>\`W0 += alpha*l1_delta.dot(l0.T)  # alpha = 0.01\` | Neither update (lines 104 and 105) applies the learning rate α = 0.01 of §1.2 (line 28): the program steps with rate 1, a hundred times the stated step. The weights printed after one epoch moved by about 0.03 (W1) instead of 0.0003. |"`,
    );
  });

  it("gives one JSON entry per published number with the documented fields", async () => {
    const { code, out } = await cli(["errata", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual([
      "command",
      "version",
      "case",
      "expectations",
      "strict",
      "conventions",
      "summary",
      "differences",
      "numbers",
      "unknownExpectations",
      "errata",
      "codeErrata",
      "placed",
    ]);
    expect([
      doc.summary,
      doc.differences,
      doc.numbers.length,
      doc.errata.length,
      doc.codeErrata.length,
    ]).toEqual([{ ok: 10, convention: 0, "rounding-drift": 4, erratum: 6, unexplained: 2 }, 0, 22, 13, 16]);
    expect(doc.conventions).toEqual([]);
    expect(doc.numbers.find((n: { id: string }) => n.id === "s3-w1-updated-h1")).toMatchInlineSnapshot(`
      {
        "agrees": true,
        "alternatives": [],
        "cause": "learning-rate",
        "conventions": [],
        "detail": "Reproduced with learning rate 0.001 instead of 0.01; the correct value at the printed precision is 0.299723.",
        "expected": {
          "cause": "learning-rate",
          "note": "0.3 − 0.001·0.02767 = 0.2999723 → 0.299972: the step used α = 0.001, not the α = 0.01 of §1.2 (which gives 0.299723).",
          "verdict": "erratum",
        },
        "id": "s3-w1-updated-h1",
        "location": {
          "line": 67,
          "section": "§3 W1'",
          "text": "W1' = W1 − α∇L_W1 = [0.299972, 0.899973]^T",
        },
        "published": "0.299972",
        "quantity": "W'[1][0][0]",
        "reference": "0.299723",
        "symbol": "W'_h1",
        "verdict": "erratum",
      }
    `);
  });

  it("exits 1 with --strict, since some seed numbers are not ok", async () => {
    const { code, out } = await cli(["errata", "--strict"]);
    expect(code).toBe(1);
    expect(out.split("\n").at(-2)).toBe("--strict: 12 published numbers are not ok.");
  });

  it("exits 1 and marks the numbers whose verdict differs from errata.json", async () => {
    const dir = seedCopy({
      "case.json": same,
      "errata.json": (e) => ({
        ...e,
        published: [
          ...e.published.map((p: { id: string }) =>
            p.id === "s2-h-1" ? { ...p, verdict: "erratum", cause: "digit-slip" } : p,
          ),
          { id: "s9-nothing", verdict: "ok", cause: null, note: "Not in the case." },
        ],
      }),
    });
    const { code, out } = await cli(["errata", join(dir, "case.json")]);
    expect(code).toBe(1);
    expect(out).toMatch(/^ {2}32 {2}h_1 +0\.755 +ok +✗ expected erratum \(digit-slip\)$/m);
    expect(out).not.toContain("Code errata");
    expect(
      out
        .split("\n")
        .slice(-3, -1)
        .map((l) => l.replaceAll(dir, "DIR")),
    ).toMatchInlineSnapshot(`
      [
        "DIR/errata.json expects a verdict for "s9-nothing", which the case does not publish.",
        "2 differences from DIR/errata.json.",
      ]
    `);
  });

  it("reports a case without errata.json and exits 0 (1 with --strict)", async () => {
    const plain = await cli(["errata", "-"], { stdin: otherCase });
    expect(plain.code).toBe(0);
    expect(plain.out).not.toContain("errata.json  ");
    expect(plain.out.split("\n").at(-2)).toBe(
      "No errata.json for this case: the verdicts are not checked against expectations.",
    );
    const json = JSON.parse((await cli(["errata", "-", "--json"], { stdin: otherCase })).out);
    expect([json.expectations, json.numbers[0].expected, json.numbers[0].agrees, json.codeErrata]).toEqual([
      null,
      null,
      null,
      [],
    ]);
    expect((await cli(["errata", "-", "--strict"], { stdin: otherCase })).code).toBe(1);
  });

  it("colours the report on a terminal, unless NO_COLOR is set", async () => {
    expect((await cli(["errata"], { tty: true })).out).toContain("\u001b[32mEvery verdict and cause agrees");
    expect((await cli(["errata"], { tty: true, env: { NO_COLOR: "1" } })).out).not.toContain("\u001b[");
  });

  it("writes Markdown without the errata.json column for a case without one, and marks differences", async () => {
    const plain = (await cli(["errata", "-", "--format", "md"], { stdin: otherCase })).out;
    const lines = plain.split("\n");
    expect(lines.slice(4, 7)).toEqual([
      "#### The source's conventions",
      "",
      "As declared by the case (no departure explains more of its numbers).",
    ]);
    expect(lines).toContain("| Line | Symbol | Published | Verdict | Cause | Detail |");
    const dir = seedCopy({
      "case.json": same,
      "errata.json": (e) => ({
        ...e,
        published: e.published.filter((p: { id: string }) => p.id !== "s2-loss"),
      }),
    });
    const { code, out } = await cli(["errata", join(dir, "case.json"), "--format", "md"]);
    expect(code).toBe(1);
    expect(out).toMatch(/^\| 36 \| `L` \| `0\.0181` \| ok \|  \| .* \| ✗ expected nothing \|$/m);
  });

  it("refuses an errata.json beside the case that names another case", async () => {
    const dir = seedCopy({ "case.json": same, "errata.json": (e) => ({ ...e, case: "another-case" }) });
    const { code, err } = await cli(["errata", join(dir, "case.json")]);
    expect([code, err]).toEqual([
      2,
      `bpcheck: ${join(dir, "errata.json")}: $.case: expected "bp-worked-example-zh" (the case it sits beside), got "another-case"\n`,
    ]);
  });

  it.each([
    [
      ["--mode", "float64"],
      "bpcheck: --mode: errata always judges in exact decimal arithmetic (60 digits)\n",
    ],
    [["--digits", "30"], "bpcheck: --digits: errata always judges in exact decimal arithmetic (60 digits)\n"],
    [["--format", "html"], 'bpcheck: --format: unknown format "html" (expected: text, md)\n'],
    [["--format", "md", "--json"], "bpcheck: --format: not with --json\n"],
  ])("errata %j exits 2", async (args, message) => {
    const { code, err } = await cli(["errata", ...args]);
    expect([code, err]).toEqual([2, message]);
  });

  it("shows the source's conventions first, with the numbers each explains", async () => {
    // The seed's network printed by a source that updates sequentially (values from the engine).
    const seed = loadCaseFile();
    const planter = new Planter({ network: seed.network, data: seed.data, training: seed.training });
    const raw = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    const quantities = ["z[0][0]", "W'[0][0][0]", "W'[0][0][1]", "W'[0][1][1]"];
    raw.published = quantities.map((quantity, n) => ({
      id: `p${n}`,
      symbol: quantity,
      quantity,
      printed: printSignificant(planter.value(quantity, ["update-order:sequential"]), 9),
      location: { section: "test", line: n + 1, text: quantity },
    }));
    raw.id = "sequential-source";
    const { out } = await cli(["errata", "-"], { stdin: JSON.stringify(raw) });
    const lines = out.split("\n");
    expect(lines.slice(3, 5)).toEqual([
      "The source's conventions",
      "  the sequential update order instead of simultaneous (update-order:sequential): explains 3 numbers, lines 2, 3, 4",
    ]);
    expect(lines.filter((l) => / convention {2,}update-order/.test(l))).toHaveLength(3);
  });
});

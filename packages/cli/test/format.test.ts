import { describe, expect, it } from "vitest";
import type { CaseFile } from "@bpcheck/golden";
import { loadCaseFile } from "@bpcheck/golden";
import { lossPlotSvg } from "../src/format/loss-plot-svg.ts";
import { progressBar } from "../src/format/progress.ts";
import { sourceSymbol } from "../src/format/source-symbols.ts";
import { table } from "../src/format/table.ts";
import { terminalChart } from "../src/format/terminal-chart.ts";
import { memoryIo } from "./io.ts";

const seed = loadCaseFile();

describe("sourceSymbol", () => {
  // The article's convention after its 2022-10-17 correction: W_ji joins input X_i to unit j.
  it.each([
    ["W[0][0][1]", "W0_12"],
    ["W[0][1][0]", "W0_21"],
    ["W[1][0][1]", "W1_12"],
    ["x[1]", "X_2"],
    ["y[0]", "y_true"],
    ["z[0][1]", "h_2"],
    ["z[1][0]", "Z_y"],
    ["a[1][0]", "Ŷ"],
    ["loss", "L"],
    ["dW[0][1][1]", "∇L_W0_22"],
    ["W'[1][0][0]", "W1'_11"],
    ["delta[0][0]", "delta[0][0]"],
    ["z[0][1]@s[1]", "z[0][1]@s[1]"],
  ])("%s is %s in the seed article", (name, symbol) => {
    expect(sourceSymbol(seed, name)).toBe(symbol);
  });

  it("separates subscripts of 10 or more with commas", () => {
    const c = { ...seed, symbols: { V: { quantity: "W[2]", description: "" } } } as CaseFile;
    expect([sourceSymbol(c, "W[2][11][2]"), sourceSymbol(c, "W[2][1][2]")]).toEqual(["V_12,3", "V_23"]);
  });
});

describe("table", () => {
  it("aligns columns, right-aligns the numeric ones and trims line ends", () => {
    expect(
      table(
        [
          ["name", "n", ""],
          ["Ŷ", "12", "ok"],
          ["loss", "3", ""],
        ],
        [1],
      ),
    ).toEqual(["name   n", "Ŷ     12  ok", "loss   3"]);
  });
});

describe("terminalChart", () => {
  it("draws a constant curve across the middle row", () => {
    expect(terminalChart([{ label: "a", values: [2, 2, 2] }], 3, 3)).toEqual([
      "      ┤",
      "2.000 ┤•••",
      "      ┤",
      "      └───",
      "       1 3  epoch",
    ]);
  });

  it("says so when nothing is finite", () => {
    expect(terminalChart([{ label: "a", values: [NaN, Infinity] }])).toEqual(["(no finite values to chart)"]);
  });

  it("leaves out non-finite values and samples long curves to the width", () => {
    const values = Array.from({ length: 1000 }, (_, k) => (k === 0 ? NaN : 1000 - k));
    const lines = terminalChart([{ label: "a", values }], 40, 8);
    expect(lines[0]).toBe("999.0 ┤ ••");
    expect(lines.at(-1)).toBe(`       1${"1000".padStart(39)}  epoch`);
  });
});

describe("lossPlotSvg", () => {
  it("breaks a line at non-finite values and, on a log axis, at values ≤ 0", () => {
    const svg = lossPlotSvg([{ label: "a", values: [1, 0.5, 0, 0.25, NaN, 0.1] }], {
      title: "t <1>",
      log: true,
    });
    expect(svg.match(/<polyline /g)).toHaveLength(3);
    expect(svg).toContain(">t &lt;1&gt;</text>");
  });

  it("draws a linear axis with a constant curve", () => {
    const svg = lossPlotSvg([{ label: "a", values: [0.5, 0.5] }], { title: "t", log: false });
    expect(svg).toContain(">loss</text>");
    expect(svg.match(/<polyline /g)).toHaveLength(1);
  });
});

describe("progressBar", () => {
  it("stays silent for the first second, then redraws at most every 100 ms and clears itself", () => {
    const io = memoryIo({ tty: true, tick: 400 });
    const bar = progressBar(io, 10, "work");
    for (let k = 1; k <= 10; k++) bar.update(k);
    bar.finish();
    expect(io.err().split("\r").filter(Boolean)).toEqual([
      "work [#########.....................] 30% (3/10)",
      "work [############..................] 40% (4/10)",
      "work [###############...............] 50% (5/10)",
      "work [##################............] 60% (6/10)",
      "work [#####################.........] 70% (7/10)",
      "work [########################......] 80% (8/10)",
      "work [###########################...] 90% (9/10)",
      "work [##############################] 100% (10/10)",
      "\u001b[K",
    ]);
  });

  it("draws nothing and clears nothing for a quick run", () => {
    const io = memoryIo({ tty: true, tick: 1 });
    const bar = progressBar(io, 10, "work");
    for (let k = 1; k <= 10; k++) bar.update(k);
    bar.finish();
    expect(io.err()).toBe("");
  });
});

describe("writeJson", () => {
  it("writes what JSON.stringify(…, 2) writes, in chunks", async () => {
    const { writeJson } = await import("../src/format/json.ts");
    const { memoryIo } = await import("./io.ts");
    const body = {
      a: [1, "x", null, [], {}, { b: [Infinity, -0, 1e-7], c: undefined }],
      big: Array.from({ length: 60_000 }, (_, k) => ({ name: `q${k}`, value: String(k / 7) })),
      empty: [],
    };
    const io = memoryIo();
    const writes: number[] = [];
    const counting = { ...io, stdout: (s: string) => (writes.push(s.length), io.stdout(s)) };
    writeJson(counting, "test", body);
    const expected = `${JSON.stringify({ command: "test", version: 1, ...body }, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`;
    expect(io.out()).toBe(expected);
    expect(writes.length).toBeGreaterThan(1);
  });
});

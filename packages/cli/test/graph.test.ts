import { readFileSync } from "node:fs";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

describe("bpcheck graph", () => {
  it("writes DOT with the article's W_ji labels: W0_12 joins X_2 to h_1, listed in h_1", async () => {
    const { code, out } = await cli(["graph", "--mode", "float64"]);
    expect(code).toBe(0);
    // Each weight is listed in the unit it feeds, and its input's edge ends at that row.
    expect(out).toContain(
      '<td align="left" port="in1">W0_12 = 0.8</td><td align="left">∂L/∂W0_12 = 0.00238904</td>',
    );
    expect(out).toContain("x1:e -> u0_0:in1:w;");
    expect(out).toContain(
      '<td align="left" port="in0">W0_21 = 0.4</td><td align="left">∂L/∂W0_21 = 0.00286008</td>',
    );
    expect(out).toContain("x0:e -> u0_1:in0:w;");
    expect(out).toMatchInlineSnapshot(`
      "digraph bpcheck {
        label=<bp-worked-example-zh: computation graph of the first step (float64)>; labelloc=t; labeljust=l; fontname="DejaVu Sans"; fontsize=13;
        rankdir=LR; nodesep=0.25; ranksep=0.7; newrank=true;
        node [fontname="DejaVu Sans", fontsize=12, shape=plain];
        edge [color="#555555", arrowsize=0.7];
        x0 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#eef4fb"><tr><td align="left" colspan="1">X_1 = 0.35</td></tr></table>>];
        x1 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#eef4fb"><tr><td align="left" colspan="1">X_2 = 0.9</td></tr></table>>];
        u0_0 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#fdf6e3"><tr><td align="left" colspan="2">h_1 = 0.755</td></tr><tr><td align="left" colspan="2">Z_1 = σ(h_1) = 0.680267</td></tr><tr><td align="left" colspan="2">∂L/∂h_1 = 0.00265449</td></tr><hr/><tr><td align="left" port="in0">W0_11 = 0.1</td><td align="left">∂L/∂W0_11 = 0.000929071</td></tr><tr><td align="left" port="in1">W0_12 = 0.8</td><td align="left">∂L/∂W0_12 = 0.00238904</td></tr></table>>];
        u0_1 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#fdf6e3"><tr><td align="left" colspan="2">h_2 = 0.68</td></tr><tr><td align="left" colspan="2">Z_2 = σ(h_2) = 0.663739</td></tr><tr><td align="left" colspan="2">∂L/∂h_2 = 0.00817165</td></tr><hr/><tr><td align="left" port="in0">W0_21 = 0.4</td><td align="left">∂L/∂W0_21 = 0.00286008</td></tr><tr><td align="left" port="in1">W0_22 = 0.6</td><td align="left">∂L/∂W0_22 = 0.00735448</td></tr></table>>];
        u1_0 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#fdf6e3"><tr><td align="left" colspan="2">Z_y = 0.801445</td></tr><tr><td align="left" colspan="2">Ŷ = σ(Z_y) = 0.690283</td></tr><tr><td align="left" colspan="2">∂L/∂Z_y = 0.0406811</td></tr><hr/><tr><td align="left" port="in0">W1_11 = 0.3</td><td align="left">∂L/∂W1_11 = 0.027674</td></tr><tr><td align="left" port="in1">W1_12 = 0.9</td><td align="left">∂L/∂W1_12 = 0.0270016</td></tr></table>>];
        loss [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#fde8e8"><tr><td align="left" colspan="1">L = 0.0181039</td></tr></table>>];
        y0 [label=<<table border="1" cellborder="0" cellspacing="0" cellpadding="3" style="rounded" color="#888888" bgcolor="#eef4fb"><tr><td align="left" colspan="1">y_true = 0.5</td></tr></table>>];
        { rank=same; x0; x1; x0 -> x1 [style=invis]; }
        { rank=same; u0_0; u0_1; u0_0 -> u0_1 [style=invis]; }
        { rank=same; u1_0; y0; u1_0 -> y0 [style=invis]; }
        { rank=same; loss; }
        x0:e -> u0_0:in0:w;
        x1:e -> u0_0:in1:w;
        x0:e -> u0_1:in0:w;
        x1:e -> u0_1:in1:w;
        u0_0:e -> u1_0:in0:w;
        u0_1:e -> u1_0:in1:w;
        u1_0:e -> loss:w;
        y0:e -> loss:w;
      }
      "
    `);
  });

  it("writes Mermaid", async () => {
    const { out } = await cli(["graph", "--format", "mermaid", "--mode", "float32"]);
    expect(out).toMatchInlineSnapshot(`
      "---
      title: "bp-worked-example-zh: computation graph of the first step (float32)"
      ---
      flowchart LR
        x0(["X_1 = 0.35"])
        x1(["X_2 = 0.9"])
        u0_0["h_1 = 0.755<br/>Z_1 = σ(h_1) = 0.680267<br/>∂L/∂h_1 = 0.00265449"]
        u0_1["h_2 = 0.68<br/>Z_2 = σ(h_2) = 0.663739<br/>∂L/∂h_2 = 0.00817165"]
        u1_0["Z_y = 0.801445<br/>Ŷ = σ(Z_y) = 0.690284<br/>∂L/∂Z_y = 0.0406811"]
        loss["L = 0.0181039"]
        y0(["y_true = 0.5"])
        x0 -- "W0_11 = 0.1<br/>∂L/∂W0_11 = 0.000929071" --> u0_0
        x1 -- "W0_12 = 0.8<br/>∂L/∂W0_12 = 0.00238904" --> u0_0
        x0 -- "W0_21 = 0.4<br/>∂L/∂W0_21 = 0.00286008" --> u0_1
        x1 -- "W0_22 = 0.6<br/>∂L/∂W0_22 = 0.00735448" --> u0_1
        u0_0 -- "W1_11 = 0.3<br/>∂L/∂W1_11 = 0.027674" --> u1_0
        u0_1 -- "W1_12 = 0.9<br/>∂L/∂W1_12 = 0.0270016" --> u1_0
        u1_0 --> loss
        y0 --> loss
      "
    `);
  });

  it("renders SVG with Graphviz into a file", async () => {
    const { code, out, files } = await cli(["graph", "--format", "svg", "-o", "graph.svg"]);
    expect([code, out]).toEqual([0, "Wrote the svg graph to graph.svg\n"]);
    const svg = files.get("graph.svg")!;
    expect(svg).toContain("<svg");
    expect(svg).toContain("W0_12 = 0.8");
    expect(svg).toContain("Z_1 = σ(h_1) = 0.680267");
  });

  it("gives nodes and edges with full-precision quantities in JSON", async () => {
    const { out } = await cli(["graph", "--digits", "20", "--json"]);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual([
      "command",
      "version",
      "case",
      "mode",
      "digits",
      "format",
      "graph",
      "text",
    ]);
    expect(doc.graph.edges[1]).toMatchInlineSnapshot(`
      {
        "from": "x1",
        "lines": [
          "W0_12 = 0.8",
          "∂L/∂W0_12 = 0.00238904",
        ],
        "quantities": {
          "W[0][0][1]": {
            "short": "0.8",
            "value": "0.8",
          },
          "dW[0][0][1]": {
            "short": "0.00238904",
            "value": "0.0023890401277962688347",
          },
        },
        "symbol": "W0_12",
        "to": "u0_0",
        "weight": "W[0][0][1]",
      }
    `);
    expect(doc.graph.nodes.map((n: { id: string }) => n.id)).toEqual([
      "x0",
      "x1",
      "u0_0",
      "u0_1",
      "u1_0",
      "loss",
      "y0",
    ]);
  });

  it("rejects an unknown format", async () => {
    const { code, err } = await cli(["graph", "--format", "png"]);
    expect([code, err]).toEqual([
      2,
      'bpcheck: --format: unknown format "png" (expected: dot, svg, mermaid)\n',
    ]);
  });
});

describe("bpcheck graph on a case with biases and two samples in full batch", () => {
  const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
  const c = {
    ...seed,
    network: {
      ...seed.network,
      layers: seed.network.layers.map((l: object, k: number) => ({
        ...l,
        biases: k === 0 ? ["0.1", "-0.2"] : ["0.05"],
      })),
    },
    data: [...seed.data, { x: ["0.5", "-0.25"], y: ["0.25"] }],
    training: { ...seed.training, batch: "full-batch" },
    // The seed's printed numbers are of one sample; in a step of two they would need @s[n].
    published: [],
  };

  it("shows the first sample's values, the mean gradients and each unit's bias", async () => {
    const { code, out } = await cli(["graph", "-", "--mode", "float64", "--format", "mermaid"], {
      stdin: JSON.stringify(c),
    });
    expect(code).toBe(0);
    expect(out).toContain("computation graph of the first step (float64, sample 1 of 2)");
    expect(out).toContain("X_1 = 0.35");
    expect(out).toMatch(/b\[0\]\[0\] = 0\.1, ∂L\/∂b = -?\d/);
    expect(out).toContain("h_1 = 0.855<br/>");
  });
});

describe("bpcheck graph on a wide network", () => {
  it("refuses an SVG layout of more than 500 weights, pointing to the text formats", async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    const units = 30;
    const c = {
      ...seed,
      network: {
        inputs: units,
        loss: "half-sse",
        layers: [
          {
            activation: "sigmoid",
            weights: Array.from({ length: units }, () => Array(units).fill("0.01")),
            biases: null,
          },
          { activation: "sigmoid", weights: [Array(units).fill("0.01")], biases: null },
        ],
      },
      data: [{ x: Array(units).fill("0.5"), y: ["0.5"] }],
    };
    const { code, err } = await cli(["graph", "-", "--format", "svg"], { stdin: JSON.stringify(c) });
    expect([code, err]).toEqual([
      2,
      "bpcheck: --format: an SVG layout is limited to 500 weights and this network has 930 (use --format dot or mermaid)\n",
    ]);
  });
});

describe("bpcheck graph as a picture", () => {
  /** Each node's vertical centre in the SVG, by node id (SVG y grows downwards). */
  const centres = (svg: string) =>
    new Map(
      [
        ...svg.matchAll(
          /<title>(\w+)<\/title>\s*<path[^>]*d="M([^"]*)"|<title>(\w+)<\/title>\s*<polygon[^>]*points="([^"]*)"/g,
        ),
      ].map((m) => {
        const ys = [...(m[2] ?? m[4])!.matchAll(/-?[\d.]+,(-?[\d.]+)/g)].map((p) => Number(p[1]));
        return [m[1] ?? m[3]!, (Math.min(...ys) + Math.max(...ys)) / 2];
      }),
    );

  it("keeps each layer's units top to bottom in their numbering and labels no edge", async () => {
    const c = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    // A 3-3-2 network, where a layout free to reorder would uncross edges by swapping units.
    c.network = {
      inputs: 3,
      loss: "half-sse",
      layers: [
        {
          activation: "sigmoid",
          weights: [
            ["0.1", "0.2", "0.9"],
            ["0.5", "0.1", "0.1"],
            ["0.9", "0.3", "0.1"],
          ],
          biases: null,
        },
        {
          activation: "sigmoid",
          weights: [
            ["0.1", "0.2", "0.9"],
            ["0.8", "0.1", "0.1"],
          ],
          biases: null,
        },
      ],
    };
    c.data = [{ x: ["0.1", "0.2", "0.3"], y: ["0.5", "0.1"] }];
    c.symbols = {};
    c.published = [];
    const dot = await cli(["graph", "-", "--mode", "float64"], { stdin: JSON.stringify(c) });
    expect(dot.out).not.toMatch(/->[^;]*label=/);
    const svg = await cli(["graph", "-", "--mode", "float64", "--format", "svg"], {
      stdin: JSON.stringify(c),
    });
    const y = centres(svg.out);
    for (const column of [
      ["x0", "x1", "x2"],
      ["u0_0", "u0_1", "u0_2"],
      ["u1_0", "u1_1", "y0", "y1"],
    ]) {
      const ys = column.map((id) => y.get(id)!);
      expect(ys.every((v) => Number.isFinite(v))).toBe(true);
      expect([...ys].sort((a, b) => a - b)).toEqual(ys);
    }
  });

  it("leaves each label the room a wide sans-serif font needs, within the picture", async () => {
    // DejaVu Sans, the usual substitute for Helvetica, takes about 0.6 em a character on
    // these labels (its digits are 0.64 em): with Helvetica's metrics the layout gave
    // 0.56 em and the cells of a weight's row ran into each other.
    const EM_PER_CHAR = 0.6;
    const { out: svg } = await cli(["graph", "--format", "svg"]);
    const width = Number(/<svg width="([\d.]+)pt"/.exec(svg)![1]);
    const rows = new Map<string, { x: number; end: number }[]>();
    for (const m of svg.matchAll(
      /<text[^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*font-size="([\d.]+)">([^<]*)<\/text>/g,
    )) {
      const chars = m[4]!.replace(/&#?\w+;/g, "x").length;
      const x = Number(m[1]);
      rows.set(m[2]!, [...(rows.get(m[2]!) ?? []), { x, end: x + EM_PER_CHAR * Number(m[3]) * chars }]);
    }
    expect(rows.size).toBeGreaterThan(10);
    for (const row of rows.values()) {
      row.sort((a, b) => a.x - b.x);
      row.slice(1).forEach((cell, k) => expect(cell.x).toBeGreaterThanOrEqual(row[k]!.end));
      expect(row.at(-1)!.end).toBeLessThanOrEqual(width);
    }
    expect(svg).toContain('font-family="DejaVu Sans,Verdana,sans-serif"');
  });

  it("writes a softmax unit's output as the layer's softmax, not a function of its own z", async () => {
    const file = new URL("../../../fixtures/softmax-input-gradient/case.json", import.meta.url);
    const { code, out } = await cli(["graph", "-", "--format", "mermaid"], {
      stdin: readFileSync(file, "utf8"),
    });
    expect(code).toBe(0);
    expect(out).toContain("softmax(z)_2 = softmax(z[0])[1] = 0.242433");
    expect(out).not.toMatch(/softmax\(z_\d\)/);
  });

  it("shows values to --label-digits significant digits", async () => {
    const { out } = await cli(["graph", "--label-digits", "3", "--format", "mermaid"]);
    expect(out).toContain("Z_1 = σ(h_1) = 0.68");
    expect(out).toContain("∂L/∂W0_12 = 0.00239");
    const many = await cli(["graph", "--label-digits", "20", "--format", "mermaid"]);
    expect(many.out).toContain("Z_1 = σ(h_1) = 0.68026719669864845197");
    expect((await cli(["graph", "--label-digits", "0"])).err).toBe(
      'bpcheck: --label-digits: expected an integer from 1 to 20, got "0"\n',
    );
  });

  it("names the sequential update rule's values for what they are, not ∂L/∂z and ∂L/∂W", async () => {
    const c = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    c.training.updateOrder = "sequential";
    const stdin = JSON.stringify(c);
    const { out } = await cli(["graph", "-", "--mode", "float64", "--format", "mermaid"], { stdin });
    expect(out).toContain("δ(h_1) = 0.00265204");
    expect(out).toContain("d(W0_12) = 0.00238684");
    expect(out).toContain("∂L/∂Z_y = 0.0406811");
    expect(out).toContain("not ∂L/∂z and ∂L/∂W");
    const run = await cli(["run", "-", "--mode", "float64"], { stdin });
    expect(run.out).toContain("da[0] = W1'ᵀ·delta[1]");
    expect(run.out).toContain("only the output layer's dW is ∂L/∂W");
    const gradcheck = await cli(["gradcheck", "-", "--mode", "float64"], { stdin });
    expect(gradcheck.code).toBe(0);
    expect(gradcheck.out).toContain("these are the gradients ∂L/∂W of its loss");
    // gradcheck's backprop column is ∂L/∂W: the simultaneous step's dW, not the sequential one.
    expect(gradcheck.out).toMatch(/W\[0\]\[0\]\[1\]\s+W0_12\s+0\.00238904/);
  });

  it("draws a network of more than 64 weights as a summary and says so", async () => {
    const seed = JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8"));
    const c = {
      ...seed,
      network: {
        inputs: 8,
        loss: "half-sse",
        layers: [
          {
            activation: "sigmoid",
            weights: Array.from({ length: 8 }, () => Array(8).fill("0.1")),
            biases: null,
          },
          { activation: "sigmoid", weights: [Array(8).fill("0.1")], biases: null },
        ],
      },
      data: [{ x: Array(8).fill("0.5"), y: ["0.5"] }],
    };
    const { code, out } = await cli(["graph", "-", "--mode", "float64"], { stdin: JSON.stringify(c) });
    expect(code).toBe(0);
    expect(out).toContain("A summary: the network has too many weights to list");
    expect(out).not.toContain("port=");
  });
});

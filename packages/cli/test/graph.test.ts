import { readFileSync } from "node:fs";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

describe("bpcheck graph", () => {
  it("writes DOT with the article's W_ji labels: W0_12 joins X_2 to h_1", async () => {
    const { code, out } = await cli(["graph", "--mode", "float64"]);
    expect(code).toBe(0);
    expect(out).toContain('x1 -> u0_0 [label="W0_12 = 0.8\\n∂L/∂W0_12 = 0.00238904", decorate=true];');
    expect(out).toContain('x0 -> u0_1 [label="W0_21 = 0.4\\n∂L/∂W0_21 = 0.00286008", decorate=true];');
    expect(out).toMatchInlineSnapshot(`
      "digraph bpcheck {
        label="bp-worked-example-zh: computation graph of the first step (float64)"; labelloc=t; fontname="Helvetica";
        rankdir=LR; nodesep=0.5; ranksep=2.2;
        node [fontname="Helvetica", fontsize=11];
        edge [fontname="Helvetica", fontsize=10];
        x0 [label="X_1 = 0.35", shape=ellipse, style=filled, fillcolor="#eef4fb"];
        x1 [label="X_2 = 0.9", shape=ellipse, style=filled, fillcolor="#eef4fb"];
        u0_0 [label="h_1 = 0.755\\nZ_1 = σ(h_1) = 0.680267\\n∂L/∂h_1 = 0.00265449", shape=box, style="rounded,filled", fillcolor="#fdf6e3"];
        u0_1 [label="h_2 = 0.68\\nZ_2 = σ(h_2) = 0.663739\\n∂L/∂h_2 = 0.00817165", shape=box, style="rounded,filled", fillcolor="#fdf6e3"];
        u1_0 [label="Z_y = 0.801445\\nŶ = σ(Z_y) = 0.690283\\n∂L/∂Z_y = 0.0406811", shape=box, style="rounded,filled", fillcolor="#fdf6e3"];
        loss [label="L = 0.0181039", shape=box, style=filled, fillcolor="#fde8e8"];
        y0 [label="y_true = 0.5", shape=ellipse, style=filled, fillcolor="#eef4fb"];
        { rank=same; x0; x1; }
        { rank=same; u0_0; u0_1; }
        { rank=same; u1_0; }
        { rank=same; loss; y0; }
        x0 -> u0_0 [label="W0_11 = 0.1\\n∂L/∂W0_11 = 0.000929071", decorate=true];
        x1 -> u0_0 [label="W0_12 = 0.8\\n∂L/∂W0_12 = 0.00238904", decorate=true];
        x0 -> u0_1 [label="W0_21 = 0.4\\n∂L/∂W0_21 = 0.00286008", decorate=true];
        x1 -> u0_1 [label="W0_22 = 0.6\\n∂L/∂W0_22 = 0.00735448", decorate=true];
        u0_0 -> u1_0 [label="W1_11 = 0.3\\n∂L/∂W1_11 = 0.027674", decorate=true];
        u0_1 -> u1_0 [label="W1_12 = 0.9\\n∂L/∂W1_12 = 0.0270016", decorate=true];
        u1_0 -> loss;
        y0 -> loss;
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
        u0_1["h_2 = 0.68<br/>Z_2 = σ(h_2) = 0.663739<br/>∂L/∂h_2 = 0.00817164"]
        u1_0["Z_y = 0.801445<br/>Ŷ = σ(Z_y) = 0.690283<br/>∂L/∂Z_y = 0.0406811"]
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

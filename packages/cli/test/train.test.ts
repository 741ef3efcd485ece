import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

describe("bpcheck train", () => {
  it("charts the loss and lists the final parameters", async () => {
    const { code, out, err } = await cli(["train", "--mode", "float64", "--epochs", "30", "--lr", "0.5"]);
    expect([code, err]).toEqual([0, ""]);
    expect(out).toMatchInlineSnapshot(`
      "BP算法实例及代码实现 — a 2-2-1 sigmoid network, one step by hand
      bp-worked-example-zh · 30 epochs · learning rate 0.5 · simultaneous updates · sgd

      Loss
         0.01810 ┤•
                 ┤ ••
                 ┤   ••
                 ┤     ••
                 ┤       ••
         0.01124 ┤         ••
                 ┤           ••
                 ┤             •••
                 ┤                •••
                 ┤                   ••••
                 ┤                       ••••
        0.004368 ┤                           •••
                 └──────────────────────────────
                  1                           30  epoch

                        float64
        loss, epoch 1   0.01810390383656677
        loss, epoch 30  0.004368402212650167

      Parameters after 30 epochs
        name        symbol  float64
        W[0][0][0]  W0_11   0.0947667369651837
        W[0][0][1]  W0_12   0.7865430379104725
        W[0][1][0]  W0_21   0.3720131107228067
        W[0][1][1]  W0_22   0.528033713287217
        W[1][0][0]  W1_11   -0.02036703007242336
        W[1][0][1]  W1_12   0.5905674359795557
      "
    `);
  });

  it("trains several modes side by side", async () => {
    const { out } = await cli(["train", "--mode", "float32,exact", "--digits", "20", "--epochs", "3"]);
    expect(out.split("\n").slice(16)).toMatchInlineSnapshot(`
      [
        "          └───",
        "           1 3  epoch",
        "           • float32   x exact (20 digits)",
        "",
        "                 float32      exact (20 digits)",
        "  loss, epoch 1  0.018103901  0.018103903836566779302",
        "  loss, epoch 3  0.018072644  0.018072643079576997319",
        "",
        "Parameters after 3 epochs",
        "  name        symbol  float32      exact (20 digits)",
        "  W[0][0][0]  W0_11   0.099972166  0.099972161278050890984",
        "  W[0][0][1]  W0_12   0.7999284    0.79992841471498800539",
        "  W[0][1][0]  W0_21   0.39991423   0.3999142458341596402",
        "  W[0][1][1]  W0_22   0.59977955   0.5997794892878390748",
        "  W[1][0][0]  W1_11   0.29917005   0.29917002275730756397",
        "  W[1][0][1]  W1_12   0.8991902    0.89919020310931721284",
        "",
      ]
    `);
  });

  it("applies --update-order (sequential updates change the result)", async () => {
    const run = async (order: string) =>
      JSON.parse(
        (await cli(["train", "--mode", "float64", "--epochs", "2", "--update-order", order, "--json"])).out,
      );
    const [simultaneous, sequential] = [await run("simultaneous"), await run("sequential")];
    expect(sequential.updateOrder).toBe("sequential");
    expect(sequential.runs[0].loss[0]).toBe(simultaneous.runs[0].loss[0]);
    expect(sequential.runs[0].parameters[0].value).not.toBe(simultaneous.runs[0].parameters[0].value);
  });

  it("writes an SVG plot with --plot, linear or log", async () => {
    const { files, out } = await cli([
      "train",
      "--mode",
      "float32,float64",
      "--epochs",
      "50",
      "--lr",
      "2",
      "--plot",
      "loss.svg",
      "--log",
    ]);
    expect(out).toContain("Wrote the loss plot to loss.svg");
    const svg = files.get("loss.svg")!;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("loss (log scale)");
    expect(svg.match(/<polyline /g)).toHaveLength(2);
    expect(svg).toContain(">float32</text>");
  });

  it("gives the documented JSON document", async () => {
    const { out } = await cli([
      "train",
      "--mode",
      "float64,exact",
      "--digits",
      "20",
      "--epochs",
      "2",
      "--json",
    ]);
    expect(JSON.parse(out)).toMatchInlineSnapshot(`
      {
        "case": "bp-worked-example-zh",
        "command": "train",
        "epochs": 2,
        "learningRate": "0.01",
        "plot": null,
        "runs": [
          {
            "digits": null,
            "loss": [
              "0.01810390383656677",
              "0.018088268512415715",
            ],
            "mode": "float64",
            "parameters": [
              {
                "name": "W[0][0][0]",
                "symbol": "W0_11",
                "value": "0.09998142971637103",
              },
              {
                "name": "W[0][0][1]",
                "symbol": "W0_12",
                "value": "0.7999522478420971",
              },
              {
                "name": "W[0][1][0]",
                "symbol": "W0_21",
                "value": "0.3999428145211643",
              },
              {
                "name": "W[0][1][1]",
                "symbol": "W0_22",
                "value": "0.5998529516258508",
              },
              {
                "name": "W[1][0][0]",
                "symbol": "W1_11",
                "value": "0.299446600558818",
              },
              {
                "name": "W[1][0][1]",
                "symbol": "W1_12",
                "value": "0.899460051323862",
              },
            ],
          },
          {
            "digits": 20,
            "loss": [
              "0.018103903836566779302",
              "0.018088268512415715643",
            ],
            "mode": "exact",
            "parameters": [
              {
                "name": "W[0][0][0]",
                "symbol": "W0_11",
                "value": "0.099981429716371031199",
              },
              {
                "name": "W[0][0][1]",
                "symbol": "W0_12",
                "value": "0.79995224784209693737",
              },
              {
                "name": "W[0][1][0]",
                "symbol": "W0_21",
                "value": "0.39994281452116424615",
              },
              {
                "name": "W[0][1][1]",
                "symbol": "W0_22",
                "value": "0.59985295162585091868",
              },
              {
                "name": "W[1][0][0]",
                "symbol": "W1_11",
                "value": "0.29944660055881802706",
              },
              {
                "name": "W[1][0][1]",
                "symbol": "W1_12",
                "value": "0.8994600513238620144",
              },
            ],
          },
        ],
        "updateOrder": "simultaneous",
        "version": 1,
      }
    `);
  });

  it("draws a progress bar on a terminal's stderr once a run lasts over a second", async () => {
    const { err } = await cli(["train", "--mode", "float64", "--epochs", "40"], { tty: true, tick: 50 });
    expect(err).toMatch(/\rtraining \[#+\.*\] \d+% \(\d+\/40\)/);
    expect(err.endsWith("\r\u001b[K")).toBe(true);
  });

  it("draws no progress bar when stderr is not a terminal", async () => {
    const { err } = await cli(["train", "--mode", "float64", "--epochs", "40"], { tick: 50 });
    expect(err).toBe("");
  });

  it.each([
    [["train", "--lr", "fast"], 'bpcheck: --lr: expected a decimal number such as "0.01", got "fast"\n'],
    [["train", "--lr", "1e31"], 'bpcheck: --lr: expected a decimal number such as "0.01", got "1e31"\n'],
    [
      ["train", "--update-order", "random"],
      'bpcheck: --update-order: unknown update order "random" (expected: simultaneous, sequential)\n',
    ],
    [
      ["train", "--epochs", "1000000", "--digits", "500"],
      "bpcheck: training 1000000 epochs in the exact mode at 500 digits would take about 7 min (limit 60 s): use --mode float64, fewer --epochs or fewer --digits, or raise --max-seconds\n",
    ],
  ])("%j exits 2 with one line", async (argv, message) => {
    const { code, err } = await cli(argv);
    expect([code, err]).toEqual([2, message]);
  });
});

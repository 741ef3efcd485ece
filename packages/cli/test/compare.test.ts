import { describe, expect, it } from "vitest";
import { milestones } from "../src/commands/compare.ts";
import { cli } from "./cli.ts";

describe("bpcheck compare", () => {
  it("shows every quantity in the three modes with ULPs and correct digits", async () => {
    const { code, out } = await cli(["compare", "--digits", "30"]);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines.slice(1, 7).concat(lines.slice(14, 20))).toMatchInlineSnapshot(`
      [
        "bp-worked-example-zh · the first training step in float32, float64, exact",
        "ulps: distance from the correctly rounded exact value; digits: correct significant digits;",
        "cert.: digits of the exact value certified by its proven error bound (ball arithmetic)",
        "",
        "quantity          symbol    exact (30 digits)                       cert.  float32          ulps  digits  float64                   ulps  digits",
        "W[0][0][0]        W0_11     0.1                                        30  0.1                 0       7  0.1                          0      16",
        "y[0]              y_true    0.5                                        30  0.5                 0     all  0.5                          0     all",
        "z[0][0]           h_1       0.755                                      30  0.755               0       8  0.7550000000000001           1      15",
        "z[0][1]           h_2       0.68                                       30  0.68                0       7  0.68                         0      16",
        "z[1][0]           Z_y       0.801444986673511939436964028924           30  0.80144495          1       7  0.801444986673512            1      15",
        "a[0][0]           Z_1       0.680267196698648451965157693185           30  0.6802672           0       7  0.6802671966986485           1      15",
        "a[0][1]           Z_2       0.66373869740435267094157413441            30  0.66373867          0       7  0.6637386974043528           1      15",
      ]
    `);
  });

  it("restricts the float columns with --mode", async () => {
    const { out } = await cli(["compare", "--digits", "20", "--mode", "float64"]);
    expect(out).not.toContain("float32");
    expect(out).toMatch(/^z\[0\]\[0\] +h_1 +0\.755 +20 +0\.7550000000000001 +1 +15$/m);
  });

  it("adds the error growth over training with --epochs", async () => {
    const { code, out } = await cli(["compare", "--digits", "20", "--epochs", "3"]);
    expect(code).toBe(0);
    // Certified digits, as `run` shows them (a plain 20-digit run ends epoch 2's loss in …642;
    // the exact value is 0.01808826851241571564348…).
    expect(out.slice(out.indexOf("Error growth"))).toMatchInlineSnapshot(`
      "Error growth over 3 epochs: the loss, and the parameter farthest from exact after each epoch

      epoch  loss (exact, certified digits)  float32: loss ulps  digits  worst parameter  ulps  float64: loss ulps  digits  worst parameter  ulps
          1  0.018103903836566779302                          1       6  W[0][0][0]          0                   3      15  W[0][0][1]          1
          2  0.018088268512415715643                          2       6  W[0][0][0]          1                   0      16  W[0][0][1]          1
          3  0.018072643079576997319                          1       7  W[0][0][0]          1                   2      15  W[0][0][1]          1
      "
    `);
  });

  it("gives the documented JSON document", async () => {
    const { out } = await cli(["compare", "--digits", "20", "--epochs", "2", "--json"]);
    const doc = JSON.parse(out);
    expect(Object.keys(doc)).toEqual(["command", "version", "case", "digits", "quantities", "training"]);
    expect(doc.quantities.find((q: { name: string }) => q.name === "loss")).toMatchInlineSnapshot(`
      {
        "certifiedDigits": 20,
        "errorBound": "2.1e-27",
        "exact": "0.018103903836566779302",
        "float32": {
          "digits": 6,
          "ulps": 1,
          "value": "0.018103901",
        },
        "float64": {
          "digits": 15,
          "ulps": 3,
          "value": "0.01810390383656677",
        },
        "name": "loss",
        "symbol": "L",
      }
    `);
    expect(doc.training[1]).toMatchInlineSnapshot(`
      {
        "epoch": 2,
        "loss": {
          "exact": "0.018088268512415715643",
          "float32": {
            "digits": 6,
            "ulps": 2,
            "value": "0.018088264",
          },
          "float64": {
            "digits": 16,
            "ulps": 0,
            "value": "0.018088268512415715",
          },
        },
        "worst": {
          "float32": {
            "digits": 7,
            "name": "W[0][0][0]",
            "ulps": 1,
          },
          "float64": {
            "digits": 15,
            "name": "W[0][0][1]",
            "ulps": 1,
          },
        },
      }
    `);
  });

  it("gives training null without --epochs", async () => {
    const { out } = await cli(["compare", "--digits", "20", "--json"]);
    expect(JSON.parse(out).training).toBeNull();
  });

  it.each([
    [["compare", "--digits", "1001"], 'bpcheck: --digits: expected an integer from 10 to 1000, got "1001"\n'],
    [["compare", "--epochs", "0"], 'bpcheck: --epochs: expected an integer from 1 to 1000000, got "0"\n'],
    [
      ["compare", "--mode", "float64,float64"],
      'bpcheck: --mode: expected distinct modes, got "float64,float64"\n',
    ],
    [
      ["compare", "--epochs", "1000000"],
      "bpcheck: comparing 1000000 epochs at 50 digits would take about 11 min (limit 60 s): use --mode float64, fewer --epochs or fewer --digits, or raise --max-seconds\n",
    ],
  ])("%j exits 2 with one line", async (argv, message) => {
    const { code, err } = await cli(argv);
    expect([code, err]).toEqual([2, message]);
  });
});

describe("milestones", () => {
  it.each([
    [1, [1]],
    [3, [1, 2, 3]],
    [10, [1, 2, 5, 10]],
    [200, [1, 2, 5, 10, 20, 50, 100, 200]],
    [1234, [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 1234]],
  ])("of %i epochs are %j", (n, expected) => {
    expect(milestones(n)).toEqual(expected);
  });
});

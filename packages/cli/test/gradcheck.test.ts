import { join } from "node:path";
import { FIXTURES_DIR, caseIds } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

describe("bpcheck gradcheck", () => {
  it("passes the seed example in float64 and exits 0", async () => {
    const { code, out } = await cli(["gradcheck", "--mode", "float64"]);
    expect(code).toBe(0);
    expect(out).toMatchInlineSnapshot(`
      "BP算法实例及代码实现 — a 2-2-1 sigmoid network, one step by hand
      bp-worked-example-zh · gradient check · float64 · tolerance 1e-7 (relative error)

      parameter   symbol  backprop               central difference     rel. error
      W[0][0][0]  W0_11   0.0009290711608096597  0.0009290711607395455  7.55e-11    ok
      W[0][0][1]  W0_12   0.002389040127796268   0.0023890401278584225  2.60e-11    ok
      W[0][1][0]  W0_21   0.002860075772445454   0.002860075772346514   3.46e-11    ok
      W[0][1][1]  W0_22   0.007354480557716883   0.007354480557865995   2.03e-11    ok
      W[1][0][0]  W1_11   0.027674034938717867   0.027674034938597252   4.36e-12    ok
      W[1][0][1]  W1_12   0.027001636991007414   0.0270016369909321     2.79e-12    ok

      All 6 gradients agree within 1e-7.
      "
    `);
  });

  it("exits 1 and marks the parameters beyond the tolerance", async () => {
    const { code, out } = await cli(["gradcheck", "--mode", "float32", "--tolerance", "1e-5"]);
    expect(code).toBe(1);
    expect(out.split("\n").slice(3)).toMatchInlineSnapshot(`
      [
        "parameter   symbol  backprop      central difference  rel. error",
        "W[0][0][0]  W0_11   0.0009290711  0.000928808         2.83e-4     ok ≈",
        "W[0][0][1]  W0_12   0.0023890398  0.0023882682        3.23e-4     FAIL",
        "W[0][1][0]  W0_21   0.0028600758  0.002860542         1.63e-4     FAIL",
        "W[0][1][1]  W0_22   0.00735448    0.0073539405        7.34e-5     FAIL",
        "W[1][0][0]  W1_11   0.027674034   0.02767397          2.29e-6     ok",
        "W[1][0][1]  W1_12   0.027001634   0.02700137          9.80e-6     ok",
        "",
        "3 of 6 gradients differ by more than 1e-5 and the central difference's resolution.",
        "",
      ]
    `);
  });

  it("colours the verdicts on a terminal unless NO_COLOR is set", async () => {
    const coloured = await cli(["gradcheck", "--mode", "float64"], { tty: true });
    expect(coloured.out).toContain("\u001b[32mok\u001b[0m");
    const plain = await cli(["gradcheck", "--mode", "float64"], { tty: true, env: { NO_COLOR: "1" } });
    expect(plain.out).not.toContain("\u001b[");
  });

  it("judges the exact mode exactly and reports JSON", async () => {
    const { code, out } = await cli(["gradcheck", "--digits", "30", "--json"]);
    expect(code).toBe(0);
    const doc = JSON.parse(out);
    expect({ ...doc, parameters: doc.parameters.slice(0, 1) }).toMatchInlineSnapshot(`
      {
        "case": "bp-worked-example-zh",
        "command": "gradcheck",
        "digits": 30,
        "mode": "exact",
        "parameters": [
          {
            "backprop": "0.00092907116080966010240704169086",
            "name": "W[0][0][0]",
            "numeric": "0.000929071160809660102406833333333",
            "ok": true,
            "relativeError": "2.24264336026125398970343778908e-22",
            "resolution": "3.62078076731335586049951574828e-26",
            "symbol": "W0_11",
            "withinResolutionOnly": false,
          },
        ],
        "passed": true,
        "tolerance": "1e-15",
        "version": 1,
      }
    `);
  });

  it("exits 1 in JSON too when a check fails", async () => {
    const { code, out } = await cli(["gradcheck", "--mode", "float32", "--tolerance", "1e-9", "--json"]);
    expect([code, JSON.parse(out).passed]).toEqual([1, false]);
  });

  it("accepts a gradient that is zero to working precision: the shared softmax bias's Σ(ŷ − y)", async () => {
    const file = join(FIXTURES_DIR, "softmax-sigmoid-hidden", "case.json");
    const { code, out } = await cli(["gradcheck", file, "--mode", "float64", "--json"]);
    expect(code).toBe(0);
    const bias = JSON.parse(out).parameters.find((p: { name: string }) => p.name === "b[1]");
    // backprop keeps a rounding residue of a few ε where the difference gives 0: relative error 1.
    expect(Math.abs(Number(bias.backprop))).toBeGreaterThan(0);
    expect(Math.abs(Number(bias.backprop))).toBeLessThan(1e-15);
    expect(bias).toMatchObject({ numeric: "0", relativeError: "1", ok: true, withinResolutionOnly: true });
    expect(Number(bias.resolution)).toBeLessThan(1e-10);
  });

  it.each(caseIds().flatMap((id) => [[id, "float32"] as const, [id, "float64"] as const]))(
    "passes the fixture case %s in %s",
    async (id, mode) => {
      const { code, out } = await cli(["gradcheck", join(FIXTURES_DIR, id, "case.json"), "--mode", mode]);
      expect(code, out).toBe(0);
    },
  );
});

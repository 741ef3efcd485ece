import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadCaseFile, placementsOf } from "@bpcheck/golden";
import { cli } from "./cli.ts";

const examples = fileURLToPath(new URL("../../../docs/examples/", import.meta.url));
const hmkcode = `${examples}hmkcode-2018.yaml`;
const seedYaml = `${examples}bp-worked-example-zh.yaml`;
const lines = (file: string) => readFileSync(file, "utf8").split("\n").length - 1;

describe("the README's YAML examples", () => {
  it("hmkcode: 28 printed numbers in 43 lines, each placed by its value", () => {
    expect(lines(hmkcode)).toBe(43);
    const c = loadCaseFile(hmkcode);
    expect(c.published).toHaveLength(28);
    expect(placementsOf(c)!.every((p) => p.by === "value")).toBe(true);
    const at = (line: number) => c.published.filter((p) => p.location.line === line).map((p) => p.quantity);
    // The second forward pass, and its detail box, which still shows the first pass's hidden sums.
    expect(at(24)).toEqual(["z[0][0]@after[1]", "z[0][1]@after[1]", "a[1][0]@after[1]"]);
    expect(at(25)).toEqual(["z[0][0]", "z[0][1]", "a[1][0]@after[1]"]);
    // *w1, *w3, *w2, *w4, loaded as [l][unit][input]: w3 joins i1 to h2, w2 i2 to h1.
    // The subtracted steps α·∂E/∂W first, then *w1, *w3, *w2, *w4, loaded as [l][unit][input]:
    // w3 joins i1 to h2, w2 i2 to h1.
    expect(at(21).slice(0, 2)).toEqual(["lrdW[1][0][0]", "lrdW[1][0][1]"]);
    expect(at(22)).toEqual([
      "lrdW[0][0][0]",
      "lrdW[0][1][0]",
      "lrdW[0][0][1]",
      "lrdW[0][1][1]",
      "W'[0][0][0]",
      "W'[0][1][0]",
      "W'[0][0][1]",
      "W'[0][1][1]",
    ]);
  });

  it("hmkcode runs and every number is judged", async () => {
    expect((await cli(["run", hmkcode, "--as-printed"])).code).toBe(0);
    const { code, out } = await cli(["errata", hmkcode]);
    expect(code).toBe(0);
    expect(out).toContain(
      "hmkcode-2018 · 28 published numbers: 28 ok, 0 convention, 0 rounding-drift, 0 erratum, 0 unexplained",
    );
    expect(out).toContain("  line 25  h_1 .85 → z[0][0]\n");
  });

  it("the seed rewritten in YAML has the JSON seed's numbers and verdicts", async () => {
    expect(lines(seedYaml)).toBe(60);
    const json = loadCaseFile();
    const yaml = loadCaseFile(seedYaml);
    expect(yaml.published.map((p) => [p.quantity, p.printed, p.location.line])).toEqual(
      json.published.map((p) => [p.quantity, p.printed, p.location.line]),
    );
    expect(yaml.network).toEqual(json.network);
    const { out } = await cli(["errata", seedYaml]);
    expect(out).toContain(
      "22 published numbers: 10 ok, 0 convention, 4 rounding-drift, 6 erratum, 2 unexplained",
    );
  });
});

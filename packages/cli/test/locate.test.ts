import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_CASE_PATH, formatCaseText, loadCaseFile } from "@bpcheck/golden";
import { cli } from "./cli.ts";
import { tempDir } from "./temp-case.ts";

/** The seed as a version-2 case, where a published number may leave its quantity out. */
const seed = { ...JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8")), version: 2 };

/** The seed case with the quantity of its first `n` published numbers left out, written as `name`. */
function unplaced(name: string, n: number, format: "json" | "yaml" = "yaml"): string {
  const c = structuredClone(seed);
  c.published = c.published.map((p: Record<string, unknown>, k: number) => {
    if (k >= n) return p;
    const { quantity: _, ...rest } = p;
    return rest;
  });
  const file = join(tempDir(), name);
  const comment = format === "yaml" ? "# the seed, its quantities to place\n" : "";
  writeFileSync(file, `${comment}${formatCaseText(c, format)}`);
  return file;
}

describe("bpcheck locate", () => {
  it("places numbers given by symbol and value, and says how", async () => {
    const file = unplaced("c.yaml", 3);
    const { code, out } = await cli(["locate", file]);
    expect(code).toBe(0);
    expect(out).toContain(
      "  32  h_1     0.755    z[0][0]   by value, the only match (the same at later steps)\n",
    );
    expect(out).toContain(
      "  33  Z_1     0.680    a[0][0]   by value, the only match (the same at later steps)\n",
    );
    expect(out).toContain(`3 numbers placed; --write puts the quantities into ${file}.`);
  });

  it("--write puts the quantities into the YAML file after each symbol, keeping its comments", async () => {
    const file = unplaced("c.yaml", 2);
    const { code, files } = await cli(["locate", file, "--write"]);
    expect(code).toBe(0);
    const text = files.get(file)!;
    expect(text.startsWith("# the seed, its quantities to place\n")).toBe(true);
    expect(text).toContain("    symbol: h_1\n    quantity: z[0][0]\n    printed: 0.755\n");
    writeFileSync(file, text);
    expect(loadCaseFile(file).published).toEqual(loadCaseFile().published);
    expect((await cli(["locate", file])).out).toBe(
      `${file}: every published number has its quantity; nothing to place.\n`,
    );
  });

  it("--write rewrites a JSON file the same way", async () => {
    const file = unplaced("c.json", 1, "json");
    const { files } = await cli(["locate", file, "--write", "--json"]);
    const entry = JSON.parse(files.get(file)!).published[0];
    expect(Object.keys(entry)).toEqual(["id", "symbol", "quantity", "printed", "location"]);
    expect(entry.quantity).toBe("z[0][0]");
  });

  it("--json lists each placement with its candidates", async () => {
    const c = structuredClone(seed);
    c.published = [{ ...c.published[0], symbol: "q", printed: "0.9", quantity: undefined }];
    const file = join(tempDir(), "c.json");
    writeFileSync(file, JSON.stringify(c));
    const { code, out } = await cli(["locate", file, "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(out).placements).toEqual([
      {
        index: 0,
        id: "s2-h-1",
        symbol: "q",
        printed: "0.9",
        quantity: "W'[1][0][1]",
        by: "value",
        candidates: expect.arrayContaining(["W[1][0][1]", "x[1]", "W'[1][0][1]", "W'[1][0][1]@epoch[1]"]),
      },
    ]);
    const text = (await cli(["locate", file])).out;
    expect(text).toMatch(/by value; \d+ candidates: W'\[1\]\[0\]\[1\], /);
  });

  it("leaves a wrong number at the quantity its symbol names, for the verdict", async () => {
    const file = unplaced("c.yaml", 1);
    writeFileSync(file, readFileSync(file, "utf8").replace("printed: 0.755", "printed: 0.757"));
    const { code, out } = await cli(["locate", file]);
    expect(code).toBe(0);
    expect(out).toContain(
      "  32  h_1     0.757    z[0][0]   named by its symbol; no quantity it names has this value\n",
    );
  });

  it("refuses a number no quantity has and no symbol names, in one line with its line and column, exit 2", async () => {
    const file = unplaced("c.yaml", 1);
    writeFileSync(
      file,
      readFileSync(file, "utf8")
        .replace("printed: 0.755", "printed: 0.757")
        .replace("symbol: h_1", "symbol: q"),
    );
    const { code, err } = await cli(["locate", file]);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^bpcheck: .*c\.yaml:\d+:14: \$\.published\[0\]\.printed: expected a number that a quantity of the case rounds to, or a "quantity": no quantity has the value 0\.757 at its digits and "q" names none\n$/,
    );
  });

  it.each([[[]], [["-"]], [["a.yaml", "b.yaml"]]])("refuses %j", async (args) => {
    const { code, err } = await cli(["locate", ...args]);
    expect([code, err]).toEqual([
      2,
      "bpcheck: arguments: expected one case file (locate reads and may rewrite it)\n",
    ]);
  });
});

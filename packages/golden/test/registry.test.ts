import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CAUSE_REGISTRY, CAUSES, FIXTURES_DIR, VERDICT_REGISTRY, VERDICTS } from "../src/index.ts";

const schema = (name: string) =>
  JSON.parse(readFileSync(`${FIXTURES_DIR}schema/${name}.schema.json`, "utf8")) as {
    $defs: Record<string, { enum: unknown[] }>;
  };
const readme = readFileSync(`${FIXTURES_DIR}../README.md`, "utf8");

/** The rows of the README table whose header row starts with `header`. */
function readmeTable(header: string): string[][] {
  const lines = readme.split("\n");
  const start = lines.findIndex((l) => l.startsWith(header));
  expect(start).toBeGreaterThan(0);
  const rows: string[][] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith("|")) break;
    rows.push(
      l
        .slice(1, -1)
        .split(" | ")
        .map((c) => c.trim()),
    );
  }
  return rows;
}

describe("the cause and verdict registries are the one source of their lists", () => {
  it.each(["verdicts", "errata"])(
    "%s.schema.json enumerates exactly the registry's causes and verdicts",
    (name) => {
      const defs = schema(name).$defs;
      expect(defs.cause!.enum).toEqual([null, ...CAUSES]);
      expect((defs.verdictKind ?? defs.verdict)!.enum).toEqual([...VERDICTS]);
    },
  );

  it("the README's table of causes is the registry, row for row", () => {
    expect(readmeTable("| cause ")).toEqual(
      CAUSE_REGISTRY.map((c) => [`\`${c.id}\``, c.verdict, c.conventional ? "yes" : "no", c.meaning]),
    );
  });

  it("the README's table of verdicts is the registry, row for row", () => {
    expect(readmeTable("| verdict ")).toEqual(VERDICT_REGISTRY.map((v) => [`\`${v.id}\``, v.meaning]));
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  DEFAULT_CASE_PATH,
  FIXTURES_DIR,
  caseGenerators,
  canonicalJson,
  checkFixtures,
  firstDifference,
  regenerate,
  undescribedFields,
  validateAll,
  validateAgainst,
  validateFixture,
  InputError,
  SCHEMAS,
} from "../src/index.ts";

const temps: string[] = [];
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A private copy of fixtures/ (tests never write into the real one). */
function copyOfFixtures(): string {
  const dir = mkdtempSync(join(tmpdir(), "bpcheck-fixtures-"));
  temps.push(dir);
  cpSync(FIXTURES_DIR, dir, { recursive: true });
  return dir;
}

const SEED_GOLDEN = "bp-worked-example-zh/golden.json";

describe("canonical JSON", () => {
  it("is 2-space indented with a trailing newline, keys in insertion order", () => {
    expect(canonicalJson({ b: 1, a: ["x"] })).toBe('{\n  "b": 1,\n  "a": [\n    "x"\n  ]\n}\n');
  });

  it.each([
    [{ a: 1 }, { a: 1 }, null],
    [{ a: { b: [1, 2] } }, { a: { b: [1, 3] } }, "$.a.b[1]"],
    [{ a: 1 }, { a: 1, c: 2 }, "$.c"],
    [{ "W'": "1" }, { "W'": "2" }, `$["W'"]`],
    [{ a: 1, b: 2 }, { b: 2, a: 1 }, "$ (key order)"],
    [[1], "x", "$"],
  ])("the first difference of %j and %j is at %s", (a, b, path) => {
    expect(firstDifference(a, b)).toBe(path);
  });
});

describe("the committed fixtures", () => {
  // Regenerates the golden values of every case (ten of them, each certified by a rerun
  // at twice the digits): tens of seconds, more on a busy machine.
  it("are up to date and valid", () => {
    expect(checkFixtures(caseGenerators())).toEqual([]);
  }, 300_000);
});

describe("fixtures:check on a tampered copy", () => {
  it("names the file and field of a golden value changed in one digit", () => {
    const dir = copyOfFixtures();
    const path = join(dir, SEED_GOLDEN);
    const text = readFileSync(path, "utf8");
    writeFileSync(
      path,
      text.replace(
        '"exact": "0.8014449866735119394369640289243003990386"',
        '"exact": "0.8014449866735119394369640289243003990387"',
      ),
    );
    expect(checkFixtures(caseGenerators(dir), dir)).toEqual([
      {
        file: SEED_GOLDEN,
        message:
          "stale at $.groups[0].quantities[11].exact: differs from a fresh regeneration (run `pnpm fixtures:regen`)",
      },
    ]);
  });

  it("names the JSON path of a schema-invalid fixture", () => {
    const dir = copyOfFixtures();
    const path = join(dir, "bp-worked-example-zh/case.json");
    const c = JSON.parse(readFileSync(path, "utf8"));
    c.published[3].printed = "0.66x";
    writeFileSync(path, JSON.stringify(c));
    const problems = checkFixtures([], dir);
    expect(problems).toEqual([
      {
        file: "bp-worked-example-zh/case.json",
        message: '$.published[3].printed: expected a decimal string such as "0.35", got "0.66x"',
      },
    ]);
  });

  it("reports a missing generated file", () => {
    const dir = copyOfFixtures();
    rmSync(join(dir, SEED_GOLDEN));
    expect(checkFixtures(caseGenerators(dir), dir)).toEqual([
      { file: SEED_GOLDEN, message: "missing: run `pnpm fixtures:regen`" },
    ]);
  });

  it("regen restores a tampered file, then has nothing to do", () => {
    const dir = copyOfFixtures();
    const path = join(dir, SEED_GOLDEN);
    const original = readFileSync(path, "utf8");
    writeFileSync(path, original.replace('"certifiedDigits": 60', '"certifiedDigits": 61'));
    expect(regenerate(caseGenerators(dir), dir)).toEqual([SEED_GOLDEN]);
    expect(readFileSync(path, "utf8")).toBe(original);
    expect(regenerate(caseGenerators(dir), dir)).toEqual([]);
  });
});

describe("fixture formats", () => {
  it.each([
    ['{"schema": "bpcheck-nothing"}', '$.schema: unknown fixture format "bpcheck-nothing"'],
    ['{"version": 1}', '$.schema: expected the name of a fixture format such as "bpcheck-case"'],
    ['{"schema": "bpcheck-golden", "version": 1}', '$: missing property "case"'],
  ])("%s is refused: %s", (text, message) => {
    expect(() => validateFixture("f.json", text)).toThrow(InputError);
    expect(() => validateFixture("f.json", text)).toThrow(`f.json: ${message}`);
  });

  it("validateAll lists every violation, each with the message validateAgainst gives for it alone", () => {
    const seedDocument = () => JSON.parse(readFileSync(DEFAULT_CASE_PATH, "utf8")) as Record<string, unknown>;
    const broken = seedDocument();
    broken["version"] = 3;
    delete broken["title"];
    const all = validateAll("case", "c.json", broken);
    expect(all).toEqual([
      { path: "$", message: 'missing property "title"' },
      { path: "$.version", message: "expected 2, got 3" },
    ]);
    expect(() => validateAgainst("case", "c.json", broken)).toThrow(
      `c.json: ${all[0]!.path}: ${all[0]!.message}`,
    );
    expect(validateAll("case", "c.json", seedDocument())).toEqual([]);
  });

  it.each(["nothing", "../case"])("validateAll refuses the unknown format %j", (name) => {
    expect(() => validateAll(name, "f.json", {})).toThrow(
      `f.json: $.schema: unknown fixture format "bpcheck-${name}"`,
    );
  });

  it("a schema field without a description is found", () => {
    const schema = {
      properties: { a: { type: "string" }, b: { $ref: "#/$defs/x" }, c: { description: "c" } },
    };
    expect(undescribedFields(schema)).toEqual(["#/properties/a"]);
  });
});

describe("the schemas share their common definitions", () => {
  const common = (SCHEMAS.common as { $defs: Record<string, { pattern?: string }> }).$defs;
  const sharedPatterns = new Set(Object.values(common).flatMap((d) => (d.pattern ? [d.pattern] : [])));
  /** Every (path, value) of a schema's JSON. */
  const walk = (node: unknown, path: string, out: [string, unknown][] = []): [string, unknown][] => {
    out.push([path, node]);
    if (node !== null && typeof node === "object") {
      for (const [k, v] of Object.entries(node)) walk(v, `${path}/${k}`, out);
    }
    return out;
  };

  // case-v1 is the frozen first format; a case's shared bias keeps the decimal pattern beside
  // its own x-expected message, which names what a shared bias is.
  const kept = new Set(["case:/$defs/layer/properties/biases/properties/shared/pattern"]);
  it.each(Object.keys(SCHEMAS).filter((name) => name !== "common" && name !== "case-v1"))(
    "%s references common.schema.json instead of copying a definition",
    (name) => {
      const schema = SCHEMAS[name] as { $defs?: Record<string, unknown> };
      const copiedNames = Object.keys(schema.$defs ?? {}).filter((k) => k in common);
      const copiedPatterns = walk(schema, "")
        .filter(([path, v]) => path.endsWith("/pattern") && sharedPatterns.has(v as string))
        .map(([path]) => path)
        .filter((path) => !kept.has(`${name}:${path}`));
      expect({ copiedNames, copiedPatterns }).toEqual({ copiedNames: [], copiedPatterns: [] });
    },
  );
});

import { existsSync, readdirSync } from "node:fs";
import { writeFileAtomic } from "./atomic-write.ts";
import { readInputFile } from "./json-text.ts";
import { join } from "node:path";
import { checkBudget, costSeconds } from "@bpcheck/exact";
import { loadCaseFile, type CaseFile } from "./case-file.ts";
import { canonicalJson, firstDifference } from "./canonical-json.ts";
import { WORKING_DIGITS, goldenValues } from "./golden-values.ts";
import { InputError } from "./input-error.ts";
import { COMMON_SCHEMA, FIXTURES_DIR, SCHEMAS } from "./embedded-fixtures.ts";
import { parseJson, schemaNameFor, schemaValidator, validateAgainst } from "./schema.ts";

/** A generated fixture file: its path under fixtures/ and a pure function giving its JSON value. */
export interface FixtureGenerator {
  readonly file: string;
  readonly generate: () => unknown;
}

/** Folders of fixtures/ that are not cases: schemas, and the adversarial corpus of bad inputs. */
const NOT_CASES = new Set(["schema", "bad"]);

/** The id of every case: each folder of fixtures/ holding a case.json. */
export function caseIds(dir: string = FIXTURES_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_CASES.has(d.name) && existsSync(join(dir, d.name, "case.json")))
    .map((d) => d.name)
    .sort();
}

/** The generators owned by this package, for every case: its golden values. */
export function caseGenerators(dir: string = FIXTURES_DIR): FixtureGenerator[] {
  return caseIds(dir).map((id) => ({
    file: `${id}/golden.json`,
    generate: () => {
      const file = join(dir, id, "case.json");
      const c = loadCaseFile(file);
      checkGoldenBudget(file, c);
      return goldenValues(c);
    },
  }));
}

/**
 * Golden values train the case once at 60 digits in ball arithmetic: a case whose training
 * would exceed the budget is refused (naming its file) before any fixture is computed.
 */
function checkGoldenBudget(file: string, c: CaseFile): void {
  const passes = c.training.epochs * c.data.length;
  const seconds = costSeconds(c, [{ mode: "exact", digits: WORKING_DIGITS, passes: passes + 1 }]);
  checkBudget(
    `${file}: its golden values (${c.training.epochs} epochs at ${WORKING_DIGITS} digits)`,
    seconds,
    "train fewer epochs in the case",
  );
}

/**
 * Rewrites every generated fixture. All values are generated before anything is
 * written, and each file is replaced atomically, so a failure leaves no half-written
 * fixture behind. Returns the files whose content changed.
 */
export function regenerate(generators: readonly FixtureGenerator[], dir: string = FIXTURES_DIR): string[] {
  const fresh = generators.map((g) => ({ file: g.file, text: canonicalJson(g.generate()) }));
  const stale = fresh.filter(({ file, text }) => committedText(join(dir, file)) !== text);
  for (const { file, text } of stale) {
    const path = join(dir, file);
    try {
      writeFileAtomic(path, text);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      throw new InputError(path, "$", `expected a writable fixture file (${code})`);
    }
  }
  return stale.map((s) => s.file);
}

/** A committed fixture's text, or null when there is none; a folder or unreadable file in its place is an InputError. */
function committedText(path: string): string | null {
  return existsSync(path) ? readInputFile(path, "a readable fixture file") : null;
}

/** One thing wrong with the committed fixtures, as one line. */
export interface FixtureProblem {
  readonly file: string;
  readonly message: string;
}

/**
 * Checks the committed fixtures without writing anything: every generated file equals a
 * fresh regeneration byte for byte (naming the first field that differs), every fixture
 * file validates against the schema it names, and every schema describes each field.
 */
export function checkFixtures(
  generators: readonly FixtureGenerator[],
  dir: string = FIXTURES_DIR,
): FixtureProblem[] {
  const problems: FixtureProblem[] = [];
  for (const g of generators) {
    const path = join(dir, g.file);
    const fresh = canonicalJson(g.generate());
    const committed = committedText(path);
    if (committed === null) {
      problems.push({ file: g.file, message: "missing: run `pnpm fixtures:regen`" });
      continue;
    }
    if (committed !== fresh) {
      const at = firstDifference(safeParse(committed), JSON.parse(fresh)) ?? "$ (formatting)";
      problems.push({
        file: g.file,
        message: `stale at ${at}: differs from a fresh regeneration (run \`pnpm fixtures:regen\`)`,
      });
    }
  }
  for (const file of fixtureFiles(dir)) {
    try {
      validateFixture(join(dir, file), readInputFile(join(dir, file), "a readable fixture file"));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push({ file, message: `${e.path}: ${e.expected}` });
    }
  }
  for (const file of readdirSync(join(dir, "schema"))
    .filter((f) => f.endsWith(".schema.json"))
    .sort()) {
    const path = join(dir, "schema", file);
    const schema = parseJson(path, readInputFile(path, "a readable schema"));
    for (const path of undescribedFields(schema)) {
      problems.push({ file: `schema/${file}`, message: `${path}: a field without a description` });
    }
  }
  return problems;
}

/**
 * Validates a fixture file against the schema its `schema` field names
 * (`bpcheck-<name>` → `fixtures/schema/<name>.schema.json`).
 */
export function validateFixture(file: string, text: string): unknown {
  const value = parseJson(file, text);
  const name = (value as { schema?: unknown } | null)?.schema;
  if (typeof name !== "string" || !/^bpcheck-[a-z-]+$/.test(name)) {
    throw new InputError(file, "$.schema", 'expected the name of a fixture format such as "bpcheck-case"');
  }
  const schema = schemaNameFor(name.slice("bpcheck-".length), value);
  if (schema === COMMON_SCHEMA || !Object.hasOwn(SCHEMAS, schema)) {
    throw new InputError(file, "$.schema", `unknown fixture format "${name}"`);
  }
  schemaValidator(schema);
  return validateAgainst(schema, file, value);
}

/**
 * Every JSON fixture that must validate: the files of the case folders and the index of
 * the adversarial corpus (whose other files are broken on purpose).
 */
function fixtureFiles(dir: string): string[] {
  const corpus = existsSync(join(dir, "bad", "index.json")) ? ["bad/index.json"] : [];
  return corpus.concat(
    ...caseIds(dir).map((id) =>
      readdirSync(join(dir, id))
        .filter((f) => f.endsWith(".json"))
        .sort()
        .map((f) => `${id}/${f}`),
    ),
  );
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** JSON pointers of the properties in a schema that carry neither a description nor a $ref. */
export function undescribedFields(schema: unknown, path = "#"): string[] {
  if (typeof schema !== "object" || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const out: string[] = [];
  const properties = node["properties"];
  if (typeof properties === "object" && properties !== null) {
    for (const [key, sub] of Object.entries(properties as Record<string, unknown>)) {
      const s = sub as Record<string, unknown>;
      if (typeof s["description"] !== "string" && typeof s["$ref"] !== "string") {
        out.push(`${path}/properties/${key}`);
      }
    }
  }
  for (const [key, sub] of Object.entries(node)) {
    if (typeof sub === "object" && sub !== null) {
      for (const field of undescribedFields(sub, `${path}/${key}`)) out.push(field);
    }
  }
  return out;
}

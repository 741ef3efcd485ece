/**
 * The systematic bad-input corpus: for every field of every fixture schema
 * (fixtures/schema/*.schema.json, walked through properties, items, additionalProperties,
 * anyOf and $defs references, into common.schema.json too), the mutations that schema must
 * refuse — missing (a required field), wrong type, out of range, wrong shape, non-finite,
 * huge, deeply nested, typographic characters, control characters — each applied to a
 * valid fixture of that schema, with its metadata: the field's JSON path, the original
 * value, the mutation and the message fragment a refusal must contain.
 *
 * Generated, not committed: packages/cli/test/bad-input.test.ts runs the CLI on every
 * entry (`pnpm verify` runs it). To look at the files themselves:
 *
 *   pnpm bad-input DIR    one file per mutation under DIR/<schema>/, and DIR/index.json
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "..", "fixtures");

/** Each schema with the valid fixture its mutations start from. common.schema.json has only definitions. */
export const SOURCES = [
  { schema: "case", fixture: "hmkcode-2018/case.json" },
  { schema: "case-v1", fixture: "bp-worked-example-zh/case.json" },
  { schema: "errata", fixture: "bp-worked-example-zh/errata.json" },
  { schema: "program-output", fixture: "bp-worked-example-zh/program-output.json" },
  { schema: "golden", fixture: "bp-worked-example-zh/golden.json" },
  { schema: "verdicts", fixture: "bp-worked-example-zh/verdicts.json" },
  { schema: "trajectories", fixture: "bp-worked-example-zh/trajectories.json" },
  { schema: "replay", fixture: "bp-worked-example-zh/replay.json" },
  { schema: "corpus", fixture: "bad/index.json" },
] as const;

export const MUTATIONS = [
  "missing",
  "wrong-type",
  "out-of-range",
  "wrong-shape",
  "non-finite",
  "huge",
  "deeply-nested",
  "typographic",
  "control-character",
] as const;
export type Mutation = (typeof MUTATIONS)[number];

export interface BadInput {
  /** `<schema>/<n>-<mutation>.json`. */
  readonly name: string;
  readonly schema: string;
  /** The valid fixture mutated (under fixtures/). */
  readonly fixture: string;
  /** JSONPath of the mutated field. */
  readonly path: string;
  /** The field's original value, as JSON (cut at 60 characters). */
  readonly original: string;
  readonly mutation: Mutation;
  /** What the one-line refusal must contain: the field's path (for a missing field, its object's and its name). */
  readonly expected: string;
  /** The mutated file. */
  readonly text: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { readonly [keyword: string]: unknown };

/** Fields of a schema at most this often per mutation kind, sampled evenly (the corpus runs in seconds). */
const FIELDS_PER_SCHEMA = 24;

const schemaCache = new Map<string, Schema>();
function schemaFile(file: string): Schema {
  let s = schemaCache.get(file);
  if (s === undefined) {
    s = JSON.parse(readFileSync(join(FIXTURES, "schema", file), "utf8")) as Schema;
    schemaCache.set(file, s);
  }
  return s;
}

/** A schema node with its `$ref`s followed, and the file later relative references resolve in. */
function resolve(file: string, node: Schema): { file: string; node: Schema } {
  let seen = 0;
  while (typeof node.$ref === "string" && seen++ < 16) {
    const [target, pointer = ""] = node.$ref.split("#");
    const nextFile = target === "" || target === undefined ? file : target;
    let n: unknown = schemaFile(nextFile);
    for (const part of pointer.split("/").filter(Boolean)) n = (n as Record<string, unknown>)[part];
    // A description or x-expected beside the $ref stays with the field; the target gives the rest.
    node = { ...(n as Schema), ...Object.fromEntries(Object.entries(node).filter(([k]) => k !== "$ref")) };
    file = nextFile;
  }
  return { file, node };
}

function jsonType(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** The JSON types a schema node admits, or null when it does not say. */
function allowedTypes(file: string, node: Schema): Set<string> | null {
  const { file: f, node: n } = resolve(file, node);
  const out = new Set<string>();
  if (typeof n.type === "string") out.add(n.type);
  if (Array.isArray(n.type)) for (const t of n.type) out.add(String(t));
  if (Array.isArray(n.enum)) for (const v of n.enum) out.add(jsonType(v as Json));
  if ("const" in n) out.add(jsonType(n.const as Json));
  for (const branch of [...((n.anyOf as Schema[]) ?? []), ...((n.oneOf as Schema[]) ?? [])]) {
    const t = allowedTypes(f, branch);
    if (t === null) return null;
    for (const x of t) out.add(x);
  }
  if (out.has("number")) out.add("integer");
  return out.size === 0 ? null : out;
}

/** `$.key`, or `$["odd-key"]` for a key that is not an identifier (as the refusals write it). */
function member(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

interface Field {
  readonly path: string;
  readonly at: readonly (string | number)[];
  readonly value: Json;
  readonly file: string;
  readonly node: Schema;
  /** Set when the field is required in its object. */
  readonly required: { readonly parent: string; readonly key: string } | null;
  /**
   * Where a refusal names it: its own path, or inside an anyOf the path of the anyOf's
   * field (a value no branch takes is reported there).
   */
  readonly reportedAt: string;
}

/** Every field of `value` the schema describes, depth first; of an array, its first element. */
function fieldsOf(
  file: string,
  given: Schema,
  value: Json,
  path: string,
  at: (string | number)[],
  required: Field["required"],
  reportedAt: string | null,
  out: Field[],
): void {
  const { file: f, node } = resolve(file, given);
  if (at.length > 0) out.push({ path, at, value, file: f, node, required, reportedAt: reportedAt ?? path });
  // anyOf: the walk goes on in the first branch that admits the value's type.
  const branch = ((node.anyOf as Schema[]) ?? []).find((b) => allowedTypes(f, b)?.has(jsonType(value)));
  if (branch !== undefined) {
    const r = resolve(f, branch);
    walkInto(r.file, r.node, value, path, at, reportedAt ?? path, out);
  }
  walkInto(f, node, value, path, at, reportedAt, out);
}

function walkInto(
  f: string,
  node: Schema,
  value: Json,
  path: string,
  at: (string | number)[],
  reportedAt: string | null,
  out: Field[],
): void {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const properties = (node.properties ?? {}) as Record<string, Schema>;
    const requiredKeys = new Set((node.required as string[] | undefined) ?? []);
    for (const [key, sub] of Object.entries(properties)) {
      if (!(key in value)) continue;
      const req = requiredKeys.has(key) ? { parent: path, key } : null;
      fieldsOf(f, sub, value[key]!, member(path, key), [...at, key], req, reportedAt, out);
    }
    const extra = node.additionalProperties;
    if (typeof extra === "object" && extra !== null) {
      const key = Object.keys(value).find((k) => !(k in properties));
      if (key !== undefined) {
        fieldsOf(f, extra as Schema, value[key]!, member(path, key), [...at, key], null, reportedAt, out);
      }
    }
  } else if (Array.isArray(value) && value.length > 0 && typeof node.items === "object") {
    fieldsOf(f, node.items as Schema, value[0]!, `${path}[0]`, [...at, 0], null, reportedAt, out);
  }
}

/** A string field whose schema constrains it (a pattern, enum, const or length): mutating its text breaks it. */
function constrainedString(node: Schema): boolean {
  return (
    typeof node.pattern === "string" ||
    Array.isArray(node.enum) ||
    "const" in node ||
    typeof node.maxLength === "number"
  );
}

const WRONG_TYPES: readonly Json[] = [12345, "wrong", true, null, [], {}];
const NESTING = 100;

/** The mutated value, unless it is a string the field's own pattern takes (then it is no bad input). */
function mutate(field: Field, mutation: Mutation): { value: Json | undefined; raw?: string } | null {
  const m = mutated(field, mutation);
  const pattern = field.node.pattern;
  if (
    m !== null &&
    typeof m.value === "string" &&
    typeof pattern === "string" &&
    new RegExp(pattern, "u").test(m.value)
  ) {
    return null;
  }
  return m;
}

/** The mutated value (or undefined to delete the field), or null when the mutation does not apply. */
function mutated(field: Field, mutation: Mutation): { value: Json | undefined; raw?: string } | null {
  const { node, value } = field;
  const types = allowedTypes(field.file, node);
  const isString = typeof value === "string";
  const isNumber = typeof value === "number";
  switch (mutation) {
    case "missing":
      return field.required === null ? null : { value: undefined };
    case "wrong-type": {
      if (types === null) return null;
      const other = WRONG_TYPES.find(
        (v) => !types.has(jsonType(v)) && !(jsonType(v) === "integer" && types.has("number")),
      );
      return other === undefined ? null : { value: other };
    }
    case "out-of-range":
      if (typeof node.minimum === "number") return { value: node.minimum - 1 };
      if (typeof node.maximum === "number") return { value: node.maximum + 1 };
      if (Array.isArray(node.enum) && node.enum.every((v) => typeof v === "string"))
        return { value: "no-such-value" };
      if (isString && typeof node.maxLength === "number") return { value: "x".repeat(node.maxLength + 1) };
      if (isString && typeof node.minLength === "number" && node.minLength > 0) return { value: "" };
      return null;
    case "wrong-shape":
      if (Array.isArray(value)) {
        const items = typeof node.items === "object" ? allowedTypes(field.file, node.items as Schema) : null;
        if (value.length > 0 && items !== null && !items.has("array")) return { value: [[value[0]!]] };
        if (typeof node.minItems === "number" && node.minItems > 0) return { value: [] };
        return null;
      }
      if (value !== null && typeof value === "object" && node.additionalProperties === false) {
        return { value: { ...value, unexpectedField: 1 } };
      }
      return null;
    case "non-finite":
      // JSON has no Infinity: 1e999 is the text that reads as one.
      if (isNumber) return { value: 0, raw: "1e999" };
      if (isString && typeof node.pattern === "string") return { value: "Infinity" };
      return null;
    case "huge":
      return isString && constrainedString(node) ? { value: "~".repeat(100_000) } : null;
    case "deeply-nested":
      return { value: 0, raw: `${"[".repeat(NESTING)}${"]".repeat(NESTING)}` };
    case "typographic":
      if (!isString || !constrainedString(node)) return null;
      // A typographic minus where the pattern takes only "-", curly quotes where it takes "−" too.
      return {
        value: String(node.pattern ?? "").includes("\u2212") ? `\u201c${value}\u201d` : `\u2212${value}`,
      };
    case "control-character":
      return isString && constrainedString(node) ? { value: `\u001b[2J${value}` } : null;
  }
}

const PLACEHOLDER = "\u0000bad-input\u0000";

/** The document with the field at `at` replaced (or deleted), as JSON text with `raw` spliced in verbatim. */
function applied(doc: Json, at: readonly (string | number)[], value: Json | undefined, raw?: string): string {
  const copy = structuredClone(doc);
  let parent: Json = copy;
  for (const key of at.slice(0, -1)) parent = (parent as Record<string | number, Json>)[key]!;
  const last = at[at.length - 1]!;
  if (value === undefined) delete (parent as Record<string | number, Json>)[last];
  else (parent as Record<string | number, Json>)[last] = raw === undefined ? value : PLACEHOLDER;
  const text = JSON.stringify(copy, null, 2);
  return raw === undefined ? text : text.replace(JSON.stringify(PLACEHOLDER), raw);
}

/** Indices of `n` fields kept, spread evenly over all of them (deterministic). */
function sample(n: number, keep: number): Set<number> {
  if (n <= keep) return new Set(Array.from({ length: n }, (_, k) => k));
  return new Set(Array.from({ length: keep }, (_, k) => Math.floor((k * n) / keep)));
}

/** The corpus: every applicable mutation of up to FIELDS_PER_SCHEMA sampled fields per schema and kind. */
export function badInputs(): BadInput[] {
  const out: BadInput[] = [];
  for (const { schema, fixture } of SOURCES) {
    const doc = JSON.parse(readFileSync(join(FIXTURES, fixture), "utf8")) as Json;
    const fields: Field[] = [];
    fieldsOf(`${schema}.schema.json`, schemaFile(`${schema}.schema.json`), doc, "$", [], null, null, fields);
    let n = 0;
    for (const mutation of MUTATIONS) {
      const applicable = fields.flatMap((field) => {
        const m = mutate(field, mutation);
        return m === null ? [] : [{ field, m }];
      });
      const kept = sample(applicable.length, FIELDS_PER_SCHEMA);
      applicable.forEach(({ field, m }, k) => {
        if (!kept.has(k)) return;
        const expected =
          mutation === "missing"
            ? `${field.required!.parent}: missing property "${field.required!.key}"`
            : // The nesting check reads the text before the schema and cuts a long path at 60 characters.
              mutation === "deeply-nested"
              ? field.path.slice(0, 59)
              : field.reportedAt;
        out.push({
          name: `${schema}/${String(++n).padStart(3, "0")}-${mutation}.json`,
          schema,
          fixture,
          path: field.path,
          original: JSON.stringify(field.value).slice(0, 60),
          mutation,
          expected,
          text: applied(doc, field.at, m.value, m.raw),
        });
      });
    }
  }
  return out;
}

/** Writes the corpus under `dir`: its files, and index.json with every entry's metadata. */
export function writeBadInputs(dir: string): number {
  const corpus = badInputs();
  for (const entry of corpus) {
    mkdirSync(join(dir, dirname(entry.name)), { recursive: true });
    writeFileSync(join(dir, entry.name), entry.text);
  }
  const index = corpus.map(({ text: _text, ...meta }) => meta);
  writeFileSync(join(dir, "index.json"), `${JSON.stringify(index, null, 2)}\n`);
  return corpus.length;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2];
  if (dir === undefined) {
    console.error("usage: pnpm bad-input DIR");
    process.exitCode = 2;
  } else {
    console.log(`${writeBadInputs(dir)} bad inputs written to ${dir}`);
  }
}

import { SCHEMAS } from "./embedded-fixtures.ts";

/** A JSON type as JSON Schema names it. */
export type JsonType = "string" | "integer" | "number" | "boolean" | "null" | "array" | "object";

type Schema = Readonly<Record<string, unknown>>;

/** A subschema together with the file whose `#` its local `$ref`s resolve against. */
interface Located {
  readonly schema: Schema;
  readonly file: string;
}

/** A published schema by its file name (`case.schema.json`), as embedded in the package. */
function schemaFile(file: string): Schema {
  const schema = SCHEMAS[file.replace(/\.schema\.json$/, "")];
  if (schema === undefined) throw new RangeError(`no schema ${file}`);
  return schema as Schema;
}

/** Resolves `#/$defs/x` in the same file or `other.schema.json#/$defs/x` beside it. */
function resolve(ref: string, from: string): Located {
  const [filePart, pointer = ""] = ref.split("#");
  const file = filePart === undefined || filePart === "" ? from : filePart.replace(/^.*\//, "");
  let node: unknown = schemaFile(file);
  for (const part of pointer.split("/").slice(1)) {
    node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return { schema: node as Schema, file };
}

const COMBINATORS = ["allOf", "anyOf", "oneOf"] as const;

/**
 * Every subschema that may apply to a value where `s` applies: `s` itself and, recursively,
 * its `$ref` and the branches of allOf/anyOf/oneOf and if/then/else. Taking every branch
 * over-approximates what the value may be, which is all that choosing a scalar's type needs.
 */
function expand(s: Located, out: Located[] = [], seen = new Set<Schema>()): Located[] {
  if (typeof s.schema !== "object" || s.schema === null || seen.has(s.schema)) return out;
  seen.add(s.schema);
  out.push(s);
  const { schema, file } = s;
  if (typeof schema.$ref === "string") expand(resolve(schema.$ref, file), out, seen);
  for (const key of COMBINATORS) {
    const branches = schema[key];
    if (Array.isArray(branches)) for (const b of branches) expand({ schema: b as Schema, file }, out, seen);
  }
  for (const key of ["then", "else"] as const) {
    if (schema[key] !== undefined) expand({ schema: schema[key] as Schema, file }, out, seen);
  }
  return out;
}

/** The subschemas that apply to the child `key` (a property name or an array index) of a value. */
function child(parents: readonly Located[], key: string | number): Located[] {
  const out: Located[] = [];
  for (const { schema, file } of parents) {
    const at = (sub: unknown) => {
      if (sub !== undefined && typeof sub === "object") expand({ schema: sub as Schema, file }, out);
    };
    if (typeof key === "number") {
      const prefix = schema.prefixItems as unknown[] | undefined;
      at(prefix !== undefined && key < prefix.length ? prefix[key] : schema.items);
    } else {
      const properties = schema.properties as Record<string, unknown> | undefined;
      const patterns = schema.patternProperties as Record<string, unknown> | undefined;
      const matched = Object.entries(patterns ?? {}).filter(([p]) => new RegExp(p, "u").test(key));
      if (properties !== undefined && Object.hasOwn(properties, key)) at(properties[key]);
      for (const [, sub] of matched) at(sub);
      if (!(properties !== undefined && Object.hasOwn(properties, key)) && matched.length === 0) {
        at(schema.additionalProperties);
      }
    }
  }
  return out;
}

function typeOf(value: unknown): JsonType {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value as JsonType;
}

/**
 * The JSON types a named schema (`fixtures/schema/<name>.schema.json`) allows at a path
 * of keys and indices: from `type`, `const` and `enum` of every subschema that may apply.
 * Empty when the schema says nothing there (or the path leaves the schema).
 */
export function typesAt(name: string, path: readonly (string | number)[]): Set<JsonType> {
  let current = expand({ schema: schemaFile(`${name}.schema.json`), file: `${name}.schema.json` });
  for (const key of path) current = child(current, key);
  const types = new Set<JsonType>();
  for (const { schema } of current) {
    const t = schema.type;
    for (const one of Array.isArray(t) ? t : t === undefined ? [] : [t]) types.add(one as JsonType);
    if (Object.hasOwn(schema, "const")) types.add(typeOf(schema.const));
    if (Array.isArray(schema.enum)) for (const v of schema.enum) types.add(typeOf(v));
  }
  return types;
}

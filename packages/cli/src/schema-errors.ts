import { readdirSync, readFileSync } from "node:fs";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { FIXTURES_DIR, InputError, jsonPath, parseCase } from "@bpcheck/golden";

/** One schema violation: where it is and what was expected there. */
export interface SchemaError {
  readonly path: string;
  readonly message: string;
}

// allErrors: `validate` reports every violation, where loading a case stops at the first.
const ajv = new Ajv2020({ allErrors: true, strict: true, verbose: true });
const compiled = new Map<string, ValidateFunction>();

/** Names of the published schemas: `fixtures/schema/<name>.schema.json`. */
export function schemaNames(): string[] {
  return readdirSync(`${FIXTURES_DIR}schema`)
    .filter((f) => f.endsWith(".schema.json"))
    .map((f) => f.slice(0, -".schema.json".length))
    .sort();
}

function validatorFor(name: string): ValidateFunction {
  let v = compiled.get(name);
  if (v === undefined) {
    v = ajv.compile(JSON.parse(readFileSync(`${FIXTURES_DIR}schema/${name}.schema.json`, "utf8")));
    compiled.set(name, v);
  }
  return v;
}

/**
 * Every error of a fixture document: the schema is chosen by its `schema` field
 * ("bpcheck-case" → case.schema.json); a case that satisfies its schema is also
 * checked for what a schema cannot say (matrix shapes, magnitudes), as loading it would.
 */
export function schemaErrors(file: string, text: string, value: unknown): SchemaError[] {
  const names = schemaNames();
  const tag = (value as { schema?: unknown } | null)?.schema;
  const name = typeof tag === "string" && tag.startsWith("bpcheck-") ? tag.slice("bpcheck-".length) : "";
  if (!names.includes(name)) {
    return [
      { path: "$.schema", message: `expected one of: ${names.map((n) => `"bpcheck-${n}"`).join(", ")}` },
    ];
  }
  const validate = validatorFor(name);
  if (!validate(value)) {
    return (validate.errors ?? []).map((e) => ({ path: jsonPath(e.instancePath), message: describe(e) }));
  }
  if (name === "case") {
    try {
      parseCase(file, text);
    } catch (e) {
      if (e instanceof InputError) return [{ path: e.path, message: e.expected }];
      throw e;
    }
  }
  return [];
}

function describe(error: ErrorObject): string {
  const p = error.params as Record<string, unknown>;
  const got = error.data === undefined ? "" : `, got ${JSON.stringify(error.data)}`;
  switch (error.keyword) {
    case "enum":
      return `unknown value ${JSON.stringify(error.data)} (expected: ${(p.allowedValues as unknown[]).join(", ")})`;
    case "const":
      return `expected ${JSON.stringify(p.allowedValue)}${got}`;
    case "required":
      return `missing property "${String(p.missingProperty)}"`;
    case "additionalProperties":
      return `unknown property "${String(p.additionalProperty)}"`;
    case "pattern":
      return error.parentSchema?.description?.startsWith("A finite decimal")
        ? `expected a decimal string such as "0.35"${got}`
        : `expected a string matching ${String(p.pattern)}${got}`;
    case "type":
      return `expected ${String(p.type)}${got}`;
    default:
      return `${error.message ?? "invalid"}${got}`;
  }
}

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { InputError, jsonPath } from "./input-error.ts";
import { notAPrintedNumber } from "./printed-decimal.ts";

/** Folder of the repository's fixtures (schemas and one folder per case). */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../fixtures/", import.meta.url));

// Two compilers: loading stops at the first error (one line for the user); `validateAll`
// collects every error (a report of everything to fix at once).
/** The shared definitions every schema references (`common.schema.json#/$defs/…`). */
const COMMON_SCHEMA = "common";

const firstError = { ajv: compiler(false), compiled: new Map<string, ValidateFunction>() };
const everyError = { ajv: compiler(true), compiled: new Map<string, ValidateFunction>() };

/**
 * A compiler that knows the common schema and the `x-expected` annotation (the phrase an
 * error message uses for a field whose plain type error would not say enough).
 */
function compiler(allErrors: boolean): Ajv2020 {
  const ajv = new Ajv2020({ allErrors, strict: true, allowUnionTypes: true, verbose: true });
  ajv.addKeyword({ keyword: "x-expected", schemaType: "string" });
  ajv.addSchema(readSchema(COMMON_SCHEMA));
  return ajv;
}

function readSchema(name: string): object {
  return JSON.parse(readFileSync(`${FIXTURES_DIR}schema/${name}.schema.json`, "utf8")) as object;
}

/**
 * The schema a document of a format is validated against: `fixtures/schema/<format>.schema.json`,
 * except a case of an earlier version, which has its own frozen schema (`case-v1.schema.json`).
 */
export function schemaNameFor(format: string, value: unknown): string {
  const version = (value as { version?: unknown } | null)?.version;
  return format === "case" && version === 1 ? "case-v1" : format;
}

function compile(
  compiler: { ajv: Ajv2020; compiled: Map<string, ValidateFunction> },
  name: string,
): ValidateFunction {
  let validate = compiler.compiled.get(name);
  if (validate === undefined) {
    validate = compiler.ajv.compile(readSchema(name));
    compiler.compiled.set(name, validate);
  }
  return validate;
}

/** The validator of `fixtures/schema/<name>.schema.json`, compiled once; it stops at the first error. */
export function schemaValidator(name: string): ValidateFunction {
  return compile(firstError, name);
}

/** Parses JSON text, reporting a syntax error as an InputError at the root. */
export function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(file, "$", `expected valid JSON (${(e as Error).message})`);
  }
}

/** Validates a JSON value against a named schema; the first error becomes an InputError. */
export function validateAgainst<T>(name: string, file: string, value: unknown): T {
  const validate = schemaValidator(name);
  if (!validate(value)) {
    const error = validate.errors?.[0];
    throw new InputError(file, jsonPath(error?.instancePath ?? ""), describe(error));
  }
  return value as T;
}

/** One schema violation: where it is (a JSONPath) and what was expected there. */
export interface SchemaViolation {
  readonly path: string;
  readonly message: string;
}

/**
 * Every violation of a JSON value against a named schema (empty when it is valid), with
 * the same messages as `validateAgainst`. A schema name without a file under
 * `fixtures/schema/` is an InputError naming `file`.
 */
export function validateAll(name: string, file: string, value: unknown): SchemaViolation[] {
  if (
    !/^[a-z0-9-]+$/.test(name) ||
    name === COMMON_SCHEMA ||
    !existsSync(`${FIXTURES_DIR}schema/${name}.schema.json`)
  ) {
    throw new InputError(file, "$.schema", `unknown fixture format "bpcheck-${name}"`);
  }
  const validate = compile(everyError, schemaNameFor(name, value));
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ path: jsonPath(e.instancePath), message: describe(e) }));
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return "does not match the schema";
  const p = error.params as Record<string, unknown>;
  const expected = (error.parentSchema as { "x-expected"?: string } | undefined)?.["x-expected"];
  if (expected !== undefined && (error.keyword === "type" || error.keyword === "pattern")) {
    return `expected ${expected}, got ${JSON.stringify(error.data)}`;
  }
  if (error.keyword === "pattern" && error.parentSchema?.description?.startsWith("A number exactly as")) {
    return notAPrintedNumber(String(error.data));
  }
  switch (error.keyword) {
    case "enum":
      return `unknown value ${JSON.stringify(error.data)} (expected: ${(p.allowedValues as unknown[]).join(", ")})`;
    case "const":
      return `expected ${JSON.stringify(p.allowedValue)}, got ${JSON.stringify(error.data)}`;
    case "required":
      return `missing property "${String(p.missingProperty)}"`;
    case "additionalProperties":
      return `unknown property "${String(p.additionalProperty)}"`;
    case "pattern":
      return error.parentSchema?.description?.startsWith("A finite decimal")
        ? `expected a decimal string such as "0.35", got ${JSON.stringify(error.data)}`
        : `${JSON.stringify(error.data)} does not match ${String(p.pattern)}`;
    case "type":
      return `expected ${String(p.type)}, got ${JSON.stringify(error.data)}`;
    default:
      return `${error.message ?? "invalid"}${error.data === undefined ? "" : `, got ${JSON.stringify(error.data)}`}`;
  }
}

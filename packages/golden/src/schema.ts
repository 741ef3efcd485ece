import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describeValue, excerpt } from "@bpcheck/core";
import Ajv2020, { type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import { InputError, jsonPath } from "./input-error.ts";
import { parseJsonText, readInputFile } from "./json-text.ts";

/** Folder of the repository's fixtures (schemas and one folder per case). */
export const FIXTURES_DIR = fileURLToPath(new URL("../../../fixtures/", import.meta.url));

// Two compilers: loading stops at the first error (one line for the user); `validateAll`
// collects every error (a report of everything to fix at once).
const firstError = {
  ajv: new Ajv2020({ allErrors: false, strict: true, verbose: true }),
  compiled: new Map<string, ValidateFunction>(),
};
const everyError = {
  ajv: new Ajv2020({ allErrors: true, strict: true, verbose: true }),
  compiled: new Map<string, ValidateFunction>(),
};

function compile(compiler: typeof firstError, name: string): ValidateFunction {
  let validate = compiler.compiled.get(name);
  if (validate === undefined) {
    // A schema is read like any input: an unreadable or invalid one is an InputError naming it.
    const file = `${FIXTURES_DIR}schema/${name}.schema.json`;
    const schema = parseJsonText(file, readInputFile(file, "a readable schema"));
    try {
      validate = compiler.ajv.compile(schema as object);
    } catch (e) {
      throw new InputError(file, "$", `expected a valid JSON Schema (${excerpt((e as Error).message, 120)})`);
    }
    compiler.compiled.set(name, validate);
  }
  return validate;
}

/** The validator of `fixtures/schema/<name>.schema.json`, compiled once; it stops at the first error. */
export function schemaValidator(name: string): ValidateFunction {
  return compile(firstError, name);
}

/**
 * Parses JSON text (a leading BOM skipped); a syntax error is an InputError at its line and
 * column, too deep a nesting one at its path (json-text.ts).
 */
export function parseJson(file: string, text: string): unknown {
  return parseJsonText(file, text);
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
  if (!/^[a-z-]+$/.test(name) || !existsSync(`${FIXTURES_DIR}schema/${name}.schema.json`)) {
    throw new InputError(file, "$.schema", `unknown fixture format "bpcheck-${name}"`);
  }
  const validate = compile(everyError, name);
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ path: jsonPath(e.instancePath), message: describe(e) }));
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return "does not match the schema";
  const p = error.params as Record<string, unknown>;
  // Offending values and names are quoted as short escaped excerpts, never whole.
  const got = describeValue(error.data);
  switch (error.keyword) {
    case "enum":
      return `unknown value ${got} (expected: ${(p.allowedValues as unknown[]).join(", ")})`;
    case "const":
      return `expected ${JSON.stringify(p.allowedValue)}, got ${got}`;
    case "required":
      return `missing property "${excerpt(String(p.missingProperty))}"`;
    case "additionalProperties":
      return `unknown property "${excerpt(String(p.additionalProperty))}"`;
    case "pattern":
      return error.parentSchema?.description?.startsWith("A finite decimal")
        ? `expected a decimal string such as "0.35", got ${got}`
        : `${got} does not match ${String(p.pattern)}`;
    case "type":
      return `expected ${String(p.type)}, got ${got}`;
    default:
      return `${error.message ?? "invalid"}${error.data === undefined ? "" : `, got ${got}`}`;
  }
}

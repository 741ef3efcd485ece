import { describeValue, excerpt } from "@bpcheck/core";
import type { ErrorObject, ValidateFunction } from "ajv/dist/2020.js";
import { COMMON_SCHEMA, SCHEMAS } from "./embedded-fixtures.ts";
import { InputError, jsonPath } from "./input-error.ts";
import { notAPrintedNumber } from "./printed-decimal.ts";
import { parseJsonText } from "./json-text.ts";
import { compiledValidator } from "./schema-compiler.ts";

/**
 * The schema a document of a format is validated against: `fixtures/schema/<format>.schema.json`,
 * except a case of an earlier version, which has its own frozen schema (`case-v1.schema.json`).
 */
export function schemaNameFor(format: string, value: unknown): string {
  const version = (value as { version?: unknown } | null)?.version;
  return format === "case" && version === 1 ? "case-v1" : format;
}

/** The validator of `fixtures/schema/<name>.schema.json`, compiled once; it stops at the first error. */
export function schemaValidator(name: string): ValidateFunction {
  return compiledValidator(name, "first");
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
  if (!Object.hasOwn(SCHEMAS, name) || name === COMMON_SCHEMA) {
    throw new InputError(file, "$.schema", `unknown fixture format "bpcheck-${name}"`);
  }
  const validate = compiledValidator(schemaNameFor(name, value), "every");
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({ path: jsonPath(e.instancePath), message: describe(e) }));
}

function describe(error: ErrorObject | undefined): string {
  if (error === undefined) return "does not match the schema";
  const p = error.params as Record<string, unknown>;
  // Offending values and names are quoted as short escaped excerpts, never whole.
  const got = describeValue(error.data);
  const expected = (error.parentSchema as { "x-expected"?: string } | undefined)?.["x-expected"];
  if (expected !== undefined && (error.keyword === "type" || error.keyword === "pattern")) {
    return `expected ${expected}, got ${got}`;
  }
  if (error.keyword === "pattern" && error.parentSchema?.description?.startsWith("A number exactly as")) {
    return notAPrintedNumber(excerpt(String(error.data)));
  }
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

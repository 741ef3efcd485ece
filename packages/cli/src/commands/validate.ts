import { dirname } from "node:path";
import {
  DEFAULT_CASE_PATH,
  InputError,
  SCHEMAS,
  parseCase,
  readCaseText,
  readInputFile,
  validateAll,
  type CaseText,
  type SchemaViolation,
} from "@bpcheck/golden";
import { shownPath } from "../case-folder.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { styleFor } from "../format/style.ts";
import { readStdin } from "../load-case.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

export const validateCommand: Command = {
  name: "validate",
  summary: "check a case or fixture file against its schema, listing every error",
  usage: "bpcheck validate [file | -] [--json]",
  details: [
    "Validates a JSON file against the published schema its `schema` field names",
    '("bpcheck-case" → fixtures/schema/case.schema.json) and lists every error with its',
    "JSON path, not only the first; a case that fits its schema is also checked for",
    "matrix shapes and magnitudes. Exits 1 when the file has errors, 2 when it cannot",
    "be read.",
    "",
    "  --json  { command, version, file, valid, errors: [{ path, message }] }",
  ],
  example: "bpcheck validate my-case.json",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, COMMON_OPTIONS);
    if (positionals.length > 1) {
      throw new UsageError("arguments", `expected at most one file, got ${positionals.length}`);
    }
    const given = positionals[0];
    const file = given === "-" ? "<stdin>" : (given ?? shownPath(DEFAULT_CASE_PATH));
    if (given === "-" && io.stdinIsTTY) {
      io.stderr("bpcheck: reading a file from standard input (end it with Ctrl-D)\n");
    }
    const text =
      given === "-" ? await readStdin(io) : readInputFile(given ?? DEFAULT_CASE_PATH, "a readable file");
    let errors: SchemaViolation[];
    let source: CaseText | undefined;
    // Where an error stands: the file, and in a YAML file its line and column.
    let firstAt: string | undefined;
    try {
      source = readCaseText(file, text);
      errors = schemaErrors(file, text, source.value);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors = [{ path: e.path, message: e.expected }];
      firstAt = e.file;
    }
    const where = (e: SchemaViolation) => {
      const position = source?.positionOf(e.path);
      return firstAt ?? (position === undefined ? file : `${file}:${position.line}:${position.column}`);
    };
    if (values.json) {
      writeJson(io, "validate", { file, valid: errors.length === 0, errors });
    } else {
      const s = styleFor(io);
      io.stdout(
        errors.length === 0
          ? `${file}: ${s.good("valid")}\n`
          : `${errors.map((e) => `${where(e)}: ${e.path}: ${e.message}`).join("\n")}\n${s.bad(`${errors.length} error${errors.length === 1 ? "" : "s"}`)}\n`,
      );
    }
    return errors.length === 0 ? EXIT.ok : EXIT.checkFailed;
  },
};

/** Names of the published schemas: `fixtures/schema/<name>.schema.json`. */
function schemaNames(): string[] {
  // Not formats of their own: the shared definitions and the frozen first case format (a
  // "bpcheck-case" file of version 1 is validated against it).
  return Object.keys(SCHEMAS)
    .filter((n) => n !== "common" && n !== "case-v1")
    .sort();
}

/**
 * Every error of a fixture document: the schema is chosen by its `schema` field
 * ("bpcheck-case" → case.schema.json); a case that satisfies its schema is also
 * checked for what a schema cannot say (matrix shapes, magnitudes), as loading it would.
 */
function schemaErrors(file: string, text: string, value: unknown): SchemaViolation[] {
  const names = schemaNames();
  const tag = (value as { schema?: unknown } | null)?.schema;
  const name = typeof tag === "string" && tag.startsWith("bpcheck-") ? tag.slice("bpcheck-".length) : "";
  if (!names.includes(name)) {
    const formats = names.map((n) => `"bpcheck-${n}"`).join(", ");
    const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
    return isObject && !("schema" in value)
      ? [{ path: "$", message: `missing property "schema" (one of: ${formats})` }]
      : [{ path: "$.schema", message: `expected one of: ${formats}` }];
  }
  const errors = validateAll(name, file, value);
  if (errors.length === 0 && name === "case")
    parseCase(file, text, file === "<stdin>" ? null : dirname(file));
  return errors;
}

import { DEFAULT_CASE_PATH, InputError, parseJson } from "@bpcheck/golden";
import { readFile } from "node:fs/promises";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { styleFor } from "../format/style.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";
import { schemaErrors, type SchemaError } from "../schema-errors.ts";

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
    const file = given === "-" ? "<stdin>" : (given ?? DEFAULT_CASE_PATH);
    const text = given === "-" ? await io.readStdin() : await readText(file);
    let errors: SchemaError[];
    try {
      errors = schemaErrors(file, text, parseJson(file, text));
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      errors = [{ path: e.path, message: e.expected }];
    }
    if (values.json) {
      writeJson(io, "validate", { file, valid: errors.length === 0, errors });
    } else {
      const s = styleFor(io);
      io.stdout(
        errors.length === 0
          ? `${file}: ${s.good("valid")}\n`
          : `${errors.map((e) => `${file}: ${e.path}: ${e.message}`).join("\n")}\n${s.bad(`${errors.length} error${errors.length === 1 ? "" : "s"}`)}\n`,
      );
    }
    return errors.length === 0 ? EXIT.ok : EXIT.checkFailed;
  },
};

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (e) {
    throw new InputError(
      file,
      "$",
      `expected a readable file (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
}

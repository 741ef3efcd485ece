import Ajv2020, { type ValidateFunction } from "ajv/dist/2020.js";
import AJV_OPTIONS from "./ajv-options.json" with { type: "json" };
import { COMMON_SCHEMA, SCHEMAS } from "./embedded-fixtures.ts";

// Two compilers (ajv-options.json): loading stops at the first error (one line for the
// user); `validateAll` collects every error (a report of everything to fix at once).
// The released bundle replaces this module with the same validators compiled ahead of
// time by ajv's standalone code generation with the same options (packages/cli/scripts/
// bundle.mjs), so that no schema is compiled when bpcheck starts.
type Compiler = keyof typeof AJV_OPTIONS;

/**
 * Annotations the schemas carry for error messages: `x-expected` is the phrase a message
 * uses for a field whose plain type error would not say enough. The bundle's compiler
 * (packages/cli/scripts/bundle.mjs) adds the same keyword and the common schema.
 */
const ANNOTATION_KEYWORDS = ["x-expected"] as const;
const compilers = new Map<Compiler, Ajv2020>();
const compiled = new Map<string, ValidateFunction>();

/** The validator of a published schema, compiled on first use with one of the two compilers. */
export function compiledValidator(name: string, errors: Compiler): ValidateFunction {
  const key = `${errors}:${name}`;
  let validate = compiled.get(key);
  if (validate === undefined) {
    const schema = SCHEMAS[name];
    if (schema === undefined) throw new RangeError(`no schema named "${name}"`);
    let ajv = compilers.get(errors);
    if (ajv === undefined) {
      ajv = new Ajv2020(AJV_OPTIONS[errors]);
      for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: "string" });
      ajv.addSchema(SCHEMAS[COMMON_SCHEMA]!);
      compilers.set(errors, ajv);
    }
    validate = ajv.compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

import { readCase } from "./case-file.ts";
import { canonicalJson } from "./canonical-json.ts";
import { parseJson, validateAgainst, schemaNameFor } from "./schema.ts";

/**
 * A case file's text rewritten in the current format version (2). Version 1 is the subset
 * of version 2 without its optional fields (every layer out-in, per-unit or no biases,
 * the default conventions), so the rewrite changes the version and nothing else; the
 * result is loaded again before it is returned, so that it is known to be a valid case
 * with the same meaning. A file already in version 2 comes back unchanged.
 */
export function upgradeCase(file: string, text: string): string {
  const value = parseJson(file, text);
  validateAgainst(schemaNameFor("case", value), file, value);
  const document = value as Record<string, unknown>;
  if (document["version"] === 2) return text;
  const upgraded = Object.fromEntries(Object.entries(document).map(([k, v]) => [k, k === "version" ? 2 : v]));
  readCase(file, upgraded);
  return canonicalJson(upgraded);
}

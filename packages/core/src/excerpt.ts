/**
 * Short, terminal-safe excerpts of user input for messages and reports: never raw bytes,
 * never a whole value. Control characters (C0, DEL, C1), line and paragraph separators,
 * bidirectional overrides and lone surrogates are shown as escapes, so a name or a quoted
 * input cannot move the cursor, clear the screen or break a line.
 */

/** Longest excerpt of an input shown in a message, in characters. */
export const EXCERPT_CHARS = 40;

// C0 and C1 controls, DEL, U+2028/U+2029, bidi embeddings/overrides/isolates, BOM, lone surrogates.
const UNSAFE = new RegExp(
  // Matching control characters is this pattern's purpose.
  // oxlint-disable-next-line no-control-regex
  "[\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029\\u202a-\\u202e\\u2066-\\u2069\\ufeff]|[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]",
  "g",
);

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** `text` with every unsafe character as an escape (\n, \t, \u001b …); printable text unchanged. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** At most `max` characters of `text` (cut with "…"), escaped for the terminal. */
export function excerpt(text: string, max: number = EXCERPT_CHARS): string {
  const cut = text.length > max ? `${text.slice(0, max)}…` : text;
  return escapeForTerminal(cut);
}

/**
 * A JSON value as a short quoted excerpt for a message: strings quoted, arrays and objects
 * summarised (`[3 items]`, `{2 properties}`) rather than serialised, so a huge or deeply
 * nested value costs nothing to describe.
 */
export function describeValue(value: unknown, max: number = EXCERPT_CHARS): string {
  if (typeof value === "string") return `"${excerpt(value, max)}"`;
  if (Array.isArray(value)) return value.length === 1 ? "[1 item]" : `[${value.length} items]`;
  if (value === null) return "null";
  if (typeof value === "object") {
    const n = Object.keys(value).length;
    return n === 1 ? "{1 property}" : `{${n} properties}`;
  }
  return excerpt(String(value), max);
}

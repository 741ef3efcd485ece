import { readFileSync, statSync } from "node:fs";
import { InputError, describeValue, excerpt } from "@bpcheck/core";
import { embeddedFixtureText } from "./embedded-fixtures.ts";

/**
 * Reading user files as JSON with limits and clean messages: a size limit before reading,
 * UTF-8 decoded strictly (a Latin-1 file is refused at its first bad byte), a leading BOM
 * skipped, a syntax error reported by line and column with what was expected there (never
 * the raw text), and a nesting-depth limit.
 */

/** Largest input file read, in bytes (the largest supported case is a few tens of MB). */
export const MAX_FILE_BYTES = 128 * 1024 * 1024;
/** Deepest nesting of arrays and objects accepted (the case format needs 6). */
export const MAX_JSON_DEPTH = 64;

/** The text of a file the user named (an embedded fixture from the bundle); `what` says what it should be ("a readable case file"). */
export function readInputFile(file: string, what: string): string {
  const embedded = embeddedFixtureText(file);
  if (embedded !== undefined) return embedded;
  let bytes: Buffer;
  try {
    const size = statSync(file).size;
    if (size > MAX_FILE_BYTES) {
      throw new InputError(
        file,
        "$",
        `expected ${what} of at most ${MAX_FILE_BYTES / 2 ** 20} MiB, got ${size} bytes`,
      );
    }
    bytes = readFileSync(file);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new InputError(file, "$", `expected ${what} (${code})`);
  }
  return decodeUtf8(file, bytes);
}

/** Bytes as UTF-8, strictly: the first invalid byte is an InputError naming its offset. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    // The shortest prefix that fails to decode ends just past the bad byte (binary search);
    // a multi-byte sequence cut short is reported where it starts.
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
        lo = mid + 1;
      } catch {
        hi = mid;
      }
    }
    let start = lo;
    for (let k = lo - 1; k >= 0 && k >= lo - 3; k--) {
      if (bytes[k]! >= 0xc0) start = k;
      if ((bytes[k]! & 0xc0) !== 0x80) break;
    }
    throw new InputError(
      file,
      `byte offset ${start}`,
      "expected UTF-8 text (this looks like another encoding)",
    );
  }
}

/** JSON text (a leading UTF-8 BOM skipped) parsed, or an InputError at the line and column of the mistake. */
export function parseJsonText(file: string, text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    const { offset, expected } = syntaxError(body);
    const { line, column } = lineAndColumn(body, offset);
    const rest = body.slice(offset, offset + 12).split(/\r?\n/)[0]!;
    const found =
      offset >= body.length ? "the end of the input" : rest === "" ? "a line break" : describeValue(rest, 12);
    throw new InputError(
      file,
      `line ${line} column ${column}`,
      `invalid JSON: expected ${expected}, found ${found}`,
    );
  }
  checkDepth(file, value);
  return value;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** Arrays and objects nested at most MAX_JSON_DEPTH deep (checked without recursion). */
function checkDepth(file: string, root: unknown): void {
  const stack: [unknown, number, string][] = [[root, 0, "$"]];
  while (stack.length > 0) {
    const [value, depth, path] = stack.pop()!;
    if (typeof value !== "object" || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw new InputError(
        file,
        excerpt(path, 60),
        `expected arrays and objects nested at most ${MAX_JSON_DEPTH} deep`,
      );
    }
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, depth + 1, `${path}[${i}]`]));
    else {
      for (const [k, v] of Object.entries(value)) {
        const step = /^[A-Za-z_$][\w$]*$/.test(k) ? `.${k}` : `[${JSON.stringify(excerpt(k))}]`;
        stack.push([v, depth + 1, path + step]);
      }
    }
  }
}

const WS = new Set([" ", "\t", "\n", "\r"]);

/**
 * Where JSON.parse failed, and what a JSON value could have had there: a small iterative
 * recogniser of the JSON grammar (no recursion, so any nesting depth), run only on text
 * JSON.parse already refused.
 */
export function syntaxError(text: string): { offset: number; expected: string } {
  type State =
    "value" | "array-first" | "array-next" | "object-key" | "object-first-key" | "colon" | "object-next";
  const open: ("[" | "{")[] = [];
  let state: State = "value";
  let i = 0;
  const fail = (expected: string) => ({ offset: i, expected });
  // A value just ended: what its container expects next, or null at the top level.
  const valueEnded = (): State | null => {
    const top = open[open.length - 1];
    return top === undefined ? null : top === "[" ? "array-next" : "object-next";
  };
  for (;;) {
    while (i < text.length && WS.has(text[i]!)) i++;
    const c = text[i];
    let ended = false;
    if ((state === "array-first" && c === "]") || (state === "object-first-key" && c === "}")) {
      open.pop();
      i++;
      ended = true;
    } else if (state === "value" || state === "array-first") {
      if (c === "[" || c === "{") {
        open.push(c);
        state = c === "[" ? "array-first" : "object-first-key";
        i++;
        continue;
      }
      const end = scalarEnd(text, i);
      if (end === null) return fail("a value (a string, number, object, array, true, false or null)");
      i = end;
      ended = true;
    } else if (state === "object-key" || state === "object-first-key") {
      const end = c === '"' ? stringEnd(text, i) : null;
      if (end === null) {
        return fail(
          state === "object-key"
            ? "a property name in double quotes"
            : 'a property name in double quotes or "}"',
        );
      }
      i = end;
      state = "colon";
      continue;
    } else if (state === "colon") {
      if (c !== ":") return fail('":" after the property name');
      i++;
      state = "value";
      continue;
    } else {
      const close = state === "array-next" ? "]" : "}";
      if (c === ",") {
        i++;
        state = state === "array-next" ? "value" : "object-key";
        continue;
      }
      if (c !== close) return fail(`"," or "${close}"`);
      open.pop();
      i++;
      ended = true;
    }
    if (ended) {
      const next = valueEnded();
      if (next === null) break;
      state = next;
    }
  }
  while (i < text.length && WS.has(text[i]!)) i++;
  if (i < text.length) return fail("the end of the input after the JSON value");
  // The grammar accepted it: JSON.parse refused something finer (an escape, a number's form).
  return { offset: 0, expected: "valid JSON" };
}

const NUMBER = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

function scalarEnd(text: string, i: number): number | null {
  if (text[i] === '"') return stringEnd(text, i);
  for (const re of [NUMBER, LITERAL]) {
    re.lastIndex = i;
    if (re.test(text)) return re.lastIndex;
  }
  return null;
}

// JSON forbids raw control characters in strings: matching them is the point.
// oxlint-disable-next-line no-control-regex
const STRING = new RegExp('"(?:[^"\\\\\\u0000-\\u001f]|\\\\(?:["\\\\/bfnrt]|u[0-9a-fA-F]{4}))*"', "y");

function stringEnd(text: string, i: number): number | null {
  STRING.lastIndex = i;
  return STRING.test(text) ? STRING.lastIndex : null;
}

import {
  Document,
  LineCounter,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  parseDocument,
  visit,
  type Node,
  type Scalar,
  type YAMLError,
  type YAMLSeq,
} from "yaml";
import { InputError, jsonPath } from "./input-error.ts";
import { parseJson } from "./schema.ts";
import { typesAt, type JsonType } from "./schema-types.ts";

/** The two ways a case may be written. */
export type CaseFormat = "json" | "yaml";

/** Line and column, both from 1. */
export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** A fixture file's text read to a JSON value, with where each value stands in the text. */
export interface CaseText {
  readonly file: string;
  readonly format: CaseFormat;
  readonly value: unknown;
  /** Where the value at a JSONPath (or its nearest enclosing value) starts; undefined for JSON. */
  positionOf(path: string): TextPosition | undefined;
}

/** YAML for `.yaml`/`.yml`; JSON for other names; on stdin, JSON when the text starts with `{` or `[`. */
export function caseFormatOf(file: string, text: string): CaseFormat {
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (file === "<stdin>" || file === "-") return /^\s*[{[]/.test(text) ? "json" : "yaml";
  return "json";
}

/**
 * Reads JSON or YAML text to the JSON value the schema `schemaName` validates. YAML is read
 * with no implicit types at all (every scalar is its source text) and each plain scalar
 * then becomes what the schema wants at its path: an integer, boolean or null where the
 * schema allows that and not a string; otherwise the text exactly as written, so that
 * `0.680` stays "0.680". The schema stays the one definition of the format.
 */
export function readCaseText(file: string, text: string, schemaName = "case"): CaseText {
  if (caseFormatOf(file, text) === "json") {
    return { file, format: "json", value: parseJson(file, text), positionOf: () => undefined };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, {
    schema: "failsafe",
    lineCounter: lines,
    prettyErrors: false,
    uniqueKeys: true,
  });
  const starts = new Map<string, number>();
  const at = (offset: number): string => {
    const { line, col } = lines.linePos(offset);
    return `${file}:${line}:${col}`;
  };
  const [error] = doc.errors;
  if (error !== undefined) {
    const path = error.code === "MULTIPLE_DOCS" ? "$" : pathAtOffset(doc.contents, error.pos[0]);
    throw yamlError(error, at, path);
  }
  const reader = new YamlReader(schemaName, at, starts);
  const value = doc.contents === null ? null : reader.read(doc.contents, []);
  if (schemaName === "case") checkTrailingZeros(doc.contents, at);
  return {
    file,
    format: "yaml",
    value,
    positionOf(path) {
      for (let p = path; ; p = p.replace(/(\.[^.[]+|\[[^\]]+\])$/, "")) {
        const offset = starts.get(p);
        if (offset !== undefined) {
          const { line, col } = lines.linePos(offset);
          return { line, column: col };
        }
        if (p === "$" || p === "") return undefined;
      }
    },
  };
}

/**
 * Runs checks over a read case; an InputError they raise about this file at a JSONPath
 * is raised again with the line and column of that path (YAML only: JSON errors name the
 * path alone, as before).
 */
export function withPositions<T>(source: CaseText, check: () => T): T {
  try {
    return check();
  } catch (e) {
    if (!(e instanceof InputError) || e.file !== source.file || !e.path.startsWith("$")) throw e;
    const position = source.positionOf(e.path);
    if (position === undefined) throw e;
    throw new InputError(`${source.file}:${position.line}:${position.column}`, e.path, e.expected);
  }
}

type Segment = string | number;

const pointerOf = (path: readonly Segment[]) =>
  path.map((s) => `/${String(s).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");

/** The JSONPath of the deepest node whose text holds `offset`. */
function pathAtOffset(root: Node | null, offset: number): string {
  const path: Segment[] = [];
  let node: unknown = root;
  for (;;) {
    const inside = (n: unknown) => {
      const range = (n as Node | null)?.range;
      return range !== undefined && range !== null && range[0] <= offset && offset <= range[2];
    };
    if (isMap(node)) {
      const pair = node.items.find((p) => inside(p.value) || inside(p.key));
      if (pair === undefined || !isScalar(pair.key)) break;
      path.push(String(pair.key.value));
      if (!inside(pair.value)) break;
      node = pair.value;
    } else if (isSeq(node)) {
      const index = node.items.findIndex(inside);
      if (index < 0) break;
      path.push(index);
      node = node.items[index];
    } else break;
  }
  return jsonPath(pointerOf(path));
}

function yamlError(error: YAMLError, at: (offset: number) => string, path: string): InputError {
  const where = at(error.pos[0]);
  switch (error.code) {
    case "TAB_AS_INDENT":
      return new InputError(where, path, "expected spaces for indentation, got a tab");
    case "DUPLICATE_KEY":
      return new InputError(where, path, "expected each key once in a mapping, got this key a second time");
    default: {
      const reason = (error.message.split("\n")[0] ?? "").replace(/ at line \d+, column \d+:?$/, "");
      return new InputError(where, path, `expected valid YAML (${reason})`);
    }
  }
}

const INTEGER = /^[-+]?[0-9]+$/;
const NUMBER = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BOOLEAN: Readonly<Record<string, boolean>> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false,
};
const NULLS = new Set(["", "~", "null", "Null", "NULL"]);

/** Builds the JSON value of a YAML node, refusing what a case has no use for. */
class YamlReader {
  constructor(
    private readonly schemaName: string,
    private readonly at: (offset: number) => string,
    private readonly starts: Map<string, number>,
  ) {}

  read(node: unknown, path: Segment[]): unknown {
    const where = jsonPath(pointerOf(path));
    if (isAlias(node)) {
      throw new InputError(
        this.at(node.range?.[0] ?? 0),
        where,
        `expected a value, got the alias *${node.source} (write the value out)`,
      );
    }
    const n = node as Node;
    const offset = n.range?.[0] ?? 0;
    this.starts.set(where, offset);
    if (n.anchor !== undefined) {
      throw new InputError(
        this.at(offset),
        where,
        `expected a value, got the anchor &${n.anchor} (anchors and aliases are not used in cases)`,
      );
    }
    if (n.tag !== undefined) {
      throw new InputError(
        this.at(offset),
        where,
        `expected a value without a tag, got ${n.tag.replace("tag:yaml.org,2002:", "!!")}`,
      );
    }
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        if (!isScalar(pair.key) || pair.key.anchor !== undefined || isAlias(pair.key)) {
          const keyOffset = (pair.key as Node | null)?.range?.[0] ?? offset;
          throw new InputError(this.at(keyOffset), where, "expected a plain text key");
        }
        const key = String(pair.key.value);
        // A key without a value (`key:`) reads as an empty plain scalar, like `key: ""` unquoted.
        out[key] =
          pair.value === null
            ? this.scalar("", "PLAIN", [...path, key])
            : this.read(pair.value, [...path, key]);
      }
      return out;
    }
    if (isSeq(n)) return n.items.map((item, i) => this.read(item, [...path, i]));
    const scalar = n as Scalar;
    return this.scalar(String(scalar.value), scalar.type ?? "PLAIN", path);
  }

  /** A scalar as the schema wants it: quoted text is always a string; plain text is converted only where a string is not allowed. */
  private scalar(text: string, style: string, path: Segment[]): unknown {
    if (style !== "PLAIN") return text;
    const types: Set<JsonType> = typesAt(this.schemaName, path);
    if (types.has("null") && NULLS.has(text)) return null;
    if (types.has("string")) return text;
    if ((types.has("integer") && INTEGER.test(text)) || (types.has("number") && NUMBER.test(text))) {
      return Number(text);
    }
    if (types.has("boolean") && Object.hasOwn(BOOLEAN, text)) return BOOLEAN[text];
    return text;
  }
}

/**
 * Refuses a printed number that another tool rewrote: YAML leaves a plain `0.680` alone,
 * but a tool that reads it as a float writes it back as `0.68`. That is detectable where
 * the entry's `location.text` (the printed expression) holds the number with more
 * trailing zeros and never as written; the message asks for the printed form, quoted.
 */
function checkTrailingZeros(root: Node | null, at: (offset: number) => string): void {
  if (!isMap(root)) return;
  const published = root.get("published", true);
  if (!isSeq(published)) return;
  published.items.forEach((entry, n) => {
    if (!isMap(entry)) return;
    const location = entry.get("location", true);
    const text = isMap(location) ? location.get("text", true) : undefined;
    if (!isScalar(text)) return;
    for (const key of ["printed", "value"]) {
      const node = entry.get(key, true);
      if (!isScalar(node) || node.type !== "PLAIN") continue;
      const written = String(node.value);
      const longer = printedForm(written, String(text.value));
      if (longer !== undefined) {
        throw new InputError(
          at(node.range?.[0] ?? 0),
          `$.published[${n}].${key}`,
          `expected "${longer}" as printed in "${String(text.value)}", got ${written}: its trailing zeros were dropped; write it quoted, "${longer}"`,
        );
      }
    }
  });
}

/** The number of `text` that is `written` with trailing zeros added, when `written` itself is not in `text`. */
function printedForm(written: string, text: string): string | undefined {
  const normal = (s: string) => s.replace(/\u2212/g, "-").replace(/^(-?)\./, "$10.");
  const target = normal(written);
  const numbers = [...text.matchAll(/[-\u2212]?(?:\d+\.?\d*|\.\d+)/g)].map((m) => m[0]);
  if (numbers.some((t) => normal(t) === target)) return undefined;
  return numbers.find((t) => {
    const candidate = normal(t);
    if (!candidate.startsWith(target)) return false;
    const rest = candidate.slice(target.length);
    return target.includes(".") ? /^0+$/.test(rest) : /^\.0+$/.test(rest);
  });
}

/** Every scalar of a JSON value as its text, for a YAML writer with no implicit types. */
function asText(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asText);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asText(v)]));
  }
  return value === null ? "null" : String(value);
}

/** A comment written above the value at a path (YAML only). */
export interface CaseComment {
  readonly path: readonly (string | number)[];
  readonly text: string;
}

/**
 * A JSON value written as case text: JSON indented by two spaces, or YAML in which every
 * number is written plain, as in the source (`0.680`), which `readCaseText` reads back to
 * the same value. Short lists of numbers are written on one line (`[0.35, 0.9]`); each
 * comment stands above its key (JSON has no comments and drops them).
 */
export function formatCaseText(
  value: unknown,
  format: CaseFormat,
  comments: readonly CaseComment[] = [],
): string {
  if (format === "json") return `${JSON.stringify(value, null, 2)}\n`;
  const doc = new Document(asText(value), { schema: "failsafe" });
  visit(doc, {
    Seq(_, node) {
      if (node.items.every((item) => isScalar(item) && !String(item.value).includes(" "))) {
        node.flow = true;
      } else if (node.items.every((item) => isSeq(item) && item.items.length <= 8)) {
        for (const row of node.items as YAMLSeq[]) row.flow = true;
      }
    },
  });
  for (const { path, text } of comments) {
    const parent = doc.getIn(path.slice(0, -1), true);
    const last = path[path.length - 1];
    const target = isMap(parent)
      ? parent.items.find((pair) => isScalar(pair.key) && pair.key.value === last)?.key
      : isSeq(parent) && typeof last === "number"
        ? parent.items[last]
        : undefined;
    if (target !== undefined && target !== null) {
      (target as Node).commentBefore = text.replace(/^/gm, " ");
    }
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/**
 * Case text with a `quantity` written into published entries (by index), right after
 * each entry's `symbol`. YAML keeps its comments, quoting and layout; JSON is written
 * again with two-space indentation.
 */
export function writePlacedQuantities(
  text: string,
  format: CaseFormat,
  quantities: ReadonlyMap<number, string>,
): string {
  const insert = <T>(entries: [string, T][], value: T): [string, T][] => {
    const at = entries.findIndex(([key]) => key === "symbol");
    return [...entries.slice(0, at + 1), ["quantity", value], ...entries.slice(at + 1)];
  };
  if (format === "json") {
    const value = JSON.parse(text) as { published: Record<string, unknown>[] };
    value.published = value.published.map((entry, n) => {
      const quantity = quantities.get(n);
      return quantity === undefined ? entry : Object.fromEntries(insert(Object.entries(entry), quantity));
    });
    return formatCaseText(value, "json");
  }
  const doc = parseDocument(text, { schema: "failsafe" });
  for (const [n, quantity] of quantities) {
    const entry = doc.getIn(["published", n], true);
    if (!isMap(entry)) continue;
    const pairs = entry.items.map(
      (pair) => [isScalar(pair.key) ? String(pair.key.value) : "", pair] as [string, unknown],
    );
    entry.items = insert(pairs, doc.createPair("quantity", quantity)).map(
      ([, pair]) => pair,
    ) as typeof entry.items;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

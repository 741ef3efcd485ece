import type { Io } from "../io.ts";

/** Version of every command's JSON document; it changes only when a field changes meaning or goes away. */
export const JSON_VERSION = 1;

/** Characters gathered before they are written out (the document itself is never one string). */
const CHUNK_CHARS = 1 << 20;

/**
 * Writes a command's one JSON document to stdout: `{ "command", "version", … }`,
 * 2-space indent, trailing newline, exactly as `JSON.stringify(doc, …, 2)` would, but in
 * chunks: a document of millions of quantities would exceed V8's longest string.
 * Infinite ULP counts become null (JSON has no Infinity).
 */
export function writeJson(io: Io, command: string, body: Record<string, unknown>): void {
  const doc = { command, version: JSON_VERSION, ...body };
  let buffer: string[] = [];
  let size = 0;
  const emit = (s: string) => {
    buffer.push(s);
    size += s.length;
    if (size >= CHUNK_CHARS) {
      io.stdout(buffer.join(""));
      buffer = [];
      size = 0;
    }
  };
  writeValue(doc, "", emit);
  emit("\n");
  io.stdout(buffer.join(""));
}

function leaf(v: unknown): string | undefined {
  if (typeof v === "number" && !Number.isFinite(v)) return "null";
  return JSON.stringify(v);
}

/** One value at an indentation, as JSON.stringify(…, 2) lays it out (documents are a few levels deep). */
function writeValue(value: unknown, indent: string, emit: (s: string) => void): void {
  if (Array.isArray(value)) {
    if (value.length === 0) return emit("[]");
    const inner = `${indent}  `;
    emit("[\n");
    value.forEach((v, k) => {
      emit(inner);
      // Like JSON.stringify: an undefined array element is null.
      if (v === undefined) emit("null");
      else writeValue(v, inner, emit);
      emit(k + 1 < value.length ? ",\n" : `\n${indent}]`);
    });
    return;
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== "function");
    if (entries.length === 0) return emit("{}");
    const inner = `${indent}  `;
    emit("{\n");
    entries.forEach(([k, v], n) => {
      emit(`${inner}${JSON.stringify(k)}: `);
      writeValue(v, inner, emit);
      emit(n + 1 < entries.length ? ",\n" : `\n${indent}}`);
    });
    return;
  }
  emit(leaf(value) ?? "null");
}

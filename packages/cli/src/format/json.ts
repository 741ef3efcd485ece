import type { Io } from "../io.ts";

/** Version of every command's JSON document; it changes only when a field changes meaning or goes away. */
export const JSON_VERSION = 1;

/**
 * Writes a command's one JSON document to stdout: `{ "command", "version", … }`,
 * 2-space indent, trailing newline. Infinite ULP counts become null (JSON has no
 * Infinity).
 */
export function writeJson(io: Io, command: string, body: Record<string, unknown>): void {
  const doc = { command, version: JSON_VERSION, ...body };
  io.stdout(
    `${JSON.stringify(doc, (_, v) => (typeof v === "number" && !Number.isFinite(v) ? null : v), 2)}\n`,
  );
}

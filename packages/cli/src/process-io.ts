import { writeFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import type { Io } from "./io.ts";

/** The Io of the running process: its stdout, stderr, stdin, file system, environment and clock. */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => text(process.stdin),
    writeFile: (path, s) => writeFile(path, s, "utf8"),
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    columns: process.stdout.isTTY === true ? (process.stdout.columns ?? null) : null,
    env: process.env,
    now: () => performance.now(),
  };
}

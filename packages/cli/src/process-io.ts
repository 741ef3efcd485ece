import { existsSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";
import { dirname, basename, join } from "node:path";
import { createInterface } from "node:readline/promises";
import { text } from "node:stream/consumers";
import type { Io } from "./io.ts";

/** Writes a file whole or not at all: a temporary file beside it, then a rename over it. */
async function writeWhole(path: string, s: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, s, "utf8");
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}

/** One question on the terminal. */
async function ask(question: string): Promise<string | undefined> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  let closed = false;
  terminal.once("close", () => (closed = true));
  try {
    const answer = await Promise.race([
      terminal.question(question),
      new Promise<undefined>((resolve) => terminal.once("close", () => resolve(undefined))),
    ]);
    return closed && answer === undefined ? undefined : answer;
  } finally {
    terminal.close();
  }
}

/** The Io of the running process: its stdout, stderr, stdin, file system, environment and clock. */
export function processIo(): Io {
  return {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin: () => text(process.stdin),
    writeFile: writeWhole,
    exists: existsSync,
    ask: process.stdin.isTTY === true ? ask : null,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    columns: process.stdout.isTTY === true ? (process.stdout.columns ?? null) : null,
    env: process.env,
    now: () => performance.now(),
  };
}

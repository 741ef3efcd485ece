import { existsSync, fstatSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import { buffer } from "node:stream/consumers";
import type { Io } from "./io.ts";

/**
 * golden's file functions, loaded when first used: a static import would put most of the
 * bundle (golden's module graph) in front of every command, `--help` included, while a
 * command that reads a case has it loaded already.
 */
const golden = () => import("@bpcheck/golden");

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
    readStdin: readStdin,
    writeFile: async (path, s) => (await golden()).writeFileAtomic(path, s),
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

/**
 * All of standard input. Node's stream reads a directory as empty input, so that case is
 * checked first and reported as the error it is (EISDIR). Bytes that are not UTF-8 are
 * refused (decodeUtf8), never read as replacement characters.
 */
async function readStdin(): Promise<string> {
  if (fstatSync(0).isDirectory()) {
    throw Object.assign(new Error("standard input is a directory"), { code: "EISDIR" });
  }
  const bytes = await buffer(process.stdin);
  return (await golden()).decodeUtf8("<stdin>", bytes);
}

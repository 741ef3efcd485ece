import { existsSync } from "node:fs";
import type { Io } from "../src/index.ts";

export interface MemoryIoOptions {
  readonly stdin?: string;
  readonly tty?: boolean;
  /** The terminal's width when `tty` (default 80). */
  readonly columns?: number;
  readonly env?: Record<string, string>;
  /** Milliseconds the clock advances on each reading (to drive the progress bar). */
  readonly tick?: number;
  /** Answers to the questions a command asks on the terminal, in order (a terminal only when given). */
  readonly answers?: readonly string[];
}

/**
 * An Io that records what a command writes, with a clock that advances by `tick` per
 * reading. A string argument is standard input alone.
 */
export function memoryIo(given: MemoryIoOptions | string = {}): Io & {
  out: () => string;
  err: () => string;
  files: Map<string, string>;
  questions: string[];
} {
  const options: MemoryIoOptions = typeof given === "string" ? { stdin: given } : given;
  let out = "";
  let err = "";
  let clock = 0;
  const files = new Map<string, string>();
  const questions: string[] = [];
  const answers = [...(options.answers ?? [])];
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => options.stdin ?? "",
    writeFile: async (path, text) => {
      files.set(path, text);
    },
    exists: (path) => files.has(path) || existsSync(path),
    ask:
      options.answers === undefined
        ? null
        : async (question) => {
            questions.push(question);
            return answers.shift();
          },
    stdoutIsTTY: options.tty ?? false,
    stderrIsTTY: options.tty ?? false,
    stdinIsTTY: options.tty ?? false,
    columns: options.tty === true ? (options.columns ?? 80) : null,
    env: options.env ?? {},
    now: () => (clock += options.tick ?? 0),
    out: () => out,
    err: () => err,
    files,
    questions,
  };
}

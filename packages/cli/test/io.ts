import type { Io } from "../src/index.ts";

export interface MemoryIoOptions {
  readonly stdin?: string;
  readonly tty?: boolean;
  /** The terminal's width when `tty` (default 80). */
  readonly columns?: number;
  readonly env?: Record<string, string>;
  /** Milliseconds the clock advances on each reading (to drive the progress bar). */
  readonly tick?: number;
}

/**
 * An Io that records what a command writes, with a clock that advances by `tick` per
 * reading. A string argument is standard input alone.
 */
export function memoryIo(given: MemoryIoOptions | string = {}): Io & {
  out: () => string;
  err: () => string;
  files: Map<string, string>;
} {
  const options: MemoryIoOptions = typeof given === "string" ? { stdin: given } : given;
  let out = "";
  let err = "";
  let clock = 0;
  const files = new Map<string, string>();
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => options.stdin ?? "",
    writeFile: async (path, text) => {
      files.set(path, text);
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
  };
}

import type { Io } from "../src/index.ts";

/** An Io that records what a command writes. */
export function memoryIo(stdin = ""): Io & { out: () => string; err: () => string } {
  let out = "";
  let err = "";
  return {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readStdin: async () => stdin,
    out: () => out,
    err: () => err,
  };
}

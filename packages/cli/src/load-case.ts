import { realpathSync } from "node:fs";
import { resolve } from "node:path";
import { excerpt } from "@bpcheck/core";
import { DEFAULT_CASE_PATH, InputError, loadCaseFile, parseCase, type CaseFile } from "@bpcheck/golden";
import type { Io } from "./io.ts";
import { UsageError } from "./options.ts";

/** The case named by the positional argument: a file, "-" for stdin, or the embedded seed example. */
export async function loadCase(positionals: readonly string[], io: Io): Promise<CaseFile> {
  if (positionals.length > 1) {
    throw new UsageError("arguments", `expected at most one case file, got ${positionals.length}`);
  }
  const file = positionals[0];
  if (file === "-") {
    if (io.stdinIsTTY) io.stderr("bpcheck: reading a case from standard input (end it with Ctrl-D)\n");
    return parseCase("<stdin>", await readStdin(io));
  }
  return loadCaseFile(file ?? DEFAULT_CASE_PATH);
}

/** Standard input as text; a failure to read it (stdin is a directory, a closed descriptor) is the user's. */
export async function readStdin(io: Io): Promise<string> {
  try {
    return await io.readStdin();
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      "<stdin>",
      "$",
      `expected a readable case on standard input (${code ?? (e as Error).message})`,
    );
  }
}

/** The same file, following links where the path exists. */
function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  return real(a) === real(b);
}

/** An output file (`-o`, `--plot`) that is the case being read would destroy it: refused. */
export function checkOutputPath(flag: string, output: string, positionals: readonly string[]): void {
  const input = positionals[0] ?? DEFAULT_CASE_PATH;
  if (input !== "-" && samePath(output, input)) {
    throw new UsageError(flag, `"${excerpt(output)}" is the case file being read; write to another file`);
  }
}

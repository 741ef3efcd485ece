import { DEFAULT_CASE_PATH, loadCaseFile, parseCase, type CaseFile } from "@bpcheck/golden";
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
    return parseCase("<stdin>", await io.readStdin());
  }
  return loadCaseFile(file ?? DEFAULT_CASE_PATH);
}

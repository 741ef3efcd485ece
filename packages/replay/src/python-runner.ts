import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { InputError } from "@bpcheck/golden";
import type { ValueTree } from "./program-constants.ts";

/** The runner script, shipped with the package (`python/`), run as `python3 -I run.py`. */
const RUNNER = fileURLToPath(new URL("../python/run.py", import.meta.url));

/** Limits of one program run; the runner process as a whole gets every run's time and a margin to start. */
export const LIMITS = {
  /** CPU seconds per run of the program (CPU time, so that a loaded machine does not cut a run short). */
  timeSeconds: 20,
  /** Wall-clock seconds per run, for a program that waits instead of computing. */
  wallSeconds: 120,
  /** Address space of each runner process (the runner, and each worker it forks), numpy included, in bytes. */
  memoryBytes: 2 * 1024 ** 3,
  /** Characters of output kept per run. */
  outputChars: 10_000_000,
} as const;

/** The modules a program may import; plotting modules are stubs. */
export const ALLOWED_IMPORTS = ["numpy", "math", "random"] as const;
export const STUBBED_IMPORTS = ["matplotlib", "matplotlib.pyplot", "matplotlib.pylab", "pylab"] as const;

export type RunMode = "float64" | "exact";

export interface RunRequest {
  readonly id: string;
  /** The program text to run (patches applied). */
  readonly text: string;
  readonly mode: RunMode;
  /** Significant digits of the exact mode. */
  readonly digits?: number;
  /** Constants found on their line in `text`, with the case's values. */
  readonly constants: readonly { readonly line: number; readonly text: string; readonly values: ValueTree }[];
}

export interface StdoutLine {
  readonly text: string;
  /** The program line whose print began this line (null when no program line is on the stack). */
  readonly line: number | null;
}

export type RunErrorKind = "raised" | "syntax" | "constant" | "import" | "memory" | "time" | "output";

export interface RunError {
  readonly kind: RunErrorKind;
  readonly line: number | null;
  /** The Python exception's type (ValueError, …), or null. */
  readonly type: string | null;
  readonly message: string;
}

export interface RunResult {
  readonly id: string;
  readonly stdout: readonly StdoutLine[];
  /** Each constant's literal as written, in the order of the request. */
  readonly constants: readonly ValueTree[];
  readonly error: RunError | null;
}

export interface RunnerOptions {
  /** The Python interpreter (default `python3` on the PATH). */
  readonly python?: string;
  /** CPU seconds per run (default LIMITS.timeSeconds). */
  readonly timeSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs a program's texts in one separate Python process (`python/run.py`, which shares
 * them among forked workers, one per core): each run in a fresh namespace, with the import
 * allowlist, the time limit per run, the memory limit of the process. `file` is the
 * program file, named by every error: python3 or numpy missing, the process dying or
 * outliving every run's time limit.
 */
export function runPrograms(
  file: string,
  firstLine: number,
  runs: readonly RunRequest[],
  options: RunnerOptions = {},
): RunResult[] {
  const python = options.python ?? "python3";
  const timeSeconds = options.timeSeconds ?? LIMITS.timeSeconds;
  const wallSeconds = Math.max(LIMITS.wallSeconds, 6 * timeSeconds);
  const request = {
    firstLine,
    cpuLimitSeconds: timeSeconds,
    wallLimitSeconds: wallSeconds,
    memoryLimitBytes: LIMITS.memoryBytes,
    outputLimitChars: LIMITS.outputChars,
    runs,
  };
  const child = spawnSync(python, ["-I", RUNNER], {
    input: JSON.stringify(request),
    encoding: "utf8",
    timeout: (wallSeconds * runs.length + 30) * 1000,
    killSignal: "SIGKILL",
    maxBuffer: 2 * LIMITS.outputChars * runs.length + 1_000_000,
    // One BLAS thread: the machine's cores are not the program's to take, and each thread reserves memory.
    env: {
      ...(options.env ?? process.env),
      OPENBLAS_NUM_THREADS: "1",
      OMP_NUM_THREADS: "1",
      MKL_NUM_THREADS: "1",
    },
  });
  const err = child.error as NodeJS.ErrnoException | undefined;
  if (err?.code === "ENOENT") {
    throw new InputError(
      file,
      "$",
      `replay runs the program with ${python} and numpy, and ${python} was not found`,
    );
  }
  if (err?.code === "ETIMEDOUT" || (child.signal !== null && child.status === null)) {
    throw new InputError(
      file,
      "$",
      `the program's runner was stopped (${err?.code ?? child.signal}) after running past its limits`,
    );
  }
  if (err !== undefined) throw new InputError(file, "$", `could not run ${python}: ${err.message}`);
  let parsed: { unavailable?: string; runs?: RunResult[] };
  try {
    parsed = JSON.parse(child.stdout) as typeof parsed;
  } catch {
    const last = child.stderr.trim().split("\n").at(-1) ?? "";
    throw new InputError(
      file,
      "$",
      `the program's runner stopped without a result (exit ${child.status}${last ? `: ${last}` : ""})`,
    );
  }
  if (parsed.unavailable !== undefined) {
    throw new InputError(
      file,
      "$",
      `replay runs the program with ${python} and numpy: ${parsed.unavailable}`,
    );
  }
  return parsed.runs!;
}

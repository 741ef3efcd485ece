import { spawnSync } from "node:child_process";
import { InputError } from "@bpcheck/golden";
import type { ValueTree } from "./program-constants.ts";
import {
  DEFAULT_PYTHON,
  RUNNER,
  runnerEnv,
  spawnRunner,
  takePrestartedRunner,
  type RunnerExit,
} from "./runner-process.ts";

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
  /** Stop the run once this many lines of stdout have ended (nothing it prints later is read); absent or null: run to the end. */
  readonly stopAfterLines?: number | null;
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
  /** The run was stopped at the request's stopAfterLines. */
  readonly stoppedAfterLines: boolean;
  readonly error: RunError | null;
}

export interface RunnerOptions {
  /** The Python interpreter (default `python3` on the PATH). */
  readonly python?: string;
  /** CPU seconds per run (default LIMITS.timeSeconds). */
  readonly timeSeconds?: number;
  readonly env?: NodeJS.ProcessEnv;
}

/** Wall-clock seconds per run, and the whole process's limit for `runs` runs. */
function wallLimits(timeSeconds: number, runs: number): { perRun: number; processMs: number } {
  const perRun = Math.max(LIMITS.wallSeconds, 6 * timeSeconds);
  return { perRun, processMs: (perRun * runs + 30) * 1000 };
}

/** Output bytes kept of the runner process. */
const maxOutput = (runs: number) => 2 * LIMITS.outputChars * runs + 1_000_000;

function runnerRequest(firstLine: number, runs: readonly RunRequest[], timeSeconds: number): string {
  return JSON.stringify({
    firstLine,
    cpuLimitSeconds: timeSeconds,
    wallLimitSeconds: wallLimits(timeSeconds, runs.length).perRun,
    memoryLimitBytes: LIMITS.memoryBytes,
    outputLimitChars: LIMITS.outputChars,
    runs,
  });
}

/** The runs' results from what the runner process left; every failure an InputError naming `file`. */
function readRunnerExit(file: string, python: string, exit: RunnerExit): RunResult[] {
  const err = exit.error;
  if (err?.code === "ENOENT") {
    throw new InputError(
      file,
      "$",
      `replay runs the program with ${python} and numpy, and ${python} was not found`,
    );
  }
  if (err?.code === "ETIMEDOUT" || (exit.signal !== null && exit.status === null)) {
    throw new InputError(
      file,
      "$",
      `the program's runner was stopped (${err?.code ?? exit.signal}) after running past its limits`,
    );
  }
  if (err !== undefined) throw new InputError(file, "$", `could not run ${python}: ${err.message}`);
  let parsed: { unavailable?: string; runs?: RunResult[] };
  try {
    parsed = JSON.parse(exit.stdout) as typeof parsed;
  } catch {
    const last = exit.stderr.trim().split("\n").at(-1) ?? "";
    throw new InputError(
      file,
      "$",
      `the program's runner stopped without a result (exit ${exit.status}${last ? `: ${last}` : ""})`,
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
  const python = options.python ?? DEFAULT_PYTHON;
  const timeSeconds = options.timeSeconds ?? LIMITS.timeSeconds;
  const child = spawnSync(python, ["-I", RUNNER], {
    input: runnerRequest(firstLine, runs, timeSeconds),
    encoding: "utf8",
    timeout: wallLimits(timeSeconds, runs.length).processMs,
    killSignal: "SIGKILL",
    maxBuffer: maxOutput(runs.length),
    env: runnerEnv(options.env ?? process.env),
  });
  return readRunnerExit(file, python, {
    error: child.error as NodeJS.ErrnoException | undefined,
    status: child.status,
    signal: child.signal,
    stdout: child.stdout,
    stderr: child.stderr,
  });
}

/** A runner process started before its runs are known (see `startRunner`). */
export interface ProgramRunner {
  /** Sends the runs (once) and resolves with their results, as `runPrograms` returns them. */
  run(file: string, firstLine: number, runs: readonly RunRequest[]): Promise<RunResult[]>;
  /** Stops the process when no run will be sent (nothing happens after `run`). */
  cancel(): void;
}

/**
 * The runner process started now (or the one `prestartRunner` started, which the CLI does
 * before it loads the replay command), its runs sent later: python3 and numpy start while
 * the caller still reads the case and prepares the runs, which is most of a short replay's
 * time. The runner imports what the runs need before it reads its request.
 */
export function startRunner(options: RunnerOptions = {}): ProgramRunner {
  const python = options.python ?? DEFAULT_PYTHON;
  const timeSeconds = options.timeSeconds ?? LIMITS.timeSeconds;
  const env = options.env ?? process.env;
  const runner = takePrestartedRunner(python, env) ?? spawnRunner(python, env);
  let sent = false;
  return {
    async run(file, firstLine, runs) {
      sent = true;
      const request = runnerRequest(firstLine, runs, timeSeconds);
      const limits = wallLimits(timeSeconds, runs.length);
      return readRunnerExit(
        file,
        python,
        await runner.send(request, limits.processMs, maxOutput(runs.length)),
      );
    },
    cancel() {
      if (!sent) runner.kill();
    },
  };
}

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * The runner's process, started before its request is known. This file imports nothing
 * of bpcheck's, so that the CLI can start python3 before it loads the replay command:
 * python3 with numpy takes longer to start than the command takes to load.
 */

/** The runner script, shipped with the package (`python/`), run as `python3 -I run.py`. */
export const RUNNER = fileURLToPath(new URL("../python/run.py", import.meta.url));

/** The interpreter a replay runs unless told otherwise: python3 on the PATH. */
export const DEFAULT_PYTHON = "python3";

/** The interpreter a replay runs: BPCHECK_PYTHON, or DEFAULT_PYTHON. */
export function runnerPython(env: Readonly<Record<string, string | undefined>>): string {
  const named = env.BPCHECK_PYTHON;
  return named === undefined || named === "" ? DEFAULT_PYTHON : named;
}

export function runnerEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // One BLAS thread: the machine's cores are not the program's to take, and each thread reserves memory.
  return { ...env, OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
}

/** What the process left: the parts of spawnSync's result that reading the result needs. */
export interface RunnerExit {
  readonly error: NodeJS.ErrnoException | undefined;
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A started runner process, every event of it collected from the start. */
export interface RunnerProcess {
  readonly python: string;
  readonly env: NodeJS.ProcessEnv;
  /** Writes the request and resolves when the process has ended (killed after `timeoutMs`, or past `maxOutput` characters). */
  send(request: string, timeoutMs: number, maxOutput: number): Promise<RunnerExit>;
  kill(): void;
}

export function spawnRunner(python: string, env: NodeJS.ProcessEnv): RunnerProcess {
  const child = spawn(python, ["-I", RUNNER], { env: runnerEnv(env), stdio: "pipe" });
  let error: NodeJS.ErrnoException | undefined;
  let stdout = "";
  let stderr = "";
  let limit = Infinity;
  const stop = (code: string, message: string) => {
    error ??= Object.assign(new Error(message), { code });
    child.kill("SIGKILL");
  };
  child.stdout.setEncoding("utf8").on("data", (d: string) => {
    stdout += d;
    if (stdout.length > limit) stop("ENOBUFS", "its output passed the limit kept");
  });
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  // A runner that exits before reading its request (no numpy) closes stdin: not an error of ours.
  child.stdin.on("error", () => {});
  const exited = new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on("error", (e) => {
      error ??= e;
      resolve({ status: null, signal: null });
    });
    child.on("close", (status, signal) => resolve({ status, signal }));
  });
  return {
    python,
    env,
    async send(request, timeoutMs, maxOutput) {
      limit = maxOutput;
      const timer = setTimeout(() => stop("ETIMEDOUT", "timed out"), timeoutMs);
      child.stdin.end(request);
      const { status, signal } = await exited;
      clearTimeout(timer);
      return { error, status, signal, stdout, stderr };
    },
    kill: () => child.kill("SIGKILL"),
  };
}

let prestarted: RunnerProcess | null = null;

/**
 * Starts the runner process for `python` now, with the process's environment, for the
 * replay that will claim it (`takePrestartedRunner`). One that no replay claims is killed
 * when bpcheck exits.
 */
export function prestartRunner(python: string): void {
  if (prestarted !== null) return;
  const started = spawnRunner(python, process.env);
  prestarted = started;
  process.once("exit", () => started.kill());
}

/** The process `prestartRunner` started, once, if it is for `python` and `env`; null otherwise (one for others is killed). */
export function takePrestartedRunner(python: string, env: NodeJS.ProcessEnv): RunnerProcess | null {
  const started = prestarted;
  prestarted = null;
  if (started === null) return null;
  if (started.python === python && started.env === env) return started;
  started.kill();
  return null;
}

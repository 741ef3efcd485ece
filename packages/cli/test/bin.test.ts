import { execFile, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, openSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CASE_PATH } from "@bpcheck/golden";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { tempDir } from "./temp-case.ts";

const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url));

/** The real bin in a child process, with stdout and stderr as pipes (not terminals). */
async function bpcheck(args: string[], env: Record<string, string> = {}) {
  const result = await promisify(execFile)(
    process.execPath,
    ["--import", "tsx", "--conditions=@bpcheck/source", bin, ...args],
    { cwd: fileURLToPath(new URL("..", import.meta.url)), env: { ...process.env, ...env } },
  ).catch((e: { code: number; stdout: string; stderr: string }) => e);
  return { code: "code" in result ? result.code : 0, stdout: result.stdout, stderr: result.stderr };
}

// A child process starts tsx and compiles the sources: seconds on a loaded machine.
describe("the bpcheck bin", { timeout: 60_000 }, () => {
  it("exits 2 on bad input with one line and no stack trace", async () => {
    const r = await bpcheck(["run", "--mode", "nope"]);
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: 'bpcheck: --mode: unknown mode "nope" (expected: float32, float64, exact)\n',
    });
  });

  it("exits 1 when a check fails and prints plain text to a pipe", async () => {
    const r = await bpcheck(["gradcheck", "--mode", "float32", "--tolerance", "1e-9"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("FAIL");
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stderr).toBe("");
  });

  it("as `pnpm bpcheck`, runs the bundle and resolves paths from the folder the user ran it in", async () => {
    // pnpm runs a root script in the repository root and passes the user's folder as INIT_CWD.
    const folder = join(tempDir(), "my cases", "Fälle");
    mkdirSync(folder, { recursive: true });
    copyFileSync(DEFAULT_CASE_PATH, join(folder, "case.json"));
    const launcher = fileURLToPath(new URL("../bin/bpcheck.js", import.meta.url));
    const result = await promisify(execFile)(process.execPath, [launcher, "validate", "case.json"], {
      cwd: fileURLToPath(new URL("../../..", import.meta.url)),
      env: { ...process.env, npm_lifecycle_event: "bpcheck", INIT_CWD: folder },
    });
    expect(result).toEqual({ stdout: "case.json: valid\n", stderr: "" });
  });
});

describe("the bpcheck bin at the edges of the process", { timeout: 60_000 }, () => {
  it("stdin from a directory reports EISDIR", async () => {
    const r = await bpcheckWith(["run", "-"], { stdin: "directory" });
    expect(r).toEqual({
      code: 2,
      stderr: "bpcheck: <stdin>: $: expected a readable case on standard input (EISDIR)\n",
    });
  });

  it("stdin that is not UTF-8 is refused at its first bad byte", async () => {
    const r = await bpcheckWith(["run", "-"], { stdinBytes: Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]) });
    expect(r).toEqual({
      code: 2,
      stderr: "bpcheck: <stdin>: byte offset 2: expected UTF-8 text (this looks like another encoding)\n",
    });
  });

  it.skipIf(!existsSync("/dev/full"))("a full standard output ends with one line and exit 74", async () => {
    const r = await bpcheckWith(["run"], { stdout: "/dev/full" });
    expect(r).toEqual({ code: 74, stderr: "bpcheck: cannot write standard output (ENOSPC)\n" });
  });
});

/** The bin with stdin from a directory or given bytes, or stdout to a device; returns the exit code and stderr. */
function bpcheckWith(
  args: string[],
  how: { stdin?: "directory"; stdinBytes?: Buffer; stdout?: string },
): Promise<{ code: number | null; stderr: string }> {
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const stdin = how.stdin === "directory" ? openSync(cwd, "r") : "pipe";
  const stdout = how.stdout === undefined ? "ignore" : openSync(how.stdout, "w");
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=@bpcheck/source", bin, ...args], {
    cwd,
    stdio: [stdin, stdout, "pipe"],
  });
  if (how.stdinBytes !== undefined) child.stdin!.end(how.stdinBytes);
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on("close", (code) => done({ code, stderr })));
}

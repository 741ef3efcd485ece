import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

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
});

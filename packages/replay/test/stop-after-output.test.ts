import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FIXTURES_DIR, InputError, loadCaseFile } from "@bpcheck/golden";
import { describe, expect, it } from "vitest";
import {
  loadPublishedProgram,
  prestartRunner,
  replayProgram,
  replayProgramWith,
  startRunner,
  type ProgramReplay,
  type ReplayOptions,
} from "../src/index.ts";
import { tinyProgram } from "./helpers.ts";

const bothModes: ReplayOptions = { modes: [{ mode: "exact" }, { mode: "float64" }] };

/** A replay with each variant's stopping point left out: what the judging of the printed numbers says. */
function judged(r: ProgramReplay) {
  return {
    disagreements: r.disagreements,
    modes: r.modes.map((m) => ({
      ...m,
      variants: m.variants.map((v) => ({ ...v, stoppedAfterLine: null })),
    })),
  };
}

describe.each(["bp-worked-example-zh", "hmkcode-2018"])(
  "%s: runs stopped after the last line the source shows",
  (id) => {
    const dir = join(FIXTURES_DIR, id);
    const c = loadCaseFile(join(dir, "case.json"));
    const program = loadPublishedProgram(join(dir, "program-output.json"));
    const { stdoutLine, lines } = program.output.output;
    const last = stdoutLine - 1 + lines.length;
    const stopped = replayProgram(c, program, bothModes);
    const whole = replayProgram(c, program, { ...bothModes, fullRun: true });

    it("judge every printed number of every variant, in both modes, as whole runs do", () => {
      expect(judged(stopped)).toEqual(judged(whole));
    });

    it("say where they stopped; a variant that raises first, and whole runs, stop nowhere", () => {
      for (const m of stopped.modes) {
        for (const v of m.variants) expect(v.stoppedAfterLine, v.name).toBe(v.stop === null ? last : null);
      }
      for (const m of whole.modes) for (const v of m.variants) expect(v.stoppedAfterLine).toBeNull();
    });
  },
);

describe("what only a whole run sees", () => {
  it("a program that never ends after its shown output is stopped there, not at its time limit", () => {
    const { c, program } = tinyProgram('print("value:", 1.5)\nwhile True:\n    pass\n');
    const [m] = replayProgram(c, program, { modes: [{ mode: "float64" }], timeSeconds: 1 }).modes;
    expect(m!.variants[0]!.matched).toEqual(["value"]);
    expect(() =>
      replayProgram(c, program, { modes: [{ mode: "float64" }], timeSeconds: 1, fullRun: true }),
    ).toThrow(/line [23]: the program was still running after 1 s of CPU time/);
  });

  it("an exception after the shown output", () => {
    const { c, program } = tinyProgram('print("value:", 1.5)\nx = 1 / 0\n');
    const [m] = replayProgram(c, program, { modes: [{ mode: "float64" }] }).modes;
    expect([m!.variants[0]!.stop, m!.variants[0]!.stoppedAfterLine]).toEqual([null, 1]);
    expect(() => replayProgram(c, program, { modes: [{ mode: "float64" }], fullRun: true })).toThrow(
      /program\.py: line 2: the program raised ZeroDivisionError/,
    );
  });

  it("a program's finally: that prints after the stop does not resume it", () => {
    const text = 'try:\n    print("value:", 1.5)\n    print("later")\nfinally:\n    print("last")\n';
    const { c, program } = tinyProgram(text);
    const [m] = replayProgram(c, program, { modes: [{ mode: "float64" }] }).modes;
    expect([m!.variants[0]!.matched, m!.variants[0]!.stop, m!.variants[0]!.stoppedAfterLine]).toEqual([
      ["value"],
      null,
      1,
    ]);
  });
});

/**
 * Whether process `pid` ends within 10 s. A killed process stays a zombie until its parent
 * reaps it, which kill -0 cannot tell from a live one; /proc can (state Z).
 */
async function ended(pid: number): Promise<boolean> {
  for (let k = 0; k < 500; k++) {
    const stat = `/proc/${pid}/stat`;
    const gone = existsSync("/proc/self/stat")
      ? !existsSync(stat) || readFileSync(stat, "utf8").split(") ")[1]?.startsWith("Z") === true
      : spawnSync("kill", ["-0", String(pid)]).status !== 0;
    if (gone) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe("a runner started before its runs are known", { timeout: 30_000 }, () => {
  it("gives the replay replayProgram gives", async () => {
    const c = loadCaseFile();
    const program = loadPublishedProgram();
    const started = await replayProgramWith(startRunner(), c, program, bothModes);
    expect(started).toEqual(replayProgram(c, program, bothModes));
  });

  it("names a missing python3 in one line naming the program", async () => {
    const { c, program } = tinyProgram('print("value:", 1.5)\n');
    const runner = startRunner({ python: "/nonexistent/python3" });
    const replay = replayProgramWith(runner, c, program, { modes: [{ mode: "float64" }] });
    await expect(replay).rejects.toBeInstanceOf(InputError);
    await expect(replay).rejects.toThrow(
      /program\.py: \$: replay runs the program with \/nonexistent\/python3 and numpy, and \/nonexistent\/python3 was not found$/,
    );
  });

  it("is stopped by cancel when no run is sent", async () => {
    // A stand-in interpreter that writes its pid and then waits for a request that never comes.
    const dir = mkdtempSync(join(tmpdir(), "bpcheck-runner-"));
    const pidFile = join(dir, "pid");
    const python = join(dir, "python");
    writeFileSync(python, `#!/bin/sh\necho $$ > ${pidFile}\nexec sleep 60\n`);
    chmodSync(python, 0o755);
    const runner = startRunner({ python });
    for (let k = 0; k < 200 && !existsSync(pidFile); k++) await new Promise((r) => setTimeout(r, 10));
    const pid = Number(readFileSync(pidFile, "utf8"));
    runner.cancel();
    expect(await ended(pid)).toBe(true);
  });

  it("claims the process prestartRunner started for the same interpreter, and kills one for another", async () => {
    // Stand-in interpreters that note their pid, then run python3 itself.
    const dir = mkdtempSync(join(tmpdir(), "bpcheck-runner-"));
    const interpreter = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, `#!/bin/sh\necho $$ >> ${join(dir, `${name}.pids`)}\nexec python3 "$@"\n`);
      chmodSync(path, 0o755);
      return path;
    };
    const pids = async (name: string) => {
      const file = join(dir, `${name}.pids`);
      for (let k = 0; k < 200 && !existsSync(file); k++) await new Promise((r) => setTimeout(r, 10));
      return readFileSync(file, "utf8").trim().split("\n").map(Number);
    };
    const { c, program } = tinyProgram('print("value:", 1.5)\n');
    const float64Only: ReplayOptions = { modes: [{ mode: "float64" }] };

    const same = interpreter("same");
    prestartRunner(same);
    const claimed = await replayProgramWith(startRunner({ python: same }), c, program, float64Only);
    expect(claimed.modes[0]!.variants[0]!.matched).toEqual(["value"]);
    expect(await pids("same")).toHaveLength(1);

    const other = interpreter("other");
    prestartRunner(other);
    const [otherPid] = await pids("other");
    const replaced = await replayProgramWith(startRunner({ python: same }), c, program, float64Only);
    expect(replaced.modes[0]!.variants[0]!.matched).toEqual(["value"]);
    expect(await pids("same")).toHaveLength(2);
    expect(await ended(otherPid!)).toBe(true);
  });
});

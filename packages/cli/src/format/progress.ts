import type { Io } from "../io.ts";

/** Runs shorter than this draw no progress bar at all. */
export const PROGRESS_DELAY_MS = 1000;
const REDRAW_MS = 100;
const BAR_WIDTH = 30;

export interface Progress {
  /** Reports that `done` of `total` units are finished. */
  readonly update: (done: number) => void;
  /** Clears the bar, if one was drawn. */
  readonly finish: () => void;
}

/**
 * A progress bar on stderr for long runs: drawn only when stderr is a terminal, only
 * once the run has lasted PROGRESS_DELAY_MS, and redrawn at most every 100 ms, so
 * quick runs and redirected output never see it (nor a dumb terminal).
 */
export function progressBar(io: Io, total: number, label: string): Progress {
  // A dumb terminal cannot erase the bar: it would stay in the output.
  if (!io.stderrIsTTY || io.env.TERM === "dumb") return { update: () => {}, finish: () => {} };
  const start = io.now();
  let drawn = false;
  let last = -Infinity;
  return {
    update(done) {
      const t = io.now();
      if (t - start < PROGRESS_DELAY_MS || t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      const filled = Math.round((BAR_WIDTH * done) / total);
      const percent = Math.floor((100 * done) / total);
      io.stderr(
        `\r${label} [${"#".repeat(filled)}${".".repeat(BAR_WIDTH - filled)}] ${percent}% (${done}/${total})`,
      );
    },
    finish() {
      if (drawn) io.stderr("\r\u001b[K");
    },
  };
}

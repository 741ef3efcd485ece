import type { Io } from "../io.ts";

export interface Style {
  readonly bold: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly good: (s: string) => string;
  readonly bad: (s: string) => string;
}

const plain = (s: string) => s;
const sgr = (code: number) => (s: string) => `\u001b[${code}m${s}\u001b[0m`;

/**
 * ANSI colours on stdout only when it is a terminal, NO_COLOR is unset or empty (the
 * no-color.org convention; `--no-color` sets it) and TERM is not "dumb"; otherwise plain
 * text.
 */
export function styleFor(io: Io): Style {
  const colour = io.stdoutIsTTY && !io.env.NO_COLOR && io.env.TERM !== "dumb";
  if (!colour) return { bold: plain, dim: plain, good: plain, bad: plain };
  return { bold: sgr(1), dim: sgr(2), good: sgr(32), bad: sgr(31) };
}

import { maxOf } from "@bpcheck/core";
import type { ProgramOutput, PrintedNumber } from "./program-output.ts";
import { BUGS, type BugName } from "./program.ts";
import { formatFloat } from "./numpy-print.ts";
import { replay, type ReplayError, type ReplayOptions, type ReplayResult } from "./replay.ts";
import type { ReplayMode } from "./replay-modes.ts";

/** `replay` in a mode, with the mode's own square root when it has one. */
export function replayIn<T>(
  mode: ReplayMode<T>,
  options: Omit<ReplayOptions<T>, "sqrt"> = {},
): ReplayResult<T> {
  return replay(mode.field, mode.sqrt === undefined ? options : { ...options, sqrt: mode.sqrt });
}

/** A printed number against what the replay prints in its place. */
export interface NumberVerdict<T> {
  readonly printed: PrintedNumber;
  /** The replayed value, or null when the replay stopped before printing it. */
  readonly value: T | null;
  /** The value as numpy prints it, or null when it was not printed. */
  readonly numpy: string | null;
  /** The digit strings are equal (strings, never doubles, are compared). */
  readonly match: boolean;
}

/** Judges every printed number against a replay's output, by numpy's printed digits. */
export function judge<T>(
  result: ReplayResult<T>,
  mode: ReplayMode<T>,
  printed: readonly PrintedNumber[],
): NumberVerdict<T>[] {
  return printed.map((p) => {
    const array = result.printed.find((a) => a.epoch === p.epoch && a.name === p.array);
    const value = array?.value.rows[p.index[0]]?.[p.index[1]] ?? null;
    const numpy = value === null ? null : formatFloat(mode.exactValue(value));
    return { printed: p, value, numpy, match: numpy === p.printed };
  });
}

/** One variant of the program in the ablation: which bugs are fixed, and which printed numbers survive. */
export interface AblationRow {
  readonly name: string;
  readonly fixed: readonly BugName[];
  /** Where numpy would stop, or null when all epochs ran. */
  readonly error: ReplayError | null;
  /** Ids of printed numbers the variant reproduces digit for digit. */
  readonly matched: readonly string[];
  /** Ids of printed numbers it does not reproduce: mismatched and not printed together. */
  readonly broken: readonly string[];
  /** Ids of printed numbers it prints with other digits. */
  readonly mismatched: readonly string[];
  /** Ids of printed numbers it never prints (it stopped before). */
  readonly notPrinted: readonly string[];
}

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * The variants of the ablation: the program as written, each bug fixed alone, the two
 * shape bugs fixed together (the correct backpropagation for W0), and all fixed.
 */
export const ABLATION_VARIANTS: readonly { readonly name: string; readonly fixed: readonly BugName[] }[] = [
  { name: "as-written", fixed: [] },
  ...BUGS.map((b) => ({ name: `fix-${kebab(b)}`, fixed: [b] })),
  { name: "fix-both-shapes", fixed: ["rowL1Error", "rowBroadcastW0Update"] },
  { name: "corrected", fixed: [...BUGS] },
];

/** Replays every ablation variant in `mode` and judges it against the printed output. */
export function ablation<T>(mode: ReplayMode<T>, output: ProgramOutput): AblationRow[] {
  const epochs = maxOf(output.printed.map((p) => p.epoch));
  return ABLATION_VARIANTS.map(({ name, fixed }) => {
    const bugs = Object.fromEntries(fixed.map((b) => [b, false]));
    const result = replayIn(mode, { bugs, epochs });
    const verdicts = judge(result, mode, output.printed);
    return {
      name,
      fixed,
      error: result.error,
      matched: verdicts.filter((v) => v.match).map((v) => v.printed.id),
      broken: verdicts.filter((v) => !v.match).map((v) => v.printed.id),
      mismatched: verdicts.filter((v) => !v.match && v.numpy !== null).map((v) => v.printed.id),
      notPrinted: verdicts.filter((v) => v.numpy === null).map((v) => v.printed.id),
    };
  });
}

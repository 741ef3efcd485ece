import { FIXTURES_DIR, InputError, LIMITS, parseJson, readInputFile, validateAgainst } from "@bpcheck/golden";

/** Last epoch a replay runs to (the exact replay of the published program takes about a millisecond an epoch). */
export const MAX_REPLAY_EPOCHS = 10_000;
import type { ErratumEntry, SourceLocation } from "@bpcheck/golden";
import type { PrintedArrayName } from "./replay.ts";
import type { BugName } from "./program.ts";

export interface OutputLine {
  readonly line: number;
  readonly text: string;
}

/** One number of the program's printed output, as printed. */
export interface PrintedNumber {
  readonly id: string;
  readonly epoch: number;
  readonly array: PrintedArrayName;
  readonly index: readonly [number, number];
  readonly printed: string;
  readonly location: SourceLocation;
}

export type ErratumKind =
  | "wrong-formula"
  | "wrong-parameter"
  | "shape"
  | "misleading-comment"
  | "naming"
  | "duplication"
  | "dead-code"
  | "output-text"
  | "abridged-output"
  | "style";

export interface CodeErratum extends ErratumEntry {
  readonly kind: ErratumKind;
  readonly proof: {
    readonly switch: BugName | null;
    /** Printed numbers the replay no longer reproduces when this bug alone is fixed. */
    readonly explains: readonly string[];
    readonly evidence: string;
  };
}

/** `fixtures/<case>/program-output.json` (schema `program-output`). */
export interface ProgramOutput {
  readonly schema: "bpcheck-program-output";
  readonly version: 1;
  readonly case: string;
  readonly source: {
    readonly file: string;
    readonly section: string;
    readonly program: { readonly firstLine: number; readonly lastLine: number };
    readonly output: { readonly firstLine: number; readonly lastLine: number };
  };
  readonly notes: Readonly<Record<ErratumKind, string>>;
  readonly output: readonly OutputLine[];
  readonly printed: readonly PrintedNumber[];
  readonly errata: readonly CodeErratum[];
}

/** The seed article's program output. */
export const DEFAULT_PROGRAM_OUTPUT_PATH = `${FIXTURES_DIR}bp-worked-example-zh/program-output.json`;

/** Reads, parses and validates a program-output file; mistakes are InputErrors naming file and path. */
export function loadProgramOutput(file: string = DEFAULT_PROGRAM_OUTPUT_PATH): ProgramOutput {
  const text = readInputFile(file, "a readable program-output file");
  const output = validateAgainst<ProgramOutput>("program-output", file, parseJson(file, text));
  // The replay runs to the last printed epoch, and judges every printed number.
  if (output.printed.length > LIMITS.maxPublished) {
    throw new InputError(
      file,
      "$.printed",
      `expected at most ${LIMITS.maxPublished} printed numbers, got ${output.printed.length}`,
    );
  }
  output.printed.forEach((p, n) => {
    if (p.epoch > MAX_REPLAY_EPOCHS) {
      throw new InputError(
        file,
        `$.printed[${n}].epoch`,
        `expected an epoch of at most ${MAX_REPLAY_EPOCHS}, got ${p.epoch}`,
      );
    }
  });
  return output;
}

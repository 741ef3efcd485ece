import { dirname, join } from "node:path";
import { excerpt } from "@bpcheck/core";
import {
  FIXTURES_DIR,
  InputError,
  LIMITS,
  parseJson,
  readFixtureText,
  validateAgainst,
} from "@bpcheck/golden";
import type { ErratumEntry } from "@bpcheck/golden";
import { numbersOfLine } from "./printed-numbers.ts";

/**
 * The most epochs a replayed program may run, read from its `epochs` constant: a whole
 * replay (`--full-run`, and the fixtures) runs each variant to the program's last epoch
 * (about a millisecond an epoch in the exact mode), and refuses more up front instead of
 * running into the runner's CPU limit.
 */
export const MAX_REPLAY_EPOCHS = 10_000;

export interface OutputLine {
  readonly line: number;
  readonly text: string;
}

/** A case quantity ("x[0]", "W[0][1][0]", "epochs", "learningRate"), or a list of them nested as the program's literal. */
export type QuantityTree = string | readonly QuantityTree[];

/** A constant of the program that stands for a quantity of the case. */
export interface ProgramConstant {
  readonly id: string;
  /** Source line of the literal (of the program as written, or of a patch's corrected text). */
  readonly line: number;
  /** The literal as written on that line. */
  readonly text: string;
  readonly quantity: QuantityTree;
}

/** One number of the output the source shows: the `ordinal`-th number of source line `line`. */
export interface PrintedNumber {
  readonly id: string;
  readonly line: number;
  readonly ordinal: number;
  readonly printed: string;
}

export interface PatchEdit {
  readonly line: number;
  /** The text as written (the whole line or a part of it, found exactly once on the line). */
  readonly written: string;
  readonly corrected: string;
}

/** A code erratum as a patch of the program text. */
export interface Patch {
  readonly id: string;
  readonly reason: string;
  readonly edits: readonly PatchEdit[];
}

export interface AblationGroup {
  readonly name: string;
  readonly patches: readonly string[];
  readonly comment: string;
}

export interface LearningRate {
  readonly id: string;
  readonly learningRate: string;
  readonly comment: string;
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
    /** The patch of this erratum, or null when it changes no printed number. */
    readonly patch: string | null;
    /** Printed numbers the replay no longer reproduces when this patch alone is applied. */
    readonly explains: readonly string[];
    readonly evidence: string;
  };
}

/** `fixtures/<case>/program-output.json` (schema `program-output`, version 2). */
export interface ProgramOutput {
  readonly schema: "bpcheck-program-output";
  readonly version: 2;
  readonly case: string;
  readonly source: {
    readonly file: string;
    readonly section: string;
    readonly program: { readonly file: string; readonly firstLine: number; readonly lastLine: number };
    readonly output: { readonly file?: string; readonly firstLine: number; readonly lastLine: number };
  };
  readonly constants: readonly ProgramConstant[];
  readonly notes: Readonly<Record<ErratumKind, string>>;
  readonly output: { readonly stdoutLine: number; readonly lines: readonly OutputLine[] };
  readonly printed: readonly PrintedNumber[];
  readonly patches: readonly Patch[];
  readonly ablation?: readonly AblationGroup[];
  readonly trajectories?: readonly LearningRate[];
  readonly errata: readonly CodeErratum[];
}

/** A program-output file with the program text it names, read from beside it. */
export interface PublishedProgram {
  readonly output: ProgramOutput;
  /** The program-output file and the program file, as given. */
  readonly outputFile: string;
  readonly programFile: string;
  /** The program exactly as published: line k is source line firstLine + k − 1. */
  readonly text: string;
}

/** The seed article's program output. */
export const DEFAULT_PROGRAM_OUTPUT_PATH = `${FIXTURES_DIR}bp-worked-example-zh/program-output.json`;

/** Reads, parses and validates a program-output file; mistakes are InputErrors naming file and path. */
export function loadProgramOutput(file: string = DEFAULT_PROGRAM_OUTPUT_PATH): ProgramOutput {
  const output = validateAgainst<ProgramOutput>("program-output", file, parseJson(file, readText(file)));
  checkConsistency(file, output);
  return output;
}

/** A program-output file and the program text beside it, both checked. */
export function loadPublishedProgram(file: string = DEFAULT_PROGRAM_OUTPUT_PATH): PublishedProgram {
  const output = loadProgramOutput(file);
  const programFile = join(dirname(file), output.source.program.file);
  const text = readText(programFile);
  const { firstLine, lastLine } = output.source.program;
  const lines = programLines(text).length;
  if (lines !== lastLine - firstLine + 1) {
    throw new InputError(
      file,
      "$.source.program",
      `expected ${output.source.program.file} to hold source lines ${firstLine}–${lastLine} (${lastLine - firstLine + 1} lines), it has ${lines}`,
    );
  }
  return { output, outputFile: file, programFile, text };
}

/** The lines of a program text (a final newline ends the last line, it does not begin another). */
export function programLines(text: string): string[] {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  return lines;
}

function readText(file: string): string {
  try {
    return readFixtureText(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new InputError(file, "$", `expected a readable file (${code})`);
  }
}

/**
 * What the schema cannot say: at most LIMITS.maxPublished printed numbers, a program of at
 * most MAX_REPLAY_EPOCHS epochs, printed numbers on their lines, ids unique and known.
 */
function checkConsistency(file: string, o: ProgramOutput): void {
  if (o.printed.length > LIMITS.maxPublished) {
    throw new InputError(
      file,
      "$.printed",
      `expected at most ${LIMITS.maxPublished} printed numbers, got ${o.printed.length}`,
    );
  }
  o.constants.forEach((c, k) => {
    if (c.quantity !== "epochs") return;
    const epochs = /^\d+$/.test(c.text.trim()) ? Number(c.text.trim()) : Number.NaN;
    if (!(epochs <= MAX_REPLAY_EPOCHS)) {
      throw new InputError(
        file,
        `$.constants[${k}].text`,
        `expected the program's epochs, a whole number of at most ${MAX_REPLAY_EPOCHS} (a whole replay runs the program to its last epoch), got "${excerpt(c.text, 40)}"`,
      );
    }
  });
  const lines = new Map(o.output.lines.map((l) => [l.line, l.text]));
  o.printed.forEach((p, k) => {
    const text = lines.get(p.line);
    if (text === undefined) {
      throw new InputError(file, `$.printed[${k}].line`, `expected a line of $.output.lines, got ${p.line}`);
    }
    const shown = numbersOfLine(text)[p.ordinal];
    if (shown !== p.printed) {
      throw new InputError(
        file,
        `$.printed[${k}]`,
        `expected number ${p.ordinal} of line ${p.line} to be "${p.printed}" as printed, the line shows ${shown === undefined ? "fewer numbers" : `"${shown}"`}`,
      );
    }
  });
  unique(
    file,
    "$.printed",
    o.printed.map((p) => p.id),
  );
  unique(
    file,
    "$.patches",
    o.patches.map((p) => p.id),
  );
  unique(
    file,
    "$.constants",
    o.constants.map((c) => c.id),
  );
  const patchIds = new Set(o.patches.map((p) => p.id));
  (o.ablation ?? []).forEach((g, k) =>
    g.patches.forEach((id, j) => {
      if (!patchIds.has(id))
        throw new InputError(file, `$.ablation[${k}].patches[${j}]`, `expected a patch id, got "${id}"`);
    }),
  );
  o.errata.forEach((e, k) => {
    if (e.proof.patch !== null && !patchIds.has(e.proof.patch)) {
      throw new InputError(file, `$.errata[${k}].proof.patch`, `expected a patch id, got "${e.proof.patch}"`);
    }
  });
}

function unique(file: string, path: string, ids: readonly string[]): void {
  // One pass with a set: the ids of thousands of printed numbers are no quadratic scan.
  const seen = new Set<string>();
  const k = ids.findIndex((id) => seen.size === seen.add(id).size);
  if (k >= 0)
    throw new InputError(file, `${path}[${k}].id`, `expected a unique id, "${ids[k]}" is used twice`);
}

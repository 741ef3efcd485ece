import { InputError, type CaseFile } from "@bpcheck/golden";
import {
  constantDisagreements,
  constantValues,
  type ConstantDisagreement,
  type ValueTree,
} from "./program-constants.ts";
import { programLines, type PublishedProgram } from "./program-output.ts";
import { applyPatches } from "./program-patches.ts";
import { numbersOfLine, reproduces } from "./printed-numbers.ts";
import {
  runPrograms,
  type ProgramRunner,
  type RunError,
  type RunMode,
  type RunnerOptions,
  type RunRequest,
  type RunResult,
} from "./python-runner.ts";

/** Working precision of the exact replay, in significant digits. */
export const REPLAY_DIGITS = 60;

/** One variant of the program: the patches applied (none: the program as written). */
export interface Variant {
  readonly name: string;
  readonly patches: readonly string[];
}

/**
 * The variants of the ablation: the program as written, each patch applied alone, the
 * groups the program-output file names, and every patch together ("corrected").
 */
export function ablationVariants(program: PublishedProgram): Variant[] {
  const ids = program.output.patches.map((p) => p.id);
  return [
    { name: "as-written", patches: [] },
    ...ids.map((id) => ({ name: `fix-${id}`, patches: [id] })),
    ...(program.output.ablation ?? []).map((g) => ({ name: g.name, patches: g.patches })),
    ...(ids.length > 1 ? [{ name: "corrected", patches: ids }] : []),
  ];
}

/** A printed number against what the replay printed in its place. */
export interface ReplayedNumber {
  readonly id: string;
  /** The source line showing the number, and which number of that line it is. */
  readonly line: number;
  readonly ordinal: number;
  readonly printed: string;
  /** The replay's number in its place, as printed; null when the run printed no such line or number. */
  readonly replayed: string | null;
  /** The program line whose print wrote it. */
  readonly printedBy: number | null;
  readonly match: boolean;
}

/** Where a run stopped: the exception the program raised, on a line of the text it ran. */
export interface VariantStop extends RunError {
  readonly code: string | null;
}

export interface VariantReplay extends Variant {
  readonly numbers: readonly ReplayedNumber[];
  readonly stop: VariantStop | null;
  /** The stdout line after which the run was stopped, the last the source shows; null when it ran to its end or raised. */
  readonly stoppedAfterLine: number | null;
  /** Ids of printed numbers it reproduces, prints otherwise, never prints. */
  readonly matched: readonly string[];
  readonly mismatched: readonly string[];
  readonly notPrinted: readonly string[];
}

export interface ModeReplay {
  readonly mode: RunMode;
  readonly digits: number | null;
  /** Every variant, the program as written first. */
  readonly variants: readonly VariantReplay[];
}

export interface ProgramReplay {
  readonly modes: readonly ModeReplay[];
  /** Constants of the program whose numbers are not the case's (the case's numbers were used). */
  readonly disagreements: readonly ConstantDisagreement[];
}

export interface ReplayOptions extends RunnerOptions {
  readonly modes: readonly { readonly mode: RunMode; readonly digits?: number }[];
  /** Only the program as written (no ablation). */
  readonly asWrittenOnly?: boolean;
  /**
   * Run every variant to its end. By default a run stops once it has printed the last
   * stdout line the source shows: nothing it prints later is compared, so every number's
   * result is the same, and only an exception raised after that line goes unseen.
   */
  readonly fullRun?: boolean;
}

/**
 * Replays a published program: its own text (and each ablation variant's) run by python3
 * in every mode asked for, the case's numbers in place of the program's constants, and
 * every printed number matched against what the run printed in its place. A program as
 * written that fails, prints nothing or prints other numbers of values than the source
 * shows, and a variant that runs past a limit, are InputErrors naming the program file.
 */
export function replayProgram(c: CaseFile, program: PublishedProgram, options: ReplayOptions): ProgramReplay {
  const plan = replayPlan(c, program, options);
  return plan.judge(runPrograms(program.programFile, plan.firstLine, plan.requests, options));
}

/** `replayProgram` with a runner started beforehand (`startRunner`), so that python3 starts while the case loads. */
export async function replayProgramWith(
  runner: ProgramRunner,
  c: CaseFile,
  program: PublishedProgram,
  options: ReplayOptions,
): Promise<ProgramReplay> {
  const plan = replayPlan(c, program, options);
  return plan.judge(await runner.run(program.programFile, plan.firstLine, plan.requests));
}

/** The runs a replay asks for, and how their results become the replay. */
function replayPlan(
  c: CaseFile,
  program: PublishedProgram,
  options: ReplayOptions,
): { firstLine: number; requests: RunRequest[]; judge: (results: readonly RunResult[]) => ProgramReplay } {
  const { output } = program;
  const firstLine = output.source.program.firstLine;
  const values = constantValues(c, output, program.outputFile);
  const variants =
    options.asWrittenOnly === true ? ablationVariants(program).slice(0, 1) : ablationVariants(program);
  const texts = variants.map((v) => applyPatches(program, v.patches));
  checkConstantsPlaced(program);
  const stopAfterLines = options.fullRun === true ? null : lastShownLine(program);
  const requests: RunRequest[] = [];
  const placed: number[][] = [];
  for (const m of options.modes) {
    texts.forEach((text, k) => {
      const lines = programLines(text);
      const present = output.constants
        .map((constant, i) => ({ constant, i }))
        .filter(({ constant }) => lines[constant.line - firstLine]?.includes(constant.text) === true);
      placed.push(present.map(({ i }) => i));
      requests.push({
        id: `${m.mode}:${variants[k]!.name}`,
        text,
        mode: m.mode,
        ...(m.mode === "exact" ? { digits: m.digits ?? REPLAY_DIGITS } : {}),
        constants: present.map(({ constant, i }) => ({
          line: constant.line,
          text: constant.text,
          values: values[i]!,
        })),
        stopAfterLines,
      });
    });
  }
  const judge = (results: readonly RunResult[]): ProgramReplay => {
    // The literal as written of each constant, from the first run whose text holds it.
    const written: (ValueTree | null)[] = output.constants.map(() => null);
    results.forEach((r, k) =>
      placed[k]!.forEach((i, j) => {
        if (written[i] === null && r.constants[j] !== undefined) written[i] = r.constants[j]!;
      }),
    );
    const modes = options.modes.map((m, mi) => ({
      mode: m.mode,
      digits: m.mode === "exact" ? (m.digits ?? REPLAY_DIGITS) : null,
      variants: variants.map((v, k) => {
        const result = results[mi * variants.length + k]!;
        return judgeVariant(program, v, texts[k]!, result, k === 0);
      }),
    }));
    return { modes, disagreements: constantDisagreements(output, written, values) };
  };
  return { firstLine, requests, judge };
}

/** The last stdout line the source shows. */
function lastShownLine(program: PublishedProgram): number {
  return program.output.output.stdoutLine - 1 + program.output.output.lines.length;
}

/** A constant must stand on its line in the program as written or in a patch's corrected text. */
function checkConstantsPlaced(program: PublishedProgram): void {
  const { output } = program;
  const lines = programLines(program.text);
  output.constants.forEach((constant, k) => {
    const inText = lines[constant.line - output.source.program.firstLine]?.includes(constant.text) === true;
    const inPatch = output.patches.some((p) =>
      p.edits.some((e) => e.line === constant.line && e.corrected.includes(constant.text)),
    );
    if (!inText && !inPatch) {
      throw new InputError(
        program.outputFile,
        `$.constants[${k}].text`,
        `expected "${constant.text}" on line ${constant.line} of ${output.source.program.file} or in a patch of that line`,
      );
    }
  });
}

function describe(error: RunError): string {
  switch (error.kind) {
    case "raised":
      return `the program raised ${error.type}: ${error.message}`;
    case "time":
      return `the program was ${error.message} (its time limit)`;
    case "memory":
      return "the program asked for more memory than its limit";
    case "import":
      return error.message;
    case "syntax":
      return `the program is not valid Python: ${error.message}`;
    case "constant":
      return error.message;
    case "output":
      return error.message;
  }
}

function judgeVariant(
  program: PublishedProgram,
  variant: Variant,
  text: string,
  result: RunResult,
  asWritten: boolean,
): VariantReplay {
  const { output, programFile } = program;
  const firstLine = output.source.program.firstLine;
  const lines = programLines(text);
  const where = (line: number | null) => (line === null ? "$" : `line ${line}`);
  const patched = variant.patches.length === 0 ? "" : ` (with ${variant.patches.join(", ")})`;
  const error = result.error;
  // Only an exception the program raises is a result (the variant stops there); running past a limit never is.
  if (error !== null && (asWritten || error.kind !== "raised")) {
    throw new InputError(programFile, where(error.line), `${describe(error)}${patched}`);
  }
  if (asWritten) checkOutputShape(program, result);
  const shownIndex = new Map(output.output.lines.map((l, k) => [l.line, k]));
  const numbers = output.printed.map((p): ReplayedNumber => {
    const out = result.stdout[output.output.stdoutLine - 1 + shownIndex.get(p.line)!];
    const replayed = out === undefined ? null : (numbersOfLine(out.text)[p.ordinal] ?? null);
    return {
      id: p.id,
      line: p.line,
      ordinal: p.ordinal,
      printed: p.printed,
      replayed,
      printedBy: out?.line ?? null,
      match: replayed !== null && reproduces(p.printed, replayed),
    };
  });
  return {
    ...variant,
    numbers,
    stop:
      error === null
        ? null
        : { ...error, code: error.line === null ? null : (lines[error.line - firstLine]?.trim() ?? null) },
    stoppedAfterLine: result.stoppedAfterLines ? lastShownLine(program) : null,
    matched: numbers.filter((n) => n.match).map((n) => n.id),
    mismatched: numbers.filter((n) => !n.match && n.replayed !== null).map((n) => n.id),
    notPrinted: numbers.filter((n) => n.replayed === null).map((n) => n.id),
  };
}

/** The program as written prints at least the lines the source shows, each with as many numbers. */
function checkOutputShape(program: PublishedProgram, result: RunResult): void {
  const { output, programFile } = program;
  if (result.stdout.length === 0) throw new InputError(programFile, "$", "the program printed nothing");
  const first = output.output.stdoutLine;
  const needed = lastShownLine(program);
  if (result.stdout.length < needed) {
    throw new InputError(
      programFile,
      "$",
      `the program printed ${result.stdout.length} lines; the source shows its output up to line ${needed}`,
    );
  }
  output.output.lines.forEach((shown, k) => {
    const out = result.stdout[first - 1 + k]!;
    const want = numbersOfLine(shown.text).length;
    const got = numbersOfLine(out.text).length;
    if (want !== got) {
      throw new InputError(
        programFile,
        out.line === null ? "$" : `line ${out.line}`,
        `the program printed ${got} values on output line ${first + k} ("${out.text.trim()}"), the source shows ${want} on line ${shown.line} ("${shown.text.trim()}")`,
      );
    }
  });
}

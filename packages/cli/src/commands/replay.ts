import { InputError, type CaseFile } from "@bpcheck/golden";
import {
  ALLOWED_IMPORTS,
  LIMITS,
  REPLAY_DIGITS,
  ablationVariants,
  loadPublishedProgram,
  replayProgramWith,
  runnerPython,
  startRunner,
  type ConstantDisagreement,
  type ModeReplay,
  type ProgramReplay,
  type PublishedProgram,
  type VariantReplay,
} from "@bpcheck/replay";
import type { Command } from "../command.ts";
import type { Io } from "../io.ts";
import { loadCompanion, shownPath } from "../case-folder.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { styleFor } from "../format/style.ts";
import { table, tableLimit } from "../format/table.ts";
import { loadCase } from "../load-case.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

const MODES = ["exact", "float64"] as const;
const OPTIONS = {
  ...COMMON_OPTIONS,
  mode: { type: "string", default: "exact" },
  "full-run": { type: "boolean", default: false },
  // Accepted only to be refused with a reason: the exact replay's precision is fixed.
  digits: { type: "string" },
} as const;

export const replayCommand: Command = {
  name: "replay",
  summary:
    "the published program run as written: printed against replayed numbers, and the ablation of its patches",
  usage: "bpcheck replay [case-file | -] [--mode exact|float64] [--full-run] [--json]",
  details: [
    "Runs the program the source published — its own text, program.py beside the case",
    "file, with the case's numbers where its constants are — in a separate python3",
    "process, and shows every number the source printed next to the number the run",
    "printed in its place, with the program line that printed it (✓ when it is the same).",
    "Then the ablation: the program with each code erratum's patch applied alone, the",
    "groups program-output.json names, and all, and the printed numbers each variant no",
    "longer reproduces. A run stops once it has printed the last output line the source",
    "shows, since nothing it prints later is compared; --full-run runs each to its end,",
    "which also shows an exception raised after that line. Exits 1 when a printed number",
    "is not reproduced or a constant of the program differs from the case; 2 for a case",
    "without a published program, a program that fails, prints other output or runs past",
    "its limits, and missing python3 or numpy. This runs code: only replay programs you",
    "would run yourself",
    `(limits: ${LIMITS.timeSeconds} s of CPU and ${LIMITS.memoryBytes / 1024 ** 3} GiB per run; imports ${ALLOWED_IMPORTS.join(", ")}, plotting stubbed;`,
    "not a security sandbox). BPCHECK_PYTHON names another interpreter.",
    "",
    `  --mode  exact (numpy object arrays of decimal numbers at ${REPLAY_DIGITS} digits, the default;`,
    "          --digits is refused) or float64 (numpy's doubles)",
    "  --full-run  run the program and each variant to its end",
    "  --json  { command, version, case, mode, digits, fullRun, reproduced, constants: [{ id,",
    "          line, text, differences }], numbers: [{ id, line, ordinal, printed, replayed,",
    "          printedBy, match }], ablation: [{ name, patches, broken, mismatched,",
    "          notPrinted, stop: null | { line, code, type, message }, stoppedAfterLine:",
    "          null | the last output line the source shows, where the run was stopped }] }",
  ],
  example: "bpcheck replay --mode float64",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    if (values.digits !== undefined) {
      throw new UsageError("--digits", `the exact replay always works at ${REPLAY_DIGITS} digits`);
    }
    const mode = String(values.mode);
    if (!(MODES as readonly string[]).includes(mode)) {
      throw new UsageError("--mode", `unknown replay mode "${mode}" (expected: ${MODES.join(", ")})`);
    }
    const runnerOptions = { python: runnerPython(io.env) };
    // python3 and numpy start now (unless the CLI started them before it loaded this command), while the case and the program are read.
    const runner = startRunner(runnerOptions);
    let c: CaseFile, program: PublishedProgram, replay: ProgramReplay;
    try {
      ({ c, program } = await loadProgramCase(positionals, io));
      const variants = ablationVariants(program).length;
      io.stderr(
        `bpcheck replay: running ${shownPath(program.programFile)} (${variants} variants) with python3 in a separate process:` +
          ` ${LIMITS.timeSeconds} s of CPU time and ${LIMITS.memoryBytes / 1024 ** 3} GiB per run, imports ${ALLOWED_IMPORTS.join(", ")} only;` +
          " not a security sandbox, replay only programs you would run yourself\n",
      );
      replay = await shownFiles(
        replayProgramWith(runner, c, program, {
          modes: [{ mode: mode as (typeof MODES)[number] }],
          fullRun: values["full-run"] === true,
          ...runnerOptions,
        }),
      );
    } finally {
      runner.cancel();
    }
    const result = replay.modes[0]!;
    const asWritten = result.variants[0]!;
    const reproduced = asWritten.matched.length;
    if (values.json) {
      writeJson(io, "replay", {
        case: c.id,
        mode,
        digits: result.digits,
        fullRun: values["full-run"] === true,
        reproduced,
        constants: replay.disagreements,
        numbers: asWritten.numbers,
        ablation: result.variants.map((v) => ({
          name: v.name,
          patches: v.patches,
          broken: [...v.mismatched, ...v.notPrinted].sort(
            (a, b) => order(asWritten, a) - order(asWritten, b),
          ),
          mismatched: v.mismatched,
          notPrinted: v.notPrinted,
          stop: v.stop,
          stoppedAfterLine: v.stoppedAfterLine,
        })),
      });
    } else {
      io.stdout(replayText(c.id, program, result, replay.disagreements, io));
    }
    return reproduced === asWritten.numbers.length && replay.disagreements.length === 0
      ? EXIT.ok
      : EXIT.checkFailed;
  },
};

/** The case and its published program; an InputError when the case has none. */
async function loadProgramCase(
  positionals: readonly string[],
  io: Io,
): Promise<{ c: CaseFile; program: PublishedProgram }> {
  const c = await loadCase(positionals, io);
  const found = loadCompanion(positionals, c, "program-output.json", (file) => {
    const program = loadPublishedProgram(file);
    return { case: program.output.case, program };
  });
  if (found === null) {
    throw new InputError(
      positionals[0] === "-" ? "<stdin>" : (positionals[0] ?? c.id),
      "$.id",
      `expected a case with a published program (a program-output.json beside the case file), case "${c.id}" has none`,
    );
  }
  return { c, program: found.value.program };
}

/** The replay, naming the files of its InputErrors as the user sees them (fixtures/…, or relative). */
async function shownFiles<T>(replay: Promise<T>): Promise<T> {
  try {
    return await replay;
  } catch (e) {
    if (e instanceof InputError) throw new InputError(shownPath(e.file), e.path, e.expected);
    throw e;
  }
}

function order(v: VariantReplay, id: string): number {
  return v.numbers.findIndex((n) => n.id === id);
}

/** "all", "none", the ids, or "all but …" when fewer are kept than broken. */
function brokenList(broken: readonly string[], all: readonly string[]): string {
  if (broken.length === 0) return "none";
  if (broken.length === all.length) return `${broken.length}: all`;
  const kept = all.filter((id) => !broken.includes(id));
  return kept.length < broken.length
    ? `${broken.length}: all but ${kept.join(", ")}`
    : `${broken.length}: ${broken.join(", ")}`;
}

function disagreementLine(d: ConstantDisagreement): string {
  const at = (path: readonly number[]) => path.map((i) => `[${i}]`).join("");
  const shown = d.differences
    .slice(0, 4)
    .map((x) => `${at(x.at)} ${x.program ?? "(other shape)"} → ${x.case ?? "(other shape)"}`)
    .join(", ");
  const more = d.differences.length > 4 ? `, and ${d.differences.length - 4} more` : "";
  return `  line ${d.line}  ${d.id} = ${d.text}: ${shown}${more}`;
}

function replayText(
  id: string,
  program: PublishedProgram,
  result: ModeReplay,
  disagreements: readonly ConstantDisagreement[],
  io: Io,
): string {
  const s = styleFor(io);
  const { file, firstLine, lastLine } = program.output.source.program;
  const system = result.mode === "exact" ? `exact decimal arithmetic (${result.digits} digits)` : "float64";
  const asWritten = result.variants[0]!;
  const numbers = asWritten.numbers;
  const numberRows = table(
    [
      ["line", "number", "printed", "replayed", "printed by", "match"],
      ...numbers.map((n) => [
        String(n.line),
        n.id,
        n.printed,
        n.replayed ?? "(not printed)",
        n.printedBy === null ? "" : `line ${n.printedBy}`,
        n.match ? "✓" : "✗",
      ]),
    ],
    [0],
    tableLimit(io.columns),
  ).map((l, k) => (k > 0 && !numbers[k - 1]!.match ? s.bad(l) : l));
  const reproduced = asWritten.matched.length;
  const all = numbers.map((n) => n.id);
  const ablationRows = table(
    [
      ["variant", "patches", "printed numbers it breaks"],
      ...result.variants.map((v) => [
        v.name,
        v.patches.length === 0
          ? "none"
          : v.patches.length > 1 && v.patches.length === program.output.patches.length
            ? "all"
            : v.patches.join(", "),
        brokenList(
          all.filter((n) => !v.matched.includes(n)),
          all,
        ),
      ]),
    ],
    [],
    tableLimit(io.columns),
  );
  const stops = result.variants
    .filter((v) => v.stop !== null)
    .map(
      (v) => `${v.name} stops at line ${v.stop!.line} (${v.stop!.code}): ${v.stop!.type}: ${v.stop!.message}`,
    );
  const cut = result.variants.find((v) => v.stoppedAfterLine !== null)?.stoppedAfterLine ?? null;
  const out = [
    `${id} · ${file} (source lines ${firstLine}–${lastLine}) as written, run by python3 in ${system}`,
    ...(cut === null
      ? []
      : [
          `Each run stopped after output line ${cut}, the last the source shows (--full-run runs to the end).`,
        ]),
    "",
    ...numberRows,
    "",
    reproduced === numbers.length
      ? s.good(`All ${numbers.length} printed numbers reproduced digit for digit.`)
      : s.bad(`${numbers.length - reproduced} of ${numbers.length} printed numbers not reproduced.`),
    ...(disagreements.length === 0
      ? []
      : [
          "",
          s.bad(
            "Constants of the program that differ from the case (program → case; the case's numbers were used):",
          ),
          ...disagreements.map(disagreementLine),
        ]),
    "",
    "Ablation: each patch applied alone, the groups of program-output.json, and all;",
    "for each variant, the printed numbers it no longer reproduces",
    "",
    ...ablationRows,
    ...(stops.length === 0 ? [] : ["", ...stops]),
  ];
  return `${out.join("\n")}\n`;
}

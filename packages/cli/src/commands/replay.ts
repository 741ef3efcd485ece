import { maxOf } from "@bpcheck/core";
import { InputError } from "@bpcheck/golden";
import {
  BUGS,
  DEFAULT_PROGRAM_OUTPUT_PATH,
  REPLAY_DIGITS,
  ablation,
  exactReplay,
  float64Replay,
  judge,
  loadProgramOutput,
  replayIn,
  type AblationRow,
  type ProgramOutput,
  type ReplayMode,
} from "@bpcheck/replay";
import type { Command } from "../command.ts";
import type { Io } from "../io.ts";
import { loadCompanion } from "../case-folder.ts";
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
  // Accepted only to be refused with a reason: the exact replay's precision is fixed.
  digits: { type: "string" },
} as const;

/** A printed number against the replay: what the program printed and what the replay prints in its place. */
interface ReplayedNumber {
  readonly id: string;
  readonly epoch: number;
  readonly array: string;
  readonly index: readonly [number, number];
  readonly location: ProgramOutput["printed"][number]["location"];
  readonly printed: string;
  /** As numpy would print the replayed value; null when the replay stopped before printing it. */
  readonly replayed: string | null;
  readonly match: boolean;
}

export const replayCommand: Command = {
  name: "replay",
  summary: "the published program replayed: printed against replayed values, and the ablation",
  usage: "bpcheck replay [case-file | -] [--mode exact|float64] [--json]",
  details: [
    "Replays the program the source published line by line, with numpy's shapes,",
    "broadcasting and printing, and shows every number it printed next to the number",
    "the replay prints in its place (✓ when the digits are the same). Then the ablation:",
    "the program with each bug fixed alone (and the shape bugs together, and all), and",
    "the printed numbers each variant no longer reproduces — every bug is needed to",
    "reproduce the output. Only the seed case (bp-worked-example-zh) has a published",
    "program; any other case exits 2. The printed output is read from program-output.json",
    "in the case file's folder (else the seed's). Exits 1 when a printed number is not",
    "reproduced.",
    "",
    `  --mode  exact (decimal arithmetic at ${REPLAY_DIGITS} digits, the default; --digits is`,
    "          refused) or float64 (numpy's doubles)",
    "  --json  { command, version, case, mode, digits, reproduced, numbers: [{ id, epoch,",
    "          array, index, location, printed, replayed, match }], ablation: [{ name,",
    "          fixed, broken, mismatched, notPrinted, error: null | { line, code, message } }] }",
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
    const c = await loadCase(positionals, io);
    // The replay implements one program, the seed's; its printed output is read from the
    // case's folder (so a copy can be checked), else from the seed's fixtures.
    const seed = loadProgramOutput(DEFAULT_PROGRAM_OUTPUT_PATH).case;
    if (c.id !== seed) {
      throw new InputError(
        positionals[0] === "-" ? "<stdin>" : (positionals[0] ?? c.id),
        "$.id",
        `expected a case with a published program to replay (only "${seed}" has one), got "${c.id}"`,
      );
    }
    const output =
      loadCompanion(positionals, c, "program-output.json", loadProgramOutput)?.value ??
      loadProgramOutput(DEFAULT_PROGRAM_OUTPUT_PATH);
    const { numbers, rows } =
      mode === "exact" ? replayed(exactReplay(), output) : replayed(float64Replay, output);
    const reproduced = numbers.filter((n) => n.match).length;
    if (values.json) {
      writeJson(io, "replay", {
        case: c.id,
        mode,
        digits: mode === "exact" ? REPLAY_DIGITS : null,
        reproduced,
        numbers,
        ablation: rows.map((r) => ({
          name: r.name,
          fixed: r.fixed,
          broken: r.broken,
          mismatched: r.mismatched,
          notPrinted: r.notPrinted,
          error: r.error,
        })),
      });
    } else {
      io.stdout(replayText(c.id, mode, output, numbers, rows, io));
    }
    return reproduced === numbers.length ? EXIT.ok : EXIT.checkFailed;
  },
};

function replayed<T>(mode: ReplayMode<T>, output: ProgramOutput) {
  const epochs = maxOf(output.printed.map((p) => p.epoch));
  const numbers: ReplayedNumber[] = judge(replayIn(mode, { epochs }), mode, output.printed).map((v) => ({
    id: v.printed.id,
    epoch: v.printed.epoch,
    array: v.printed.array,
    index: v.printed.index,
    location: v.printed.location,
    printed: v.printed.printed,
    replayed: v.numpy,
    match: v.match,
  }));
  return { numbers, rows: ablation(mode, output) };
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

function replayText(
  id: string,
  mode: string,
  output: ProgramOutput,
  numbers: readonly ReplayedNumber[],
  rows: readonly AblationRow[],
  io: Io,
): string {
  const s = styleFor(io);
  const { firstLine, lastLine } = output.source.program;
  const system = mode === "exact" ? `exact decimal arithmetic (${REPLAY_DIGITS} digits)` : "float64";
  const numberRows = table(
    [
      ["line", "epoch", "number", "printed", "replayed", "match"],
      ...numbers.map((n) => [
        String(n.location.line),
        String(n.epoch),
        `${n.array}[${n.index[0]}][${n.index[1]}]`,
        n.printed,
        n.replayed ?? "(not printed)",
        n.match ? "✓" : "✗",
      ]),
    ],
    [0, 1],
    tableLimit(io.columns),
  ).map((l, k) => (k > 0 && !numbers[k - 1]!.match ? s.bad(l) : l));
  const reproduced = numbers.filter((n) => n.match).length;
  const all = output.printed.map((p) => p.id);
  const ablationRows = table(
    [
      ["variant", "fixed", "printed numbers it breaks"],
      ...rows.map((r) => [
        r.name,
        r.fixed.length === 0 ? "none" : r.fixed.length === BUGS.length ? "all" : r.fixed.join(", "),
        brokenList(r.broken, all),
      ]),
    ],
    [],
    tableLimit(io.columns),
  );
  const stops = rows
    .filter((r) => r.error !== null)
    .map(
      (r) => `${r.name} stops at line ${r.error!.line} (${r.error!.code}): ValueError: ${r.error!.message}`,
    );
  const out = [
    `${id} · the published program (lines ${firstLine}–${lastLine}) as written, replayed in ${system}`,
    "",
    ...numberRows,
    "",
    reproduced === numbers.length
      ? s.good(`All ${numbers.length} printed numbers reproduced digit for digit.`)
      : s.bad(`${numbers.length - reproduced} of ${numbers.length} printed numbers not reproduced.`),
    "",
    `Ablation: the bugs (${BUGS.join(", ")}) fixed alone, the two shape bugs together, and all;`,
    "for each variant, the printed numbers it no longer reproduces",
    "",
    ...ablationRows,
    ...(stops.length === 0 ? [] : ["", ...stops]),
  ];
  return `${out.join("\n")}\n`;
}

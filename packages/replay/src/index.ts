export {
  ShapeError,
  add,
  addInPlace,
  array,
  broadcastShape,
  elementwise,
  formatShape,
  fromRows,
  map,
  matmul,
  mul,
  scalar,
  sub,
  transpose,
} from "./array2d.ts";
export type { Array2D, Shape } from "./array2d.ts";
export { NUMPY_PRINT, formatArray, formatFloat } from "./numpy-print.ts";
export { AS_WRITTEN, BUGS, BUG_TABLE, CORRECTED, PROGRAM } from "./program.ts";
export type { Bug, BugName, BugSwitches } from "./program.ts";
export { DEFAULT_PROGRAM_OUTPUT_PATH, loadProgramOutput } from "./program-output.ts";
export type { CodeErratum, ErratumKind, OutputLine, PrintedNumber, ProgramOutput } from "./program-output.ts";
export { replay, sqrt } from "./replay.ts";
export type {
  LineTrace,
  PrintedArray,
  PrintedArrayName,
  ReplayError,
  ReplayOptions,
  ReplayResult,
} from "./replay.ts";
export { REPLAY_DIGITS, exactReplay, float64Replay } from "./replay-modes.ts";
export type { ReplayMode } from "./replay-modes.ts";
export { programStdout } from "./stdout.ts";
export { ABLATION_VARIANTS, ablation, judge, replayIn } from "./verdicts.ts";
export type { AblationRow, NumberVerdict } from "./verdicts.ts";
export { correctedTrajectory } from "./corrected.ts";
export { fixtureGenerators, replayFixture, trajectoriesFixture } from "./generators.ts";

export { ALLOWED_IMPORTS, LIMITS, STUBBED_IMPORTS, runPrograms, startRunner } from "./python-runner.ts";
export { prestartRunner, runnerPython } from "./runner-process.ts";
export type {
  ProgramRunner,
  RunError,
  RunErrorKind,
  RunMode,
  RunRequest,
  RunResult,
  RunnerOptions,
  StdoutLine,
} from "./python-runner.ts";
export {
  DEFAULT_PROGRAM_OUTPUT_PATH,
  loadProgramOutput,
  loadPublishedProgram,
  programLines,
} from "./program-output.ts";
export type {
  AblationGroup,
  CodeErratum,
  ErratumKind,
  LearningRate,
  OutputLine,
  Patch,
  PatchEdit,
  PrintedNumber,
  ProgramConstant,
  ProgramOutput,
  PublishedProgram,
  QuantityTree,
} from "./program-output.ts";
export { applyPatches } from "./program-patches.ts";
export { constantDisagreements, constantValues } from "./program-constants.ts";
export type { ConstantDisagreement, ValueTree } from "./program-constants.ts";
export { numbersOfLine, reproduces } from "./printed-numbers.ts";
export { REPLAY_DIGITS, ablationVariants, replayProgram, replayProgramWith } from "./replay.ts";
export type {
  ModeReplay,
  ProgramReplay,
  ReplayOptions,
  ReplayedNumber,
  Variant,
  VariantReplay,
  VariantStop,
} from "./replay.ts";
export { correctedTrajectory } from "./corrected.ts";
export { fixtureGenerators, programCaseIds, replayFixture, trajectoriesFixture } from "./generators.ts";

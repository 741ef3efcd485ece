export { run } from "./main.ts";
export { errataSeconds } from "./budget.ts";
export { inProcessIo, type Io } from "./io.ts";
export { applyV8Flags } from "./v8-flags.ts";
export { EXIT } from "./exit-codes.ts";
export { allGenerators } from "./fixture-generators.ts";
export { processIo } from "./process-io.ts";
// The time guard's estimates, for the script that measures them against real runs.
export { checkComparison, checkStep, checkTraining } from "./budget.ts";

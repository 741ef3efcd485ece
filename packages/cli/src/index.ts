export { run } from "./main.ts";
export { errataSeconds } from "./budget.ts";
export type { Io } from "./io.ts";
export { EXIT } from "./exit-codes.ts";
export { allGenerators } from "./fixture-generators.ts";
export { processIo } from "./process-io.ts";

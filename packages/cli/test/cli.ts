import { run } from "../src/index.ts";
import { memoryIo, type MemoryIoOptions } from "./io.ts";

/** Runs the CLI in-process and returns its exit code, outputs and written files. */
export async function cli(argv: string[], options: MemoryIoOptions = {}) {
  const io = memoryIo(options);
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err(), files: io.files, questions: io.questions };
}

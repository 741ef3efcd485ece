#!/usr/bin/env node
import { EXIT } from "./exit-codes.ts";
import { applyV8Flags } from "./v8-flags.ts";
import { run } from "./main.ts";
import { processIo } from "./process-io.ts";

applyV8Flags();

// The only place that touches the process: everything else takes an Io.
// A reader that stops early (`bpcheck train --json | head`) is not an error; any other
// failure to write stdout (`> /dev/full`) ends the run with one line.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(EXIT.ok);
  process.stderr.write(`bpcheck: cannot write standard output (${e.code ?? e.message})\n`);
  process.exit(EXIT.outputError);
});
process.exitCode = await run(process.argv.slice(2), processIo());

#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import { EXIT } from "./exit-codes.ts";
import { run } from "./main.ts";
import { processIo } from "./process-io.ts";

// V8's optimising compiler inlines Array.prototype.map and its kin, and the inlined map
// builds holey arrays where the interpreter builds packed ones. Training in the exact mode
// runs its generic step once an epoch, so the step is optimised only after hundreds of
// epochs; from then on every function optimised before meets arrays of a second kind,
// deoptimises and is compiled again, for thousands of epochs. Without that inlining every
// array keeps one kind: `bpcheck train --mode exact --digits 50 --epochs 5000` takes
// 13-26% less time, and no command measured takes more (`pnpm bench`, `pnpm bench:startup`).
// Set before any command is loaded; the compiler reads it when it optimises a function.
setFlagsFromString("--no-turbo-inline-array-builtins");

// The only place that touches the process: everything else takes an Io.
// A reader that stops early (`bpcheck train --json | head`) is not an error; any other
// failure to write stdout (`> /dev/full`) ends the run with one line.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code === "EPIPE") process.exit(EXIT.ok);
  process.stderr.write(`bpcheck: cannot write standard output (${e.code ?? e.message})\n`);
  process.exit(EXIT.outputError);
});
process.exitCode = await run(process.argv.slice(2), processIo());

#!/usr/bin/env node
import { run } from "./main.ts";
import { processIo } from "./process-io.ts";

// The only place that touches the process: everything else takes an Io.
// A reader that stops early (`bpcheck train --json | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(0);
});
const code = await run(process.argv.slice(2), processIo()).catch((e: unknown) => {
  process.stderr.write(`bpcheck: internal error, please report it:\n${(e as Error).stack ?? String(e)}\n`);
  return 70;
});
process.exitCode = code;

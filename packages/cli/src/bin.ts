#!/usr/bin/env node
import { text } from "node:stream/consumers";
import { run } from "./main.ts";

// The only place that touches the process: everything else takes an Io.
const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => text(process.stdin),
}).catch((e: unknown) => {
  process.stderr.write(`bpcheck: internal error, please report it:\n${(e as Error).stack ?? String(e)}\n`);
  return 70;
});
process.exitCode = code;

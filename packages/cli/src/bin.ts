#!/usr/bin/env node
import { writeFile } from "node:fs/promises";
import { text } from "node:stream/consumers";
import { run } from "./main.ts";

// The only place that touches the process: everything else takes an Io.
// A reader that stops early (`bpcheck train --json | head`) is not an error.
process.stdout.on("error", (e: NodeJS.ErrnoException) => {
  if (e.code !== "EPIPE") throw e;
  process.exit(0);
});
const code = await run(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  readStdin: () => text(process.stdin),
  writeFile: (path, s) => writeFile(path, s, "utf8"),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  now: () => performance.now(),
}).catch((e: unknown) => {
  process.stderr.write(`bpcheck: internal error, please report it:\n${(e as Error).stack ?? String(e)}\n`);
  return 70;
});
process.exitCode = code;

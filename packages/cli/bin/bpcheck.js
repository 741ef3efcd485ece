#!/usr/bin/env node
// The installed `bpcheck` command: the compiled CLI (`pnpm build`). In this repository,
// `pnpm bpcheck …` runs the TypeScript source directly instead.
await import("../dist/bin.js");

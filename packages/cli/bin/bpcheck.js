#!/usr/bin/env node
// The repository's `bpcheck` (`pnpm bpcheck …`, `pnpm exec bpcheck …`): it runs the same
// bundle the released package ships (package/, see scripts/bundle.mjs), rebuilding it
// first when a source file changed since it was built, so it starts as fast as an
// installed bpcheck.
import { pathToFileURL } from "node:url";
import { bundleIsFresh, PACKAGE_DIR } from "../scripts/bundle-inputs.mjs";

// `pnpm bpcheck` runs in the repository root; relative paths are meant from the folder
// the user typed the command in, which pnpm passes as INIT_CWD.
if (process.env.npm_lifecycle_event === "bpcheck" && process.env.INIT_CWD) {
  process.chdir(process.env.INIT_CWD);
}
if (!bundleIsFresh()) {
  const { bundlePackage } = await import("../scripts/bundle.mjs");
  await bundlePackage();
}
await import(pathToFileURL(`${PACKAGE_DIR}/bin/bpcheck.js`).href);

// Whether the bundled package (package/) is older than a file it was built from: the
// repository's launcher (bin/bpcheck.js) checks it on every start, so it stays cheap —
// a stat per input, no esbuild.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The staged package, the folder `npm pack` packs. */
export const PACKAGE_DIR = fileURLToPath(new URL("../package", import.meta.url));

/** The files a bundle was built from, relative to the repository root (not packed). */
export const INPUTS_FILE = ".inputs.json";

const REPO_DIR = fileURLToPath(new URL("../../..", import.meta.url));

/** True when package/ exists and no input changed after it was built. */
export function bundleIsFresh() {
  const stamp = join(PACKAGE_DIR, INPUTS_FILE);
  let built;
  let inputs;
  try {
    built = statSync(stamp).mtimeMs;
    inputs = JSON.parse(readFileSync(stamp, "utf8"));
  } catch {
    return false;
  }
  return inputs.every((file) => {
    try {
      return statSync(join(REPO_DIR, file)).mtimeMs <= built;
    } catch {
      return false;
    }
  });
}

// `pnpm release`: the release tarball, release/bpcheck-<version>.tgz at the repository
// root, from a fresh bundle (scripts/bundle.mjs). Install it with
// `npm install -g release/bpcheck-<version>.tgz`; it has no dependencies.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { bundlePackage } from "./bundle.mjs";

/** Bundles the package into a private folder and packs it into `destination`; returns the tarball's path. */
export async function packRelease(destination) {
  const work = mkdtempSync(join(tmpdir(), "bpcheck-release-"));
  try {
    const dir = await bundlePackage(join(work, "package"));
    mkdirSync(destination, { recursive: true });
    const out = execFileSync("npm", ["pack", "--json", "--pack-destination", destination], {
      cwd: dir,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return join(destination, JSON.parse(out)[0].filename);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tarball = await packRelease(fileURLToPath(new URL("../../../release/", import.meta.url)));
  process.stdout.write(`${relative(process.cwd(), tarball)}\n`);
}

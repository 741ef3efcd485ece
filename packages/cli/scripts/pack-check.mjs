// `pnpm pack:check` (part of `pnpm verify`): the release tarball as a user gets it. It is
// packed, installed into an empty prefix without network access, and run outside the
// repository: the version, the embedded default case, a case on stdin, and a copy of the
// seed case in a folder whose path has spaces and non-ASCII letters.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packRelease } from "./release.mjs";

const SEED = fileURLToPath(new URL("../../../fixtures/bp-worked-example-zh/", import.meta.url));
const VERSION = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;

/**
 * The most code `bpcheck --help` loads, in bytes: bin.js and the chunks it imports
 * statically (about 50 kB). A static import of a package's index from the entry (golden's
 * file functions, once) put about 480 kB there, and 45 ms on every start.
 */
const START_UP_BYTES = 150_000;

/** Bytes of `file` and of every chunk it imports statically (`import … from "./chunk.js"`), each once. */
function staticImports(file) {
  const seen = new Set();
  const pending = [file];
  let bytes = 0;
  while (pending.length > 0) {
    const f = pending.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    bytes += statSync(f).size;
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/(?:^|[;}\s])import\s*(?:[^"'();]*?from\s*)?["'](\.\/[^"']+)["']/g)) {
      pending.push(join(dirname(f), m[1]));
    }
  }
  return bytes;
}

const work = mkdtempSync(join(tmpdir(), "bpcheck-pack-check-"));
const failures = [];
try {
  const tarball = await packRelease(join(work, "release"));
  const prefix = join(work, "prefix");
  execFileSync(
    "npm",
    [
      "install",
      "--global",
      "--prefix",
      prefix,
      "--offline",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      tarball,
    ],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  const bin = join(prefix, "bin", "bpcheck");
  const elsewhere = join(work, "elsewhere");
  const cases = join(work, "my cases", "Fälle ünd Beispiele");
  mkdirSync(elsewhere);
  mkdirSync(cases, { recursive: true });
  for (const f of ["case.json", "errata.json"]) copyFileSync(join(SEED, f), join(cases, f));

  /** Runs the installed bpcheck in a folder without the repository; records a failed expectation. */
  const check = (what, args, expected, options = {}) => {
    const r = spawnSync(bin, args, { cwd: elsewhere, encoding: "utf8", input: options.stdin ?? "" });
    const problems = [];
    if (r.status !== expected.code) problems.push(`exit ${r.status} (expected ${expected.code})`);
    if (!expected.stdout.test(r.stdout)) problems.push(`stdout does not match ${expected.stdout}`);
    if (!(expected.stderr ?? /^$/).test(r.stderr)) problems.push(`stderr: ${r.stderr.trim().split("\n")[0]}`);
    if (problems.length > 0) failures.push(`bpcheck ${args.join(" ")} (${what}): ${problems.join("; ")}`);
    else process.stdout.write(`ok  ${what}\n`);
  };
  check("the version", ["--version"], {
    code: 0,
    stdout: new RegExp(`^bpcheck ${VERSION.replace(/\./g, "\\.")}\n$`),
  });
  check("the default case", ["run", "--digits", "20"], {
    code: 0,
    stdout: /bp-worked-example-zh · first training step/,
  });
  check(
    "a case on stdin",
    ["validate", "-"],
    { code: 0, stdout: /^<stdin>: valid\n$/ },
    {
      stdin: readFileSync(join(SEED, "case.json"), "utf8"),
    },
  );
  check("validate in another folder", ["validate", join(cases, "case.json")], {
    code: 0,
    stdout: /: valid\n$/,
  });
  check("errata in another folder", ["errata", join("..", "my cases", "Fälle ünd Beispiele", "case.json")], {
    code: 0,
    stdout: /Every verdict and cause agrees with .*errata\.json/,
  });
  check("the seed's program replayed by its Python runner", ["replay", "--mode", "float64"], {
    code: 0,
    stdout: /All 21 printed numbers reproduced digit for digit/,
    stderr: /running .*program\.py/,
  });
  check("the SVG graph (Graphviz in WebAssembly)", ["graph", "--format", "svg", "--mode", "float64"], {
    code: 0,
    stdout: /^<svg /m,
  });
  check("fixtures without the repository", ["fixtures", "check"], {
    code: 2,
    stdout: /^$/,
    stderr: /^bpcheck: fixtures: works on the repository's fixtures\/ folder/,
  });
  check("an unwritable output file", ["graph", "-o", join(work, "no folder", "graph.dot")], {
    code: 2,
    stdout: /^$/,
    stderr: /^bpcheck: .*graph\.dot: \$: expected a writable file \(ENOENT\)\n$/,
  });
  check(
    "a case file named on the command line, in a folder with spaces",
    ["run", "--mode", "float64", join(cases, "case.json")],
    {
      code: 0,
      stdout: /bp-worked-example-zh · first training step · float64/,
    },
  );
  check("a missing case file", ["run", join(cases, "nope.json")], {
    code: 2,
    stdout: /^$/,
    stderr: /^bpcheck: .*nope\.json: \$: expected a readable case file \(ENOENT\)\n$/,
  });
  const startUp = staticImports(join(dirname(realpathSync(bin)), "..", "lib", "js", "cli", "bin.js"));
  if (startUp > START_UP_BYTES) {
    failures.push(
      `the code every command loads before its own (bin.js and its static imports) is ${startUp} bytes, above ${START_UP_BYTES}: an import pulls a package's whole module graph in front of \`bpcheck --help\``,
    );
  } else process.stdout.write(`ok  start-up code: ${startUp} bytes\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (failures.length > 0) {
  process.stderr.write(
    `pack:check: the installed package failed:\n${failures.map((f) => `  ${f}\n`).join("")}`,
  );
  process.exit(1);
}

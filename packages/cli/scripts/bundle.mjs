// Builds the installable bpcheck package: the CLI and everything it needs at run time
// (its npm dependencies, the schemas and the seed case, embedded by import) bundled by
// esbuild into package/, which `npm pack` turns into the release tarball.
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";
import { build } from "esbuild";
import { INPUTS_FILE, PACKAGE_DIR } from "./bundle-inputs.mjs";

const CLI_DIR = fileURLToPath(new URL("..", import.meta.url));
const REPO_DIR = join(CLI_DIR, "..", "..");

/**
 * The bundle's chunks sit three folders below the package root, as the sources do below
 * the repository root, so that `fixtures/` resolved from a chunk (where the embedded
 * fixtures say they come from) names `<package>/fixtures/`, inside the package.
 */
const CHUNKS = "lib/js/cli";

const GOLDEN_SRC = join(REPO_DIR, "packages", "golden", "src");

/**
 * Files the bundle reads from disk at run time, copied into the package where the chunks
 * look for them: the replay's Python runner (`../python/` from a chunk, as from
 * packages/replay/src/) and the seed's program text (`fixtures/` of the package, like the
 * embedded fixtures), so that `bpcheck replay` works without the repository.
 */
const RUNTIME_FILES = [
  { from: join("packages", "replay", "python"), to: join("lib", "js", "python") },
  {
    from: join("fixtures", "bp-worked-example-zh", "program.py"),
    to: join("fixtures", "bp-worked-example-zh", "program.py"),
  },
];
const SCHEMA_DIR = join(REPO_DIR, "fixtures", "schema");

// The shared definitions the other schemas reference, and the annotation keyword their
// error messages use: added to every compiler, as golden's schema-compiler.ts does.
const COMMON = "common";
const ANNOTATION_KEYWORDS = ["x-expected"];

/** The ajv options of the two compilers and the published schemas' names (the common one is no format). */
function compilerSettings() {
  const options = JSON.parse(readFileSync(join(GOLDEN_SRC, "ajv-options.json"), "utf8"));
  const names = readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith(".schema.json"))
    .sort()
    .map((f) => f.slice(0, -".schema.json".length))
    .filter((n) => n !== COMMON);
  return { options, names };
}

/**
 * The module that stands in for golden's schema-compiler.ts in the bundle. Every
 * published schema is compiled ahead of time for both compilers (VALIDATORS), and
 * `compiledValidator(name, errors)` loads the one it is asked for, so that no schema is
 * compiled, and no validator but the one used is even parsed, when bpcheck starts.
 */
function precompiledCompiler() {
  const { names } = compilerSettings();
  return [
    'import { createRequire } from "node:module";',
    "const load = createRequire(import.meta.url);",
    `const NAMES = new Set(${JSON.stringify(names)});`,
    "export function compiledValidator(name, errors) {",
    '  if (!NAMES.has(name)) throw new RangeError(`no schema named "${name}"`);',
    `  return load(\`./${VALIDATORS}/\${errors}-\${name}.cjs\`).validate;`,
    "}",
  ].join("\n");
}

/** Folder of the precompiled validators, beside the chunks. */
const VALIDATORS = "validators";

/**
 * Writes every published schema's validator for both compilers (ajv's standalone code
 * generation with golden/src/ajv-options.json), each one CommonJS file with ajv's few
 * run-time helpers bundled in: `<outdir>/<compiler>-<schema>.cjs`, exporting `validate`.
 */
async function writeValidators(outdir) {
  const { options, names } = compilerSettings();
  for (const [compiler, settings] of Object.entries(options)) {
    for (const name of names) {
      const ajv = new Ajv2020({ ...settings, code: { source: true } });
      for (const keyword of ANNOTATION_KEYWORDS) ajv.addKeyword({ keyword, schemaType: "string" });
      ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, `${COMMON}.schema.json`), "utf8")));
      ajv.addSchema(JSON.parse(readFileSync(join(SCHEMA_DIR, `${name}.schema.json`), "utf8")), name);
      await build({
        stdin: {
          contents: standaloneCode.default(ajv, { validate: name }),
          resolveDir: GOLDEN_SRC,
          loader: "js",
        },
        outfile: join(outdir, `${compiler}-${name}.cjs`),
        bundle: true,
        format: "cjs",
        platform: "node",
        target: "node20",
        minifyWhitespace: true,
        minifySyntax: true,
        logLevel: "warning",
      });
    }
  }
}

/** esbuild plugin: golden's schema-compiler.ts replaced by the validators compiled at build time. */
const precompiledSchemas = {
  name: "precompiled-schemas",
  setup(b) {
    b.onLoad({ filter: /[\\/]golden[\\/]src[\\/]schema-compiler\.ts$/ }, () => ({
      contents: precompiledCompiler(),
      loader: "js",
      resolveDir: GOLDEN_SRC,
    }));
  },
};

/** The files at `path` (relative to the repository), or below it when it is a folder. */
function filesBelow(path) {
  const full = join(REPO_DIR, path);
  try {
    return readdirSync(full, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.parentPath.includes("__pycache__"))
      .map((e) => relative(REPO_DIR, join(e.parentPath, e.name)));
  } catch (e) {
    if (e.code === "ENOTDIR") return [path];
    throw e;
  }
}

/** The package.json of the released package: no dependencies, everything is bundled. */
function manifest() {
  const cli = JSON.parse(readFileSync(join(CLI_DIR, "package.json"), "utf8"));
  return {
    name: "bpcheck",
    version: cli.version,
    description:
      "Recompute and audit worked backpropagation examples in float32, float64 and exact arithmetic",
    type: "module",
    bin: { bpcheck: "bin/bpcheck.js" },
    files: ["bin", "lib", "fixtures"],
    engines: { node: ">=20.19" },
  };
}

const README = `# bpcheck

Recomputes a worked backpropagation example — the network, the data and every number its
author printed — in float32, float64 and exact decimal arithmetic, and judges every
printed number. Without a case file, every command runs the embedded seed example.

    bpcheck run                 # the seed example step by step, exact mode
    bpcheck errata my-case.json # a verdict on every number your case records
    bpcheck help run            # one command's options and an example
    bpcheck --help              # every command

Requires Node.js 20.19 or later; the package has no dependencies.
`;

/**
 * Bundles the CLI into a fresh folder and swaps it in for `target` (by default the
 * repository's package/), so a reader never sees a half-written package. Records the
 * files it was built from (INPUTS_FILE) for the freshness check of the launcher.
 */
export async function bundlePackage(target = PACKAGE_DIR) {
  const staging = `${target}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  const result = await build({
    entryPoints: { bin: join(CLI_DIR, "src", "bin.ts") },
    outdir: join(staging, CHUNKS),
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    conditions: ["@bpcheck/source"],
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: "eof",
    metafile: true,
    plugins: [precompiledSchemas],
    logLevel: "warning",
    absWorkingDir: REPO_DIR,
    // CommonJS dependencies (ajv) may call require; ESM has none, so each chunk gets one.
    banner: {
      js: 'import { createRequire as __bpcheckRequire } from "node:module"; const require = __bpcheckRequire(import.meta.url);',
    },
  });
  await writeValidators(join(staging, CHUNKS, VALIDATORS));
  for (const { from, to } of RUNTIME_FILES) {
    cpSync(join(REPO_DIR, from), join(staging, to), {
      recursive: true,
      filter: (src) => !src.includes("__pycache__"),
    });
  }
  mkdirSync(join(staging, "bin"), { recursive: true });
  writeFileSync(join(staging, "bin", "bpcheck.js"), `#!/usr/bin/env node\nimport "../${CHUNKS}/bin.js";\n`, {
    mode: 0o755,
  });
  writeFileSync(join(staging, "package.json"), `${JSON.stringify(manifest(), null, 2)}\n`);
  writeFileSync(join(staging, "README.md"), README);
  const inputs = Object.keys(result.metafile.inputs);
  for (const { from } of RUNTIME_FILES) inputs.push(...filesBelow(from));
  inputs.push(
    relative(REPO_DIR, join(CLI_DIR, "package.json")),
    relative(REPO_DIR, fileURLToPath(import.meta.url)),
  );
  writeFileSync(join(staging, INPUTS_FILE), `${JSON.stringify(inputs.sort(), null, 1)}\n`);
  const old = `${target}.${process.pid}.old`;
  try {
    renameSync(target, old);
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
  }
  mkdirSync(dirname(target), { recursive: true });
  renameSync(staging, target);
  rmSync(old, { recursive: true, force: true });
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = await bundlePackage();
  process.stdout.write(`Bundled the bpcheck package into ${relative(process.cwd(), dir) || "."}\n`);
}

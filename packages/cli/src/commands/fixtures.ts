import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import {
  FIXTURES_DIR,
  InputError,
  checkFixtures,
  regenerate,
  upgradeCase,
  type FixtureGenerator,
} from "@bpcheck/golden";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import type { Io } from "../io.ts";
import { allGenerators } from "../fixture-generators.ts";
import { writeJson } from "../format/json.ts";
import { styleFor } from "../format/style.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

const ACTIONS = ["regen", "check", "upgrade"] as const;
const OPTIONS = { ...COMMON_OPTIONS, dir: { type: "string" }, write: { type: "boolean" } } as const;

/**
 * The fixtures command over a list of generators: `fixturesCommand` uses every generated
 * fixture of the repository (`allGenerators`); tests pass a few of them.
 */
export function fixturesCommandFor(generators: () => FixtureGenerator[]): Command {
  return {
    name: "fixtures",
    summary: "regenerate the generated fixtures, or check them against a regeneration",
    usage: "bpcheck fixtures regen|check [--dir DIR] [--json] | upgrade CASE-FILE [--write]",
    details: [
      "regen rewrites every generated fixture (golden values, verdicts, the program replay,",
      "trajectories) from the code and prints the files whose content changed; every value",
      "is computed before anything is written, and each file is replaced atomically.",
      "check writes nothing: it regenerates in memory and prints one line per problem (a",
      "generated file that differs from a fresh regeneration, naming the first field that",
      "differs; a fixture that does not validate against the schema it names; a schema",
      "field without a description), and exits 1 on any. `pnpm fixtures:regen` and",
      "`pnpm fixtures:check` run these two.",
      "upgrade prints a case file rewritten in the current case format (version 2), or with",
      "--write replaces the file with it (atomically); a version-2 file is left as it is.",
      "",
      "  --dir   a copy of fixtures/ to check or rewrite instead of the repository's own",
      "          (the values are still generated from the repository's cases)",
      "  --json  regen: { command, version, action, dir, written: [file] }",
      "          check: { command, version, action, dir, generated, problems: [{ file, message }] }",
    ],
    example: "bpcheck fixtures check",
    async execute(argv, io) {
      const { values, positionals } = parse(argv, OPTIONS);
      const [action, ...extra] = positionals;
      if (action === "upgrade") return upgrade(extra, values.write === true, io);
      if (action === undefined || !(ACTIONS as readonly string[]).includes(action) || extra.length > 0) {
        const got = positionals.length === 0 ? "" : `, got "${positionals.join(" ")}"`;
        throw new UsageError("arguments", `expected regen, check or upgrade${got}`);
      }
      const given = typeof values.dir === "string" ? values.dir : null;
      if (given !== null && !existsSync(resolve(given, "schema"))) {
        throw new UsageError("--dir", `expected a copy of fixtures/ (a folder with schema/), got "${given}"`);
      }
      const dir = given === null ? FIXTURES_DIR : resolve(given);
      if (given === null && !existsSync(resolve(dir, "schema"))) {
        // An installed bpcheck carries no fixtures/ folder: the fixtures are the repository's.
        throw new UsageError(
          "fixtures",
          "works on the repository's fixtures/ folder, and there is none here (use --dir DIR)",
        );
      }
      const label = given === null ? "fixtures" : given.replace(/\/+$/, "");
      const s = styleFor(io);
      if (action === "regen") {
        const written = regenerate(generators(), dir);
        if (values.json) writeJson(io, "fixtures", { action, dir: label, written });
        else {
          io.stdout(
            written.length === 0
              ? `${label}: all up to date\n`
              : written.map((f) => `${label}: wrote ${f}\n`).join(""),
          );
        }
        return EXIT.ok;
      }
      const list = generators();
      const problems = checkFixtures(list, dir);
      if (values.json) {
        writeJson(io, "fixtures", { action, dir: label, generated: list.length, problems });
      } else if (problems.length > 0) {
        io.stdout(problems.map((p) => s.bad(`${label}/${p.file}: ${p.message}`) + "\n").join(""));
      } else {
        const files = `${list.length} generated file${list.length === 1 ? "" : "s"}`;
        io.stdout(s.good(`${label}: ${files} up to date, every fixture valid`) + "\n");
      }
      return problems.length === 0 ? EXIT.ok : EXIT.checkFailed;
    },
  };
}

export const fixturesCommand: Command = fixturesCommandFor(allGenerators);

/** `bpcheck fixtures upgrade FILE [--write]`: the case in the current format version. */
async function upgrade(files: readonly string[], write: boolean, io: Io): Promise<number> {
  if (files.length !== 1) {
    throw new UsageError("arguments", `expected one case file to upgrade, got ${files.length}`);
  }
  const file = files[0]!;
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new InputError(
      file,
      "$",
      `expected a readable case file (${(e as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
  const upgraded = upgradeCase(file, text);
  if (!write) {
    io.stdout(upgraded);
    return EXIT.ok;
  }
  if (upgraded !== text) {
    writeFileSync(`${file}.tmp`, upgraded);
    renameSync(`${file}.tmp`, file);
  }
  io.stdout(`${file}: ${upgraded === text ? "already in version 2" : "rewritten in version 2"}\n`);
  return EXIT.ok;
}

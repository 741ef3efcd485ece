import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { FIXTURES_DIR, checkFixtures, regenerate, type FixtureGenerator } from "@bpcheck/golden";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { allGenerators } from "../fixture-generators.ts";
import { writeJson } from "../format/json.ts";
import { styleFor } from "../format/style.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

const ACTIONS = ["regen", "check"] as const;
const OPTIONS = { ...COMMON_OPTIONS, dir: { type: "string" } } as const;

/**
 * The fixtures command over a list of generators: `fixturesCommand` uses every generated
 * fixture of the repository (`allGenerators`); tests pass a few of them.
 */
export function fixturesCommandFor(generators: () => FixtureGenerator[]): Command {
  return {
    name: "fixtures",
    summary: "regenerate the generated fixtures, or check them against a regeneration",
    usage: "bpcheck fixtures regen|check [--dir DIR] [--json]",
    details: [
      "regen rewrites every generated fixture (golden values, verdicts, the program replay,",
      "trajectories) from the code and prints the files whose content changed; every value",
      "is computed before anything is written, and each file is replaced atomically.",
      "check writes nothing: it regenerates in memory and prints one line per problem (a",
      "generated file that differs from a fresh regeneration, naming the first field that",
      "differs; a fixture that does not validate against the schema it names; a schema",
      "field without a description), and exits 1 on any. `pnpm fixtures:regen` and",
      "`pnpm fixtures:check` run these two.",
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
      if (action === undefined || !(ACTIONS as readonly string[]).includes(action) || extra.length > 0) {
        const got = positionals.length === 0 ? "" : `, got "${positionals.join(" ")}"`;
        throw new UsageError("arguments", `expected regen or check${got}`);
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

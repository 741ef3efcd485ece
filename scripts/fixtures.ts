/**
 * pnpm fixtures:regen — rewrite every generated fixture from the reference derivation.
 * pnpm fixtures:check — regenerate in memory and fail, naming file and field, when a
 *                       committed fixture differs or does not validate.
 * Exit codes: 0 all good, 1 a check failed, 2 usage.
 */
import { checkFixtures, regenerate } from "@bpcheck/golden";
import { allGenerators } from "@bpcheck/cli";

const [command] = process.argv.slice(2);
const generators = allGenerators();
if (command === "regen") {
  const changed = regenerate(generators);
  console.log(
    changed.length === 0 ? "fixtures: all up to date" : changed.map((f) => `fixtures: wrote ${f}`).join("\n"),
  );
} else if (command === "check") {
  const problems = checkFixtures(generators);
  for (const p of problems) console.error(`fixtures/${p.file}: ${p.message}`);
  if (problems.length > 0) process.exitCode = 1;
  else console.log(`fixtures: ${generators.length} generated files up to date, every fixture valid`);
} else {
  console.error("usage: fixtures.ts regen|check");
  process.exitCode = 2;
}

import { caseGenerators, verdictGenerators, type FixtureGenerator } from "@bpcheck/golden";
import { fixtureGenerators as replayGenerators } from "@bpcheck/replay";

/**
 * Every generated fixture of the repository, in a fixed order. The list lives here, at
 * the top of the dependency graph, because it gathers generators from packages that do
 * not know each other (golden values and verdicts from golden, the program replay from replay).
 */
export function allGenerators(): FixtureGenerator[] {
  return [...caseGenerators(), ...verdictGenerators(), ...replayGenerators()];
}

import { caseGenerators, type FixtureGenerator } from "./fixture-set.ts";

/** Every generated fixture of the repository, in a fixed order. */
export function allGenerators(): FixtureGenerator[] {
  return [...caseGenerators()];
}

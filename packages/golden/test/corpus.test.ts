import { describe, expect, it } from "vitest";
import {
  FIXTURES_DIR,
  caseIds,
  classifyPublished,
  errataPath,
  loadCaseFile,
  loadErrataFile,
} from "../src/index.ts";

/**
 * Where the classifier's diagnosis of a real worked example still differs from the
 * verdict and cause its hand-written errata.json expects, by case and id, each with what
 * the classifier would need to see what the note computes: a new difference fails this
 * test, and so does one that goes away (then remove it here). Each diagnosis reads
 * "expected → classifier".
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, readonly [diagnosis: string, reason: string]>> = {};

const diagnosis = (verdict: string, cause: string | null) =>
  cause === null ? verdict : `${verdict} ${cause}`;

describe("every real worked example under fixtures/", () => {
  const ids = caseIds();

  it("is a case folder with its errata: the seed and the eight corpus examples (nine cases, two melfm versions)", () => {
    expect(ids.length).toBeGreaterThanOrEqual(10);
  });

  const found: Record<string, string> = {};
  it.each(ids)("%s loads, and every printed number is judged without an input error", (id) => {
    const c = loadCaseFile(`${FIXTURES_DIR}${id}/case.json`);
    const errata = loadErrataFile(errataPath(id));
    expect(errata.case).toBe(c.id);
    expect(errata.published.map((p) => p.id)).toEqual(c.published.map((p) => p.id));
    const expected = new Map(errata.published.map((p) => [p.id, p]));
    for (const v of classifyPublished(c)) {
      const e = expected.get(v.id)!;
      if (e.verdict !== v.verdict || e.cause !== v.cause) {
        found[`${id}/${v.id}`] = `${diagnosis(e.verdict, e.cause)} → ${diagnosis(v.verdict, v.cause)}`;
      }
    }
    const known = Object.fromEntries(
      Object.entries(KNOWN_DISAGREEMENTS)
        .filter(([k]) => k.startsWith(`${id}/`))
        .map(([k, [d]]) => [k, d]),
    );
    const mine = Object.fromEntries(Object.entries(found).filter(([k]) => k.startsWith(`${id}/`)));
    expect(mine).toEqual(known);
  });
});

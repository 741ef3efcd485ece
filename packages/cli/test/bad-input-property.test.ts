import { readFileSync } from "node:fs";
import { join } from "node:path";
import { FIXTURES_DIR, caseIds } from "@bpcheck/golden";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cli } from "./cli.ts";

/**
 * Valid cases mutated at random — a number or a string changed, a field deleted, an array
 * emptied, cut, doubled or wrapped, any JSON put in a field's place — given to the
 * commands that read a case: whatever comes in, the exit code is 0, 1 or 2 (never 70, an
 * internal error) and stderr is at most a few lines, with no stack trace.
 */
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const cases = caseIds().map(
  (id) => JSON.parse(readFileSync(join(FIXTURES_DIR, id, "case.json"), "utf8")) as Json,
);

/** Every path into a document (keys and indices), the root excluded. */
function pathsOf(
  doc: Json,
  at: (string | number)[] = [],
  out: (string | number)[][] = [],
): (string | number)[][] {
  const children: [string | number, Json][] = Array.isArray(doc)
    ? doc.map((v, k) => [k, v])
    : doc !== null && typeof doc === "object"
      ? Object.entries(doc)
      : [];
  for (const [key, v] of children) {
    out.push([...at, key]);
    pathsOf(v, [...at, key], out);
  }
  return out;
}

const replacement: fc.Arbitrary<(v: Json) => Json | undefined> = fc.oneof(
  fc.constant(() => undefined),
  fc.double().map((x) => () => String(x)),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => () => n),
  fc.string({ unit: "binary", maxLength: 12 }).map((s) => () => s),
  fc.jsonValue({ maxDepth: 2 }).map((j) => () => j as Json),
  fc.constant((v: Json) => (Array.isArray(v) ? [] : v)),
  fc.constant((v: Json) => (Array.isArray(v) ? v.slice(0, -1) : v)),
  fc.constant((v: Json) => (Array.isArray(v) ? [...v, ...v] : v)),
  fc.constant((v: Json) => [v]),
  fc.constant((v: Json) => (typeof v === "string" ? `-${v}` : v)),
  fc.constant((v: Json) => (typeof v === "string" ? `${v}0` : v)),
);

const mutation = fc.record({ where: fc.nat(), change: replacement });

function mutated(
  doc: Json,
  changes: readonly { where: number; change: (v: Json) => Json | undefined }[],
): string {
  const copy = structuredClone(doc);
  for (const { where, change } of changes) {
    const paths = pathsOf(copy);
    if (paths.length === 0) break;
    const at = paths[where % paths.length]!;
    let parent = copy as Record<string | number, Json>;
    for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
    const last = at[at.length - 1]!;
    const next = change(parent[last]!);
    if (next === undefined) {
      if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else parent[last] = next;
  }
  return JSON.stringify(copy);
}

describe("valid cases mutated at random", () => {
  it("exit 0, 1 or 2, never an internal error, with a short stderr", { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: cases.length - 1 }),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(
          ["run", "-", "--mode", "float64"],
          ["run", "-", "--digits", "20"],
          ["gradcheck", "-", "--mode", "float32"],
          ["validate", "-"],
        ),
        async (k, changes, argv) => {
          const { code, err } = await cli([...argv], { stdin: mutated(cases[k]!, changes) });
          expect([0, 1, 2], err).toContain(code);
          expect(err.split("\n").filter(Boolean).length, err).toBeLessThanOrEqual(3);
          expect(err).not.toMatch(/\n\s+at /);
        },
      ),
      { numRuns: 300, interruptAfterTimeLimit: 20_000 },
    );
  });
});

import type { Cause, Verdict } from "./causes.ts";
import type { SourceLocation } from "./case-file.ts";
import { InputError } from "./input-error.ts";
import { readInputFile } from "./json-text.ts";
import { LIMITS } from "./limits.ts";
import { FIXTURES_DIR } from "./embedded-fixtures.ts";
import { parseJson, validateAgainst } from "./schema.ts";

/** The verdict a careful reader expects for one published number. */
export interface ExpectedVerdict {
  readonly id: string;
  readonly verdict: Verdict;
  readonly cause: Cause | null;
  readonly note: string;
}

export const ERRATUM_KINDS = ["formula", "notation", "index", "terminology", "code"] as const;
export type ErratumKind = (typeof ERRATUM_KINDS)[number];

/** What every erratum records, in a source's text or in its code: where, the wrong and the right form, why. */
export interface ErratumEntry {
  readonly id: string;
  readonly location: SourceLocation;
  readonly written: string;
  readonly corrected: string;
  readonly explanation: string;
}

/** A formula, notation, index, terminology or code erratum, with the wrong and the right form. */
export interface Erratum extends ErratumEntry {
  readonly kind: ErratumKind;
  /** Published ids a test evaluates the written and corrected forms against. */
  readonly shownBy: readonly string[];
}

/** An errata catalogue (`fixtures/schema/errata.schema.json`). */
export interface ErrataFile {
  readonly schema: "bpcheck-errata";
  readonly version: 1;
  readonly case: string;
  readonly notes: Readonly<Record<string, string>>;
  readonly published: readonly ExpectedVerdict[];
  readonly errata: readonly Erratum[];
}

/** The errata catalogue of a case folder. */
export function errataPath(caseId: string): string {
  return `${FIXTURES_DIR}${caseId}/errata.json`;
}

/** Reads, parses and validates an errata catalogue; mistakes are InputErrors naming file and path. */
export function loadErrataFile(file: string): ErrataFile {
  const text = readInputFile(file, "a readable errata file");
  const errata = validateAgainst<ErrataFile>("errata", file, parseJson(file, text));
  for (const key of ["published", "errata"] as const) {
    if (errata[key].length > LIMITS.maxPublished) {
      throw new InputError(
        file,
        `$.${key}`,
        `expected at most ${LIMITS.maxPublished} entries, got ${errata[key].length}`,
      );
    }
  }
  return errata;
}

import { dirname } from "node:path";
import type { ProblemSpec } from "@bpcheck/core";
import { checkCase } from "./case-checks.ts";
import { normaliseCase, type RawCase } from "./case-normalise.ts";
import { InputError } from "./input-error.ts";
import { FIXTURES_DIR, readFixtureText } from "./embedded-fixtures.ts";
import { parseJson, schemaNameFor, validateAgainst } from "./schema.ts";

export interface SourceLocation {
  readonly section: string;
  readonly line: number;
  readonly text: string;
}

export const DELTA_CONVENTIONS = ["dL/dz", "-dL/dz"] as const;
export const GRADIENT_CONVENTIONS = ["dL/dW", "-dL/dW"] as const;
export const UPDATE_CONVENTIONS = ["W - lr*dL/dW", "W + lr*delta*a"] as const;

/**
 * The sign conventions a source prints its values in: what it calls δ (∂L/∂z or its
 * negative, as in δ = (t − o)·σ′(z)), whether its gradients are ∂L/∂W or their
 * negatives, and how it writes the update (both forms give the same new parameters).
 */
export interface Conventions {
  readonly delta: (typeof DELTA_CONVENTIONS)[number];
  readonly gradient: (typeof GRADIENT_CONVENTIONS)[number];
  readonly update: (typeof UPDATE_CONVENTIONS)[number];
}

export const DEFAULT_CONVENTIONS: Conventions = { delta: "dL/dz", gradient: "dL/dW", update: "W - lr*dL/dW" };

export interface PublishedNumber {
  readonly id: string;
  readonly symbol: string;
  /**
   * The quantity the value is judged against, canonical: matrix indices [l][unit][input]
   * whatever the layer's layout, and a leading "-" when the source's sign convention
   * prints the negative (δ = −∂L/∂z prints -delta[l][j]).
   */
  readonly quantity: string;
  /** The quantity as the case file writes it (in the layer's layout). */
  readonly written: string;
  /** The printed number read as a decimal string (a U+2212 minus read as "-"). */
  readonly printed: string;
  /** The number exactly as printed. */
  readonly asPrinted: string;
  readonly location: SourceLocation;
}

export interface SymbolEntry {
  /** Canonical quantity or prefix (matrix entries in [l][unit][input] order). */
  readonly quantity: string;
  readonly description: string;
}

/**
 * A case, loaded: the problem in canonical form (weights out × in, a shared bias spread
 * over its units, the horizon of later steps the published numbers name) and everything
 * the source printed. Both file versions (`fixtures/schema/case-v1.schema.json`,
 * `case.schema.json`) load into this one shape.
 */
export interface CaseFile extends ProblemSpec {
  readonly schema: "bpcheck-case";
  readonly version: 1 | 2;
  readonly id: string;
  readonly title: string;
  readonly source: {
    readonly file: string;
    readonly language: string;
    readonly description: string;
    readonly origin?: string;
  };
  readonly conventions: Conventions;
  /** Which reading an ambiguous source is given, and why, by topic. */
  readonly readings: Readonly<Record<string, string>>;
  readonly symbols: Readonly<Record<string, SymbolEntry>>;
  readonly published: readonly PublishedNumber[];
}

/** The default case, embedded (see embedded-fixtures.ts): the seed article's worked example. */
export const DEFAULT_CASE_PATH = `${FIXTURES_DIR}bp-worked-example-zh/case.json`;

/** Reads, parses and validates a case file; every mistake is an InputError naming file and path. */
export function loadCaseFile(file: string = DEFAULT_CASE_PATH): CaseFile {
  let text: string;
  try {
    text = readFixtureText(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "unreadable";
    throw new InputError(file, "$", `expected a readable case file (${code})`);
  }
  return parseCase(file, text, dirname(file));
}

/**
 * Parses and validates case-file text; `file` names it in errors ("-" for stdin). With
 * `folder`, the folder the case sits in: its source text, when there, is checked against
 * every location.
 */
export function parseCase(file: string, text: string, folder: string | null = null): CaseFile {
  return readCase(file, parseJson(file, text), folder);
}

/** Validates a parsed case document against the schema of its version, then every check a schema cannot make. */
export function readCase(file: string, value: unknown, folder: string | null = null): CaseFile {
  const raw = validateAgainst<RawCase>(schemaNameFor("case", value), file, value);
  checkCase(file, raw, folder);
  return normaliseCase(file, raw);
}

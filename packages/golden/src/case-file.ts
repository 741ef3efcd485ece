import { dirname } from "node:path";
import type { ProblemSpec } from "@bpcheck/core";
import { excerpt } from "@bpcheck/core";
import { checkCase } from "./case-checks.ts";
import { normaliseCase, type RawCase } from "./case-normalise.ts";
import { readCaseText, withPositions } from "./case-text.ts";
import { InputError } from "./input-error.ts";
import { FIXTURES_DIR } from "./embedded-fixtures.ts";
import { readInputFile } from "./json-text.ts";
import { LIMITS } from "./limits.ts";
import { placePublished, withEntryDefaults } from "./locate.ts";
import { printedAsDecimal, printedDecimals } from "./printed-decimal.ts";
import { schemaNameFor, validateAgainst } from "./schema.ts";

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
  const text = readInputFile(file, "a readable case file");
  return parseCase(file, text, dirname(file));
}

/**
 * Parses and validates case-file text, JSON or YAML (by the name's extension); `file`
 * names it in errors ("<stdin>" for stdin), with the line and column in a YAML file.
 * With `folder`, the folder the case sits in: its source text, when there, is checked
 * against every location.
 */
export function parseCase(file: string, text: string, folder: string | null = null): CaseFile {
  const source = readCaseText(file, text);
  return withPositions(source, () => readCase(file, source.value, folder));
}

/** Validates a parsed case document against the schema of its version, then every check a schema cannot make. */
export function readCase(file: string, value: unknown, folder: string | null = null): CaseFile {
  const raw = withEntryDefaults(validateAgainst<RawCase>(schemaNameFor("case", value), file, value));
  checkMagnitudes(file, raw);
  checkCase(file, raw, folder);
  // A number given by symbol and value only is placed at the quantity its value matches.
  return placePublished(file, raw, (r) => normaliseCase(file, r));
}

/**
 * Every number must be finite in float32 as well (|x| ≤ 1e30) and of bounded length; every
 * printed number of bounded length, magnitude and precision (its decimals decide the work
 * of rounding to it: "1e-999999999" would ask for a billion); published numbers and
 * symbols of bounded count.
 */
function checkMagnitudes(file: string, raw: RawCase): void {
  const check = (path: string, s: string) => {
    if (s.length > LIMITS.maxNumberChars) {
      throw new InputError(
        file,
        path,
        `expected a decimal string of at most ${LIMITS.maxNumberChars} characters, got ${s.length}`,
      );
    }
    if (!(Math.abs(Number(s)) <= LIMITS.maxMagnitude)) {
      throw new InputError(file, path, `expected a number of magnitude at most 1e30, got "${excerpt(s)}"`);
    }
  };
  raw.network.layers.forEach((layer, l) => {
    layer.weights.forEach((row, j) =>
      row.forEach((w, i) => check(`$.network.layers[${l}].weights[${j}][${i}]`, w)),
    );
    const b = layer.biases;
    if (Array.isArray(b)) b.forEach((v: string, j) => check(`$.network.layers[${l}].biases[${j}]`, v));
    else if (b !== null) check(`$.network.layers[${l}].biases.shared`, (b as { shared: string }).shared);
    if (layer.slope !== undefined) check(`$.network.layers[${l}].slope`, layer.slope);
  });
  raw.data.forEach((s, n) => {
    s.x.forEach((v, i) => check(`$.data[${n}].x[${i}]`, v));
    s.y.forEach((v, k) => check(`$.data[${n}].y[${k}]`, v));
  });
  check("$.training.learningRate", raw.training.learningRate);
  // Binary cross-entropy takes ln ŷ and ln(1 − ŷ) weighted by y and 1 − y: a target is a probability.
  if (raw.network.loss === "bce") {
    raw.data.forEach((s, n) =>
      s.y.forEach((v, k) => {
        if (!(Number(v) >= 0 && Number(v) <= 1)) {
          throw new InputError(
            file,
            `$.data[${n}].y[${k}]`,
            `expected a target from 0 to 1 for the bce loss, got "${excerpt(v)}"`,
          );
        }
      }),
    );
  }
  const symbols = Object.keys(raw.symbols).length;
  if (symbols > LIMITS.maxSymbols) {
    throw new InputError(file, "$.symbols", `expected at most ${LIMITS.maxSymbols} symbols, got ${symbols}`);
  }
  if (raw.published.length > LIMITS.maxPublished) {
    throw new InputError(
      file,
      "$.published",
      `expected at most ${LIMITS.maxPublished} published numbers, got ${raw.published.length}`,
    );
  }
  raw.published.forEach((p, n) =>
    checkPrinted(file, `$.published[${n}].printed`, printedAsDecimal(p.printed)),
  );
}

function checkPrinted(file: string, path: string, printed: string): void {
  if (printed.length > LIMITS.maxPrintedChars) {
    throw new InputError(
      file,
      path,
      `expected a printed number of at most ${LIMITS.maxPrintedChars} characters, got ${printed.length}`,
    );
  }
  const decimals = printedDecimals(printed);
  if (decimals > LIMITS.maxPrintedDecimals || decimals < LIMITS.minPrintedDecimals) {
    throw new InputError(
      file,
      path,
      `expected a printed number with ${LIMITS.minPrintedDecimals} to ${LIMITS.maxPrintedDecimals} decimals, got "${excerpt(printed)}" (${decimals})`,
    );
  }
  const magnitude = Math.abs(Number(printed));
  if (!(magnitude <= LIMITS.maxMagnitude)) {
    throw new InputError(
      file,
      path,
      `expected a number of magnitude at most 1e30, got "${excerpt(printed)}"`,
    );
  }
}

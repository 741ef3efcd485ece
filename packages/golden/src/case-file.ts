import type { ProblemSpec } from "@bpcheck/core";
import { excerpt } from "@bpcheck/core";
import { InputError } from "./input-error.ts";
import { LIMITS } from "./limits.ts";
import { printedDecimals } from "./printed-decimal.ts";
import { readInputFile } from "./json-text.ts";
import { FIXTURES_DIR } from "./embedded-fixtures.ts";
import { parseJson, validateAgainst } from "./schema.ts";

export interface SourceLocation {
  readonly section: string;
  readonly line: number;
  readonly text: string;
}

export interface PublishedNumber {
  readonly id: string;
  readonly symbol: string;
  readonly quantity: string;
  readonly printed: string;
  readonly location: SourceLocation;
}

export interface SymbolEntry {
  readonly quantity: string;
  readonly description: string;
}

/** A case file (`fixtures/schema/case.schema.json`). */
export interface CaseFile extends ProblemSpec {
  readonly schema: "bpcheck-case";
  readonly version: 1;
  readonly id: string;
  readonly title: string;
  readonly source: { readonly file: string; readonly language: string; readonly description: string };
  readonly symbols: Readonly<Record<string, SymbolEntry>>;
  readonly published: readonly PublishedNumber[];
}

/** The default case, embedded (see embedded-fixtures.ts): the seed article's worked example. */
export const DEFAULT_CASE_PATH = `${FIXTURES_DIR}bp-worked-example-zh/case.json`;

/** Reads, parses and validates a case file; every mistake is an InputError naming file and path. */
export function loadCaseFile(file: string = DEFAULT_CASE_PATH): CaseFile {
  const text = readInputFile(file, "a readable case file");
  return parseCase(file, text);
}

/** Parses and validates case-file text; `file` names it in errors ("-" for stdin). */
export function parseCase(file: string, text: string): CaseFile {
  const value = validateAgainst<CaseFile>("case", file, parseJson(file, text));
  checkShapes(file, value);
  checkMagnitudes(file, value);
  return value;
}

/** What the schema cannot say: every matrix and vector fits the layer sizes. */
function checkShapes(file: string, c: CaseFile): void {
  let width = c.network.inputs;
  c.network.layers.forEach((layer, l) => {
    const at = `$.network.layers[${l}]`;
    layer.weights.forEach((row, j) => {
      if (row.length !== width) {
        throw new InputError(
          file,
          `${at}.weights[${j}]`,
          `expected ${width} weights (one per unit below), got ${row.length}`,
        );
      }
    });
    const units = layer.weights.length;
    if (layer.biases !== null && layer.biases.length !== units) {
      throw new InputError(
        file,
        `${at}.biases`,
        `expected ${units} biases (one per unit), got ${layer.biases.length}`,
      );
    }
    width = units;
  });
  c.data.forEach((s, n) => {
    if (s.x.length !== c.network.inputs) {
      throw new InputError(file, `$.data[${n}].x`, `expected ${c.network.inputs} inputs, got ${s.x.length}`);
    }
    if (s.y.length !== width) {
      throw new InputError(
        file,
        `$.data[${n}].y`,
        `expected ${width} targets (one per output), got ${s.y.length}`,
      );
    }
  });
}

/**
 * Every number must be finite in float32 as well (|x| ≤ 1e30) and of bounded length; every
 * printed number of bounded length, magnitude and precision (its decimals decide the work
 * of rounding to it: "1e-999999999" would ask for a billion); published numbers and
 * symbols of bounded count.
 */
function checkMagnitudes(file: string, c: CaseFile): void {
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
  c.network.layers.forEach((layer, l) => {
    layer.weights.forEach((row, j) =>
      row.forEach((w, i) => check(`$.network.layers[${l}].weights[${j}][${i}]`, w)),
    );
    layer.biases?.forEach((b, j) => check(`$.network.layers[${l}].biases[${j}]`, b));
  });
  c.data.forEach((s, n) => {
    s.x.forEach((v, i) => check(`$.data[${n}].x[${i}]`, v));
    s.y.forEach((v, k) => check(`$.data[${n}].y[${k}]`, v));
  });
  check("$.training.learningRate", c.training.learningRate);
  // Binary cross-entropy takes ln ŷ and ln(1 − ŷ) weighted by y and 1 − y: a target is a probability.
  if (c.network.loss === "bce") {
    c.data.forEach((s, n) =>
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
  const symbols = Object.keys(c.symbols).length;
  if (symbols > LIMITS.maxSymbols) {
    throw new InputError(file, "$.symbols", `expected at most ${LIMITS.maxSymbols} symbols, got ${symbols}`);
  }
  if (c.published.length > LIMITS.maxPublished) {
    throw new InputError(
      file,
      "$.published",
      `expected at most ${LIMITS.maxPublished} published numbers, got ${c.published.length}`,
    );
  }
  c.published.forEach((p, n) => checkPrinted(file, `$.published[${n}].printed`, p.printed));
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

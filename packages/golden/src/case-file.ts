import type { ProblemSpec } from "@bpcheck/core";
import { InputError } from "./input-error.ts";
import { readInputFile } from "./json-text.ts";
import { FIXTURES_DIR, parseJson, validateAgainst } from "./schema.ts";

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

/** The embedded default case: the seed article's worked example. */
export const DEFAULT_CASE_PATH = `${FIXTURES_DIR}bp-worked-example-zh/case.json`;

/** Largest magnitude a case number may have, so that every mode (float32 too) can hold it. */
const MAX_MAGNITUDE = 1e30;

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

/** Every number must be finite in float32 as well (|x| ≤ 1e30). */
function checkMagnitudes(file: string, c: CaseFile): void {
  const check = (path: string, s: string) => {
    if (!(Math.abs(Number(s)) <= MAX_MAGNITUDE)) {
      throw new InputError(file, path, `expected a number of magnitude at most 1e30, got "${s}"`);
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
}

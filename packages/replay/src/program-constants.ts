import type { CaseFile } from "@bpcheck/golden";
import { InputError } from "@bpcheck/golden";
import Decimal from "decimal.js";
import type { ProgramOutput, QuantityTree } from "./program-output.ts";

/** A nested list of decimal strings, shaped like a program literal. */
export type ValueTree = string | readonly ValueTree[];

/** One value of the case by its name: "x[i]", "y[k]" (optionally "@sN" for sample N, from 1), "W[l][j][i]", "b[l][j]", "epochs", "learningRate". */
function caseValue(c: CaseFile, name: string): string | undefined {
  if (name === "epochs") return String(c.training.epochs);
  if (name === "learningRate") return c.training.learningRate;
  const m = /^(x|y|W|b)((?:\[\d+\])+)(?:@s(\d+))?$/.exec(name);
  if (m === null) return undefined;
  const index = [...m[2]!.matchAll(/\d+/g)].map((d) => Number(d[0]));
  const sample = c.data[m[3] === undefined ? 0 : Number(m[3]) - 1];
  const pick = (
    rows: readonly (readonly string[])[] | readonly string[] | null | undefined,
    at: number[],
  ): string | undefined => {
    let v: unknown = rows;
    for (const i of at) v = Array.isArray(v) ? v[i] : undefined;
    return typeof v === "string" ? v : undefined;
  };
  switch (m[1]) {
    case "x":
      return index.length === 1 ? pick(sample?.x, index) : undefined;
    case "y":
      return index.length === 1 ? pick(sample?.y, index) : undefined;
    case "W": {
      if (index.length !== 3) return undefined;
      const layer = c.network.layers[index[0]!];
      // W[l][j][i] joins input i to unit j; a layer written in the in-out layout (one row per
      // input) holds it at weights[i][j].
      const inOut = (layer as { readonly layout?: string } | undefined)?.layout === "in-out";
      return pick(layer?.weights, inOut ? [index[2]!, index[1]!] : index.slice(1));
    }
    default:
      return index.length === 2 ? pick(c.network.layers[index[0]!]?.biases, index.slice(1)) : undefined;
  }
}

/** The case's values for every constant, in order; a name the case does not have is an InputError in the program-output file. */
export function constantValues(c: CaseFile, output: ProgramOutput, outputFile: string): ValueTree[] {
  return output.constants.map((constant, k) => {
    const resolve = (q: QuantityTree, path: string): ValueTree => {
      if (typeof q !== "string") return q.map((item, i) => resolve(item, `${path}[${i}]`));
      const v = caseValue(c, q);
      if (v === undefined)
        throw new InputError(outputFile, path, `expected a quantity of case "${c.id}", got "${q}"`);
      return v;
    };
    return resolve(constant.quantity, `$.constants[${k}].quantity`);
  });
}

/** A program constant whose numbers are not the case's. */
export interface ConstantDisagreement {
  readonly id: string;
  readonly line: number;
  readonly text: string;
  /** Where inside the literal ([] for a plain number), the program's number and the case's (null where the shapes differ). */
  readonly differences: readonly {
    readonly at: readonly number[];
    readonly program: string | null;
    readonly case: string | null;
  }[];
}

/** Compares each literal as written with the case's values, number by number, as exact decimals. */
export function constantDisagreements(
  output: ProgramOutput,
  written: readonly (ValueTree | null)[],
  values: readonly ValueTree[],
): ConstantDisagreement[] {
  const found: ConstantDisagreement[] = [];
  output.constants.forEach((constant, k) => {
    const literal = written[k];
    if (literal === null || literal === undefined) return; // not in this run's text (a patch's constant)
    const differences: { at: number[]; program: string | null; case: string | null }[] = [];
    const walk = (p: ValueTree | undefined, v: ValueTree | undefined, at: number[]): void => {
      if (typeof p === "string" && typeof v === "string") {
        if (!new Decimal(p).eq(new Decimal(v))) differences.push({ at, program: p, case: v });
      } else if (Array.isArray(p) && Array.isArray(v) && p.length === v.length) {
        p.forEach((item, i) => walk(item as ValueTree, v[i] as ValueTree, [...at, i]));
      } else {
        differences.push({
          at,
          program: typeof p === "string" ? p : null,
          case: typeof v === "string" ? v : null,
        });
      }
    };
    walk(literal, values[k], []);
    if (differences.length > 0)
      found.push({ id: constant.id, line: constant.line, text: constant.text, differences });
  });
  return found;
}

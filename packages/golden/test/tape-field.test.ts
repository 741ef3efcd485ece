import Decimal from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { loadCaseFile, type CaseFile } from "../src/index.ts";
import { exactField, recordStep, type RecordedStep } from "../src/reference-derivation.ts";
import {
  ancestors,
  evaluateOne,
  evaluateTape,
  lazyEvaluation,
  useKey,
  type Replacements,
} from "../src/tape-field.ts";

/** The seed's step (sigmoid, no comparison) and a relu step (whose comparisons a replacement can turn). */
const steps: [string, RecordedStep][] = ["bp-worked-example-zh", "relu-bce", "softmax-ce-3class"].map(
  (id) => {
    const c: CaseFile = loadCaseFile(`${import.meta.dirname}/../../../fixtures/${id}/case.json`);
    return [id, recordStep({ network: c.network, data: c.data, training: c.training })];
  },
);

/** Replacements of every kind an evaluation meets, drawn over a step's operations. */
function replacements(step: RecordedStep) {
  const named = [...step.producer.values()].filter((op) => op >= 0);
  const withOperands = step.tape.ops.flatMap((op, n) => (op.operands.length > 0 ? [n] : []));
  // A value near the recorded one, or of the other sign (a relu's comparison turns).
  const near = (v: Decimal) =>
    fc
      .constantFrom("1", "1.0001", "0.9", "-1", "-0.5", "2")
      .map((f) => v.times(f).plus(f === "-1" ? "-0.01" : "0"));
  const result = fc
    .constantFrom(...named)
    .chain((op) => near(step.tape.ops[op]!.value).map((v) => [op, v] as const));
  const operand = fc
    .constantFrom(...withOperands)
    .chain((op) =>
      fc
        .nat(step.tape.ops[op]!.operands.length - 1)
        .chain((position) =>
          near(step.tape.ops[op]!.inputs[position]!).map((v) => [useKey(op, position), v] as const),
        ),
    );
  return fc
    .record({
      results: fc.array(result, { maxLength: 8 }),
      operands: fc.array(operand, { maxLength: 3 }),
      rounded: fc.boolean(),
    })
    .map((x): Replacements => ({
      results: new Map(x.results),
      operands: new Map(x.operands),
      ...(x.rounded ? { rounding: (_: number, v: Decimal) => v.toSignificantDigits(3) } : {}),
    }));
}

const digits = (v: Decimal | undefined) => (v === undefined ? undefined : [v.isNegative(), v.toString()]);

describe.each(steps)("evaluating the recording of %s", (_, step) => {
  const ops = step.tape.ops.length;

  it("gives one operation's value as the whole evaluation of its ancestors does, and charges the budget alike", () => {
    fc.assert(
      fc.property(replacements(step), fc.nat(ops - 1), fc.nat(2 * ops), (r, target, ops) => {
        const only = ancestors(step.tape, target);
        const whole = { ops };
        const one = { ops };
        const all = evaluateTape(exactField, step.tape, r, only, whole);
        const just = evaluateOne(exactField, step.tape, r, only, target, one);
        expect(just === null).toBe(all === null);
        expect(one.ops).toBe(whole.ops);
        if (all !== null && just !== null) {
          expect(digits(just.value)).toEqual(digits(all.values[target]));
          expect(digits(just.computed)).toEqual(digits(all.computed[target]));
        }
      }),
      { numRuns: 200 },
    );
  });

  it("computes each operation when first asked for as the whole evaluation does, in any order of asking", () => {
    fc.assert(
      fc.property(replacements(step), fc.array(fc.nat(ops - 1), { maxLength: 12 }), (raw, asked) => {
        // A pass replaces results and rounds; it reads no operand as a replacement.
        const r: Replacements = { ...raw, operands: new Map() };
        const all = evaluateTape(exactField, step.tape, r);
        const lazy = lazyEvaluation(exactField, step.tape, r);
        expect(lazy === null).toBe(all === null);
        if (all !== null && lazy !== null) {
          for (const op of asked) expect(digits(lazy(op))).toEqual(digits(all.computed[op]));
        }
      }),
      { numRuns: 200 },
    );
  });
});

it("a relu step's comparison turned by a replacement abandons every kind of evaluation", () => {
  const [, step] = steps[1]!;
  const compare = step.tape.ops.findIndex((op) => op.kind === "compare");
  const z = step.tape.ops[compare]!.operands.find((o) => o >= 0)!;
  const r: Replacements = { results: new Map([[z, step.tape.ops[z]!.value.neg().minus("0.01")]]) };
  const last = step.tape.ops.length - 1;
  expect(evaluateTape(exactField, step.tape, r)).toBeNull();
  expect(evaluateOne(exactField, step.tape, r, ancestors(step.tape, last), last)).toBeNull();
  expect(lazyEvaluation(exactField, step.tape, r)).toBeNull();
});

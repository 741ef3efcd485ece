import {
  deriveWorkedExample,
  instantiate,
  formatQuantity,
  kindOf,
  mustParse,
  negatedName,
  type Derivation,
  type ProblemSpec,
} from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import type Decimal from "decimal.js";
import { memoField } from "./memo-field.ts";
import { significantDigitField } from "./rounding-field.ts";
import { tapeField, type Tape } from "./tape-field.ts";

/** Working precision of the judge: far beyond any printed digit. */
export const REFERENCE_DIGITS = 60;

/** The judge's arithmetic: the exact mode at REFERENCE_DIGITS, each operation on the same operands computed once. */
export const exactField = memoField(decimalField(REFERENCE_DIGITS));

/**
 * Every quantity of the worked step (and of the later steps the case names), by
 * canonical name; a quantity a sign convention can negate is there negated too
 * (`-delta[1][0]`), so that a number printed under δ = −∂L/∂z is judged as printed.
 */
export type QuantityValues = ReadonlyMap<string, Decimal>;

function byName(d: Derivation<Decimal>): QuantityValues {
  const values = new Map(d.quantities.map((q) => [q.name, q.value]));
  for (const q of d.quantities) {
    const name = mustParse(q.name);
    if (kindOf(name).sign !== null) values.set(formatQuantity(negatedName(name, true)), q.value.neg());
  }
  return values;
}

/** The worked step of `spec` in the exact mode (60 digits). */
export function exactQuantities(spec: ProblemSpec): QuantityValues {
  return byName(deriveWorkedExample(exactField, instantiate(exactField, spec)));
}

/** The worked step of `spec` with every operation rounded to k significant digits. */
export function roundedQuantities(spec: ProblemSpec, k: number): QuantityValues {
  const F = significantDigitField(k);
  return byName(deriveWorkedExample(F, instantiate(F, spec)));
}

/** The exact worked step, recorded operation by operation for re-evaluation. */
export interface RecordedStep {
  readonly tape: Tape;
  /** Canonical names in derivation order. */
  readonly names: readonly string[];
  /** name → the operation that produced the quantity (−1 for a constant). */
  readonly producer: ReadonlyMap<string, number>;
  /** Every quantity's exact value, by name. */
  readonly values: QuantityValues;
}

export function recordStep(spec: ProblemSpec): RecordedStep {
  const { field, tape } = tapeField(exactField);
  const d = deriveWorkedExample(field, instantiate(field, spec));
  return {
    tape,
    names: d.quantities.map((q) => q.name),
    producer: new Map(d.quantities.map((q) => [q.name, q.value.op])),
    values: new Map(d.quantities.map((q) => [q.name, q.value.value])),
  };
}

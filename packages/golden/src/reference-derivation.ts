import { deriveFirstStep, instantiate, type Derivation, type ProblemSpec } from "@bpcheck/core";
import { decimalField } from "@bpcheck/exact";
import type Decimal from "decimal.js";
import { significantDigitField } from "./rounding-field.ts";
import { tapeField, type Tape } from "./tape-field.ts";

/** Working precision of the judge: far beyond any printed digit. */
export const REFERENCE_DIGITS = 60;

export const exactField = decimalField(REFERENCE_DIGITS);

/** Every quantity of the first step, by canonical name. */
export type QuantityValues = ReadonlyMap<string, Decimal>;

function byName(d: Derivation<Decimal>): QuantityValues {
  return new Map(d.quantities.map((q) => [q.name, q.value]));
}

/** The first step of `spec` in the exact mode (60 digits). */
export function exactQuantities(spec: ProblemSpec): QuantityValues {
  return byName(deriveFirstStep(exactField, instantiate(exactField, spec)));
}

/** The first step of `spec` with every operation rounded to k significant digits. */
export function roundedQuantities(spec: ProblemSpec, k: number): QuantityValues {
  const F = significantDigitField(k);
  return byName(deriveFirstStep(F, instantiate(F, spec)));
}

/** The exact first step, recorded operation by operation for re-evaluation. */
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
  const d = deriveFirstStep(field, instantiate(field, spec));
  return {
    tape,
    names: d.quantities.map((q) => q.name),
    producer: new Map(d.quantities.map((q) => [q.name, q.value.op])),
    values: new Map(d.quantities.map((q) => [q.name, q.value.value])),
  };
}

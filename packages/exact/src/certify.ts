import type { Field, Quantity } from "@bpcheck/core";
import Decimal from "decimal.js";
import { decimalField, exactFieldAt } from "./decimal-field.ts";

/**
 * Number of leading significant digits of `approx` that agree with `reference`:
 * ⌊−log10(|approx − reference| / |reference|)⌋, capped at `cap`. Equal values agree
 * in all `cap` digits; a zero reference counts absolute agreement instead.
 */
export function agreeingDigits(approx: Decimal, reference: Decimal, cap: number): number {
  if (approx.eq(reference)) return cap;
  const diff = approx.minus(reference).abs();
  const scale = reference.isZero() ? new Decimal(1) : reference.abs();
  // ⌊−log10 x⌋ for x = m·10^e (1 ≤ m < 10) is −e when m = 1 and −e − 1 otherwise: read
  // from the exponent, exactly, instead of a logarithm (which dominated a run's time).
  const x = diff.div(scale);
  const digits = x.eq(new Decimal(10).pow(x.e)) ? -x.e : -x.e - 1;
  return Math.max(0, Math.min(cap, digits));
}

export interface CertifiedQuantity {
  readonly name: string;
  /** The value at the working precision. */
  readonly value: Decimal;
  /** Significant digits that did not change when the precision was raised. */
  readonly certifiedDigits: number;
  /**
   * The same quantity from the rerun at higher precision. Rounded to `certifiedDigits`
   * it is the correctly rounded value (the working value itself may be a unit off in its
   * last certified digit: agreement bounds the relative error, not the rounding).
   */
  readonly reference: Decimal;
}

/**
 * Runs a derivation at `digits` and again at `digits + guard` digits and keeps, for each
 * quantity, the digits the two runs agree on. A digit that survives a large increase
 * of precision is not an artefact of rounding (the usual a-posteriori check, as in
 * mpmath's practice of recomputing with extra precision). Both runs must produce the
 * same quantities in the same order.
 */
export function certify(
  derive: (F: Field<Decimal>) => readonly Quantity<Decimal>[],
  digits: number,
  guard: number = Math.max(20, digits),
): CertifiedQuantity[] {
  const working = derive(decimalField(digits));
  const reference = derive(exactFieldAt(digits + guard));
  return working.map((q, k) => {
    const ref = reference[k];
    if (ref === undefined || ref.name !== q.name) {
      throw new Error(`certify: the two runs differ at quantity ${k} (${q.name})`);
    }
    return {
      name: q.name,
      value: q.value,
      certifiedDigits: agreeingDigits(q.value, ref.value, digits),
      reference: ref.value,
    };
  });
}

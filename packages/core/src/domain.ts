import { DomainError } from "./errors.ts";
import type { Field } from "./field.ts";

/**
 * `F` with its partial functions checked: ln of a number ≤ 0, a division by zero, and
 * (in the float formats) exp beyond the largest finite number throw a DomainError naming
 * the mode, the operation and the operand, instead of carrying NaN or ±Infinity into
 * every later quantity (and into certified digits). The other operations are F's own.
 */
export function domainChecked<T>(F: Field<T>): Field<T> {
  const shown = (a: T) => F.toString(a);
  const mode = F.name === "exact" ? "the exact mode" : F.name;
  return {
    ...F,
    ln: (a) => {
      if (F.compare(a, F.zero) <= 0) {
        throw new DomainError(
          mode,
          `ln(${shown(a)})`,
          "ln takes positive numbers only (the bce loss takes ln ŷ and ln(1 − ŷ): ŷ must lie strictly between 0 and 1)",
        );
      }
      return F.ln(a);
    },
    div: (a, b) => {
      if (F.compare(b, F.zero) === 0) {
        throw new DomainError(mode, `${shown(a)} / ${shown(b)}`, "a division by zero");
      }
      return F.div(a, b);
    },
    exp: (a) => {
      const r = F.exp(a);
      // Only a float format overflows: the exact mode's exponents reach 9·10^15.
      if (F.name !== "exact" && !Number.isFinite(F.toNumber(r))) {
        throw new DomainError(
          mode,
          `exp(${shown(a)})`,
          `it overflows ${F.name} (above its largest finite number)`,
        );
      }
      return r;
    },
  };
}

import { DomainError } from "./errors.ts";
import type { Field } from "./field.ts";
import type { Quantity } from "./quantities.ts";
import { parseQuantity, type QuantityName } from "./quantity-name.ts";

/**
 * `F` with its partial functions checked: ln of a number ≤ 0, a division by zero, and
 * (in the float formats) exp beyond the largest finite number throw a DomainError naming
 * the mode, the operation and the operand, instead of carrying NaN or ±Infinity into
 * every later quantity (and into certified digits). The other operations are F's own.
 */
export function domainChecked<T>(F: Field<T>): Field<T> {
  const shown = (a: T) => F.toString(a);
  const mode = F.name;
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

/**
 * `F` with the partial functions `domainChecked` guards made total: NaN (F's 0/0) where
 * that would throw, so that the value left undefined flows on into every quantity computed
 * from it. The float formats' exp overflow gives NaN too, not +Infinity, which σ = 1/(1 + e^−z)
 * would turn back into a finite 0.
 */
function poisoned<T>(F: Field<T>): Field<T> {
  const undefinedValue = () => F.div(F.zero, F.zero);
  return {
    ...F,
    ln: (a) => (F.compare(a, F.zero) <= 0 ? undefinedValue() : F.ln(a)),
    div: (a, b) => (F.compare(b, F.zero) === 0 ? undefinedValue() : F.div(a, b)),
    exp: (a) => {
      const r = F.exp(a);
      return F.name !== "exact" && !Number.isFinite(F.toNumber(r)) ? undefinedValue() : r;
    },
  };
}

/**
 * Where a quantity is computed in a step: the forward pass layer by layer (z, a, f′ of a
 * layer before the next's), each sample's loss terms, the loss, then the backward pass from
 * the output down; a later step (a time suffix) after the whole first one.
 */
function computationOrder(name: QuantityName, layers: number): readonly number[] {
  const sample = name.sample ?? 0;
  const layer = name.index[0] ?? 0;
  const time = name.time === null ? 0 : 1;
  switch (name.kind) {
    case "z":
      return [time, 1, sample, layer, 0];
    case "a":
      return [time, 1, sample, layer, 1];
    case "fprime":
      return [time, 1, sample, layer, 2];
    case "lossTerm":
      return [time, 1, sample, layers, 0];
    case "loss":
      return name.sample === null ? [time, 2, 0, 0, 0] : [time, 1, sample, layers, 1];
    case "da":
      return [time, 3, sample, layers - layer, 0];
    case "delta":
      return [time, 3, sample, layers - layer, 1];
    default:
      return [time, name.kind === "x" || name.kind === "y" || name.kind === "W" || name.kind === "b" ? 0 : 4];
  }
}

function lexicographic(a: readonly number[], b: readonly number[]): number {
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    const d = (a[k] ?? 0) - (b[k] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The canonical name of the quantity a domain error arises in: `derive` rerun in `F` (a
 * plain field of the mode that threw) with the partial functions made total, and the
 * first quantity in the order the step computes them whose value is NaN or infinite.
 * Null when none is (the error arose in work beyond the derivation, such as a later epoch).
 */
export function firstUndefinedQuantity<T>(
  F: Field<T>,
  derive: (F: Field<T>) => readonly Quantity<T>[],
): string | null {
  const quantities = derive(poisoned(F));
  let layers = 0;
  const parsed = quantities.map((q) => {
    const p = parseQuantity(q.name);
    const name = p.ok ? p.name : null;
    if (name !== null && (name.kind === "z" || name.kind === "a")) {
      layers = Math.max(layers, (name.index[0] ?? 0) + 1);
    }
    return { q, name };
  });
  // The earliest in computation order; among equals, the first listed.
  let first: { name: string; key: readonly number[] } | null = null;
  for (const { q, name } of parsed) {
    if (!/NaN|Infinity/.test(F.toString(q.value))) continue;
    const key = name === null ? [9] : computationOrder(name, layers);
    if (first === null || lexicographic(key, first.key) < 0) first = { name: q.name, key };
  }
  return first?.name ?? null;
}

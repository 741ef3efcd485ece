import { float32, float64, type Field } from "@bpcheck/core";
import { decimalField } from "./decimal-field.ts";

/** The three precision modes of every computing command. */
export const MODES = ["float32", "float64", "exact"] as const;
export type Mode = (typeof MODES)[number];

/**
 * The number system of a mode; `digits` is the exact mode's working precision (ignored
 * by the float modes). The element type is left open: callers run the generic
 * algorithm on it and read results through the field's own toString.
 */
export function fieldFor(mode: Mode, digits: number): Field<unknown> {
  switch (mode) {
    case "float32":
      return float32 as Field<unknown>;
    case "float64":
      return float64 as Field<unknown>;
    case "exact":
      return decimalField(digits) as Field<unknown>;
  }
}

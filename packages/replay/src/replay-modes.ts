import { float64, type Field } from "@bpcheck/core";
import { decimalField, exactDecimal } from "@bpcheck/exact";
import type Decimal from "decimal.js";

/** A number system for the replay, with the exact decimal value of each of its numbers (what numpy's printing rounds). */
export interface ReplayMode<T> {
  readonly field: Field<T>;
  readonly exactValue: (x: T) => string;
  /** A correctly rounded square root of the number system, if it has one (see `ReplayOptions.sqrt`). */
  readonly sqrt?: (x: T) => T;
}

/** IEEE binary64, numpy's float64: a double's exact value is its full binary expansion. */
export const float64Replay: ReplayMode<number> = {
  field: float64,
  exactValue: exactDecimal,
  sqrt: Math.sqrt,
};

/** Working precision of the exact replay, in significant digits. */
export const REPLAY_DIGITS = 60;

/** decimal.js at `digits` significant digits: the real-number program, rounded only at the 60th digit. */
export function exactReplay(digits: number = REPLAY_DIGITS): ReplayMode<Decimal> {
  return { field: decimalField(digits), exactValue: (x) => x.toString() };
}

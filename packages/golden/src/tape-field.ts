import type { Field } from "@bpcheck/core";
import type Decimal from "decimal.js";

/**
 * A field that records every operation the engine performs, so that a derivation can
 * be replayed with some intermediate values replaced (a value as the source printed it,
 * or rounded as a hand calculation would). The engine's sequence of operations does not
 * depend on the values (only relu's comparisons could change it; a replay whose
 * comparisons differ from the recording is abandoned), so operation n of a replay is
 * operation n of the recording.
 */
export interface TapeNode {
  readonly value: Decimal;
  /** Index of the operation that produced the value; −1 for the constants 0 and 1. */
  readonly op: number;
  /** Whether the value differs from the recording because of a replacement upstream. */
  readonly dirty: boolean;
}

export interface TapeOp {
  readonly kind: string;
  /** Producing operations of the operands (−1 for a constant). */
  readonly operands: readonly number[];
  readonly value: Decimal;
}

export interface Tape {
  readonly ops: readonly TapeOp[];
  readonly comparisons: readonly number[];
}

/** Replacements for a replay: the result of an operation, or one operand of an operation. */
export interface Replacements {
  /** op → the value the operation yields instead of computing it. */
  readonly results?: ReadonlyMap<number, Decimal>;
  /** useKey(op, position) → the value operand `position` of `op` is read as. */
  readonly operands?: ReadonlyMap<number, Decimal>;
}

/** Key of operand `position` (0 or 1) of operation `op` in `Replacements.operands`. */
export function useKey(op: number, position: number): number {
  return op * 2 + position;
}

/** Thrown inside a replay whose control flow leaves the recording. */
class Diverged extends Error {}

/**
 * A recording field over `base`. Without `replay`, it records; with it, it replays the
 * recording, recomputing only operations whose inputs were replaced.
 */
export function tapeField(
  base: Field<Decimal>,
  replay?: { readonly tape: Tape; readonly replacements: Replacements },
): { readonly field: Field<TapeNode>; readonly tape: Tape } {
  const ops: TapeOp[] = [];
  const comparisons: number[] = [];
  const results = replay?.replacements.results;
  const operandValues = replay?.replacements.operands;
  const constant = (value: Decimal): TapeNode => ({ value, op: -1, dirty: false });

  function apply(
    kind: string,
    inputs: readonly TapeNode[],
    compute: (...xs: Decimal[]) => Decimal,
  ): TapeNode {
    const op = ops.length;
    const recorded = replay?.tape.ops[op];
    if (replay !== undefined && recorded?.kind !== kind) throw new Diverged();
    let dirty = false;
    const values = inputs.map((x, position) => {
      const replaced = operandValues?.get(useKey(op, position));
      if (replaced !== undefined || x.dirty) dirty = true;
      return replaced ?? x.value;
    });
    const result = results?.get(op);
    let value: Decimal;
    if (result !== undefined) {
      value = result;
      dirty = true;
    } else {
      value = dirty || recorded === undefined ? compute(...values) : recorded.value;
    }
    ops.push({ kind, operands: inputs.map((x) => x.op), value });
    return { value, op, dirty };
  }

  const field: Field<TapeNode> = {
    name: `tape(${base.name})`,
    digits: base.digits,
    zero: constant(base.zero),
    one: constant(base.one),
    fromDecimal: (s) => apply(`decimal ${s}`, [], () => base.fromDecimal(s)),
    fromInt: (n) => apply(`int ${n}`, [], () => base.fromInt(n)),
    add: (a, b) => apply("add", [a, b], base.add),
    sub: (a, b) => apply("sub", [a, b], base.sub),
    mul: (a, b) => apply("mul", [a, b], base.mul),
    div: (a, b) => apply("div", [a, b], base.div),
    neg: (a) => apply("neg", [a], base.neg),
    exp: (a) => apply("exp", [a], base.exp),
    ln: (a) => apply("ln", [a], base.ln),
    tanh: (a) => apply("tanh", [a], base.tanh),
    compare: (a, b) => {
      const c = base.compare(a.value, b.value);
      if (replay !== undefined && replay.tape.comparisons[comparisons.length] !== c) throw new Diverged();
      comparisons.push(c);
      return c;
    },
    toString: (a) => base.toString(a.value),
    toNumber: (a) => base.toNumber(a.value),
  };
  return { field, tape: { ops, comparisons } };
}

/** Runs `derive` on a replay; null when the replay left the recording's control flow. */
export function replayed<R>(
  base: Field<Decimal>,
  tape: Tape,
  replacements: Replacements,
  derive: (F: Field<TapeNode>) => R,
): R | null {
  try {
    return derive(tapeField(base, { tape, replacements }).field);
  } catch (e) {
    if (e instanceof Diverged) return null;
    throw e;
  }
}

/** Every operation the result of `op` depends on, `op` included (constants excluded). */
export function ancestors(tape: Tape, op: number): Set<number> {
  const seen = new Set<number>();
  const stack = [op];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n < 0 || seen.has(n)) continue;
    seen.add(n);
    for (const operand of tape.ops[n]!.operands) stack.push(operand);
  }
  return seen;
}

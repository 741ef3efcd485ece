import type { Field } from "@bpcheck/core";
import type Decimal from "decimal.js";

/**
 * A field that records every operation the engine performs, so that a derivation can
 * be re-evaluated with some values replaced (a value as the source printed it, or
 * rounded as a hand calculation would) without running the engine again. The engine's
 * sequence of operations does not depend on the values, except through comparisons
 * (relu): comparisons are recorded too, and an evaluation whose comparisons come out
 * otherwise than in the recording is abandoned.
 */
export interface TapeNode {
  readonly value: Decimal;
  /** Index of the operation that produced the value; −1 for the constants 0 and 1. */
  readonly op: number;
}

export interface TapeOp {
  readonly kind: string;
  /** Producing operations of the operands (−1 for a constant). */
  readonly operands: readonly number[];
  /** The operands' values as recorded (where a constant's value is found). */
  readonly inputs: readonly Decimal[];
  /** The result; for a comparison, the recorded sign as a Decimal. */
  readonly value: Decimal;
}

export interface Tape {
  readonly ops: readonly TapeOp[];
}

/** Replacements for an evaluation: the result of an operation, or one operand of an operation. */
export interface Replacements {
  /** op → the value the operation yields instead of computing it. */
  readonly results?: ReadonlyMap<number, Decimal>;
  /** useKey(op, position) → the value operand `position` of `op` is read as. */
  readonly operands?: ReadonlyMap<number, Decimal>;
  /** op → how its computed result is rounded before it is used (a hand calculation's habit). */
  readonly rounding?: (op: number, value: Decimal) => Decimal;
}

/** Key of operand `position` (0 or 1) of operation `op` in `Replacements.operands`. */
export function useKey(op: number, position: number): number {
  return op * 2 + position;
}

/** A recording field over `base`: the engine runs on it as on any field. */
export function tapeField(base: Field<Decimal>): { readonly field: Field<TapeNode>; readonly tape: Tape } {
  const ops: TapeOp[] = [];
  const constant = (value: Decimal): TapeNode => ({ value, op: -1 });
  function apply(kind: string, xs: readonly TapeNode[], value: Decimal): TapeNode {
    ops.push({ kind, operands: xs.map((x) => x.op), inputs: xs.map((x) => x.value), value });
    return { value, op: ops.length - 1 };
  }
  const unary = (kind: string, f: (x: Decimal) => Decimal) => (a: TapeNode) => apply(kind, [a], f(a.value));
  const binary = (kind: string, f: (x: Decimal, y: Decimal) => Decimal) => (a: TapeNode, b: TapeNode) =>
    apply(kind, [a, b], f(a.value, b.value));
  const field: Field<TapeNode> = {
    name: `tape(${base.name})`,
    digits: base.digits,
    zero: constant(base.zero),
    one: constant(base.one),
    fromDecimal: (s) => apply(`decimal ${s}`, [], base.fromDecimal(s)),
    fromInt: (n) => apply(`int ${n}`, [], base.fromInt(n)),
    add: binary("add", base.add),
    sub: binary("sub", base.sub),
    mul: binary("mul", base.mul),
    div: binary("div", base.div),
    neg: unary("neg", base.neg),
    exp: unary("exp", base.exp),
    ln: unary("ln", base.ln),
    tanh: unary("tanh", base.tanh),
    compare: (a, b) => {
      const c = base.compare(a.value, b.value);
      apply("compare", [a, b], base.fromInt(c));
      return c;
    },
    toString: (a) => base.toString(a.value),
    toNumber: (a) => base.toNumber(a.value),
  };
  return { field, tape: { ops } };
}

/** Operations an evaluation counts against its budget (see `Budget`). */
export interface Budget {
  /** Operations that may still be recomputed; an evaluation that would exceed it is not run. */
  ops: number;
}

/**
 * The recording evaluated again with replacements, over `base`, restricted to the
 * operations `only` (ascending; every operation when omitted). Returns each operation's
 * value and, separately, the value it computed before its own rounding or replacement
 * (so that a replaced quantity can still be read as computed from its operands); null
 * when a comparison comes out otherwise than recorded, or the budget is spent.
 */
export function evaluateTape(
  base: Field<Decimal>,
  tape: Tape,
  r: Replacements,
  only?: readonly number[],
  budget?: Budget,
): { readonly values: (Decimal | undefined)[]; readonly computed: (Decimal | undefined)[] } | null {
  const order = only ?? tape.ops.map((_, n) => n);
  if (budget !== undefined) {
    if (budget.ops < order.length) return null;
    budget.ops -= order.length;
  }
  const values: (Decimal | undefined)[] = Array.from<Decimal | undefined>({ length: tape.ops.length });
  const computed: (Decimal | undefined)[] = Array.from<Decimal | undefined>({ length: tape.ops.length });
  const dirty = new Uint8Array(tape.ops.length);
  const operands = r.operands;
  const xs: Decimal[] = [];
  for (const n of order) {
    const op = tape.ops[n]!;
    let changed = false;
    xs.length = 0;
    for (let position = 0; position < op.operands.length; position++) {
      const o = op.operands[position]!;
      const replaced = operands === undefined ? undefined : operands.get(useKey(n, position));
      if (replaced !== undefined) {
        changed = true;
        xs.push(replaced);
      } else if (o < 0) {
        xs.push(op.inputs[position]!);
      } else {
        if (dirty[o] === 1) changed = true;
        xs.push(values[o] ?? op.inputs[position]!);
      }
    }
    let value = changed ? compute(base, op.kind, xs) : op.value;
    computed[n] = value;
    if (op.kind === "compare") {
      if (!value.eq(op.value)) return null;
    } else if (r.rounding !== undefined && op.operands.length > 0) {
      const rounded = r.rounding(n, value);
      if (!rounded.eq(value)) changed = true;
      value = rounded;
    }
    const result = r.results?.get(n);
    if (result !== undefined) {
      value = result;
      changed = true;
    }
    values[n] = value;
    if (changed) dirty[n] = 1;
  }
  return { values, computed };
}

function compute(F: Field<Decimal>, kind: string, xs: readonly Decimal[]): Decimal {
  const [a, b] = xs as [Decimal, Decimal];
  switch (kind) {
    case "add":
      return F.add(a, b);
    case "sub":
      return F.sub(a, b);
    case "mul":
      return F.mul(a, b);
    case "div":
      return F.div(a, b);
    case "neg":
      return F.neg(a);
    case "exp":
      return F.exp(a);
    case "ln":
      return F.ln(a);
    case "tanh":
      return F.tanh(a);
    case "compare":
      return F.fromInt(F.compare(a, b));
    default:
      throw new Error(`a recorded ${kind} has no operands to recompute from`);
  }
}

/** Every operation the result of `op` depends on, `op` included (constants excluded), ascending. */
export function ancestors(tape: Tape, op: number): number[] {
  const seen = new Uint8Array(tape.ops.length);
  const stack = [op];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n < 0 || seen[n] === 1) continue;
    seen[n] = 1;
    for (const operand of tape.ops[n]!.operands) stack.push(operand);
  }
  const out: number[] = [];
  for (let n = 0; n <= op; n++) {
    const o = tape.ops[n]!;
    // A comparison (relu's) decides which value flows on: kept when it reads a value kept.
    if (seen[n] === 1 || (o.kind === "compare" && o.operands.some((x) => x >= 0 && seen[x] === 1)))
      out.push(n);
  }
  return out;
}

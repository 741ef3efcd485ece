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

/** Each operation's value after an evaluation, and the value it computed before its own rounding or replacement. */
export interface Evaluated {
  readonly values: readonly (Decimal | undefined)[];
  readonly computed: readonly (Decimal | undefined)[];
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
): Evaluated | null {
  const order = only ?? tape.ops.map((_, n) => n);
  if (!charge(budget, order)) return null;
  const e = new Evaluation(base, tape, r);
  for (const n of order) if (!e.run(n)) return null;
  return e;
}

/**
 * One operation's value and computed value (as in `evaluateTape`) when only those are
 * wanted: the evaluation over `only` (the operation's ancestors, ascending) computes
 * just what they depend on. An operation whose result is replaced yields the
 * replacement whatever its operands, so what feeds only replaced operations is not
 * computed (on a pass with the source's printed numbers in place, most of the step).
 * Every comparison of `only` is still decided, from the same operands, and the budget is
 * charged for all of `only`: the value, a comparison abandoning the evaluation and the
 * budget left are those `evaluateTape` gives.
 */
export function evaluateOne(
  base: Field<Decimal>,
  tape: Tape,
  r: Replacements,
  only: readonly number[],
  target: number,
  budget?: Budget,
): { readonly value: Decimal | undefined; readonly computed: Decimal | undefined } | null {
  if (!charge(budget, only)) return null;
  // Marked: run. Walking back from the target, each operation run marks the operands it reads.
  const runs = new Uint8Array(tape.ops.length);
  runs[target] = 1;
  for (let k = only.length - 1; k >= 0; k--) {
    const n = only[k]!;
    const op = tape.ops[n]!;
    if (op.kind === "compare") runs[n] = 1;
    // A replaced result is not run, but for the target's own computed value.
    else if (n !== target && r.results?.has(n) === true) runs[n] = 0;
    if (runs[n] === 1) markOperands(op, n, r, runs);
  }
  const e = new Evaluation(base, tape, r);
  for (const n of only) {
    if (runs[n] === 0) e.settle(n);
    else if (!e.run(n)) return null;
  }
  return { value: e.values[target], computed: e.computed[target] };
}

/**
 * The recording evaluated again with replacements, each operation computed when it is
 * first asked for (as computed before its own rounding or replacement, as in
 * `evaluateTape`'s `computed`), with what it depends on: a pass is asked for the
 * quantities a source printed, and with the printed numbers in place most of the step is
 * not needed. Values do not depend on the order they are computed in, and every
 * comparison is decided first: null when one comes out otherwise than recorded, as
 * `evaluateTape` gives.
 */
export function lazyEvaluation(
  base: Field<Decimal>,
  tape: Tape,
  r: Replacements,
): ((op: number) => Decimal | undefined) | null {
  const e = new Evaluation(base, tape, r);
  // A replaced result is its value before anything is run (and whatever its operands).
  for (const op of r.results?.keys() ?? []) e.settle(op);
  const ran = new Uint8Array(tape.ops.length);
  /** Runs `wanted` and what their values depend on, not run yet, in the recording's order. */
  const runFor = (wanted: readonly number[]): boolean => {
    const runs = new Uint8Array(tape.ops.length);
    let last = -1;
    for (const n of wanted) {
      runs[n] = 1;
      last = Math.max(last, n);
    }
    let first = last + 1;
    for (let n = last; n >= 0; n--) {
      if (runs[n] === 0) continue;
      // Run already, or a replaced result not itself wanted: nothing to run.
      if (ran[n] === 1 || (r.results?.has(n) === true && !wanted.includes(n))) {
        runs[n] = 0;
        continue;
      }
      first = n;
      markOperands(tape.ops[n]!, n, r, runs);
    }
    // Operands come before the operations that read them.
    for (let n = first; n <= last; n++) {
      if (runs[n] === 0) continue;
      ran[n] = 1;
      if (!e.run(n)) return false;
    }
    return true;
  };
  if (!runFor(tape.ops.flatMap((op, n) => (op.kind === "compare" ? [n] : [])))) return null;
  return (op) => {
    // No comparison is left to come out otherwise.
    if (ran[op] === 0) runFor([op]);
    return e.computed[op];
  };
}

/** Marks in `runs` the operands operation n reads from other operations (not those read as a replacement). */
function markOperands(op: TapeOp, n: number, r: Replacements, runs: Uint8Array): void {
  for (let position = 0; position < op.operands.length; position++) {
    const o = op.operands[position]!;
    if (o >= 0 && r.operands?.has(useKey(n, position)) !== true) runs[o] = 1;
  }
}

/** Charges an evaluation of `order` to the budget: false, and nothing charged, when it is spent. */
function charge(budget: Budget | undefined, order: readonly number[]): boolean {
  if (budget === undefined) return true;
  if (budget.ops < order.length) return false;
  budget.ops -= order.length;
  return true;
}

/** An evaluation in progress: the operations run so far, each from its operands' values (an operand not run is read as recorded). */
class Evaluation implements Evaluated {
  readonly values: (Decimal | undefined)[];
  readonly computed: (Decimal | undefined)[];
  /** 1: the value differs from the recording (computed from changed operands, rounded or replaced). */
  private readonly dirty: Uint8Array;

  constructor(
    private readonly base: Field<Decimal>,
    private readonly tape: Tape,
    private readonly r: Replacements,
  ) {
    const n = tape.ops.length;
    // Preallocated holes, each filled when its operation runs: an evaluation is made for
    // every reading tried, and building the arrays element by element (Array.from) cost
    // more than the few operations most evaluations run.
    // oxlint-disable-next-line unicorn/no-new-array
    this.values = new Array<Decimal | undefined>(n);
    // oxlint-disable-next-line unicorn/no-new-array
    this.computed = new Array<Decimal | undefined>(n);
    this.dirty = new Uint8Array(n);
  }

  /** Takes operation n's replaced result, if any, as its value, without running it. */
  settle(n: number): void {
    const result = this.r.results?.get(n);
    if (result !== undefined) {
      this.values[n] = result;
      this.dirty[n] = 1;
    }
  }

  /** Runs operation n from its operands' values; false when it is a comparison that comes out otherwise than recorded. */
  run(n: number): boolean {
    const op = this.tape.ops[n]!;
    const operands = this.r.operands;
    let changed = false;
    let a: Decimal | undefined;
    let b: Decimal | undefined;
    for (let position = 0; position < op.operands.length; position++) {
      const o = op.operands[position]!;
      let x = operands === undefined ? undefined : operands.get(useKey(n, position));
      if (x !== undefined) {
        changed = true;
      } else if (o < 0) {
        x = op.inputs[position]!;
      } else {
        if (this.dirty[o] === 1) changed = true;
        x = this.values[o] ?? op.inputs[position]!;
      }
      if (position === 0) a = x;
      else b = x;
    }
    let value = changed ? compute(this.base, op.kind, a!, b!) : op.value;
    this.computed[n] = value;
    if (op.kind === "compare") {
      if (!value.eq(op.value)) return false;
    } else if (this.r.rounding !== undefined && op.operands.length > 0) {
      const rounded = this.r.rounding(n, value);
      if (!rounded.eq(value)) changed = true;
      value = rounded;
    }
    const result = this.r.results?.get(n);
    if (result !== undefined) {
      value = result;
      changed = true;
    }
    this.values[n] = value;
    if (changed) this.dirty[n] = 1;
    return true;
  }
}

function compute(F: Field<Decimal>, kind: string, a: Decimal, b: Decimal): Decimal {
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

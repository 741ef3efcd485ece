import type { Field } from "@bpcheck/core";
import type { Ball } from "./ball-field.ts";
import { pow10 } from "./dyadic.ts";

/**
 * A terminating decimal n·10^−s, held exactly on BigInt: the value a chain of additions,
 * subtractions and products of the case's decimal inputs has before anything rounds it.
 */
interface ExactDecimal {
  readonly n: bigint;
  readonly s: number;
}

/** A ball that may also know its exact value (only while that value is a short decimal). */
type TrackedBall = Ball & { readonly exact?: ExactDecimal };

const ZERO: ExactDecimal = { n: 0n, s: 0 };
const ONE: ExactDecimal = { n: 1n, s: 0 };

/** "−0.05", "1.5e-3", "3" → an ExactDecimal; null for any other spelling (not tracked). */
function parseExact(text: string): ExactDecimal | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d{1,6}))?$/.exec(text.trim());
  if (m === null || (m[2] === "" && (m[3] ?? "") === "")) return null;
  const fraction = m[3] ?? "";
  const n = BigInt(`${m[1]}${m[2]}${fraction}` || "0");
  const s = fraction.length - Number(m[4] ?? 0);
  return s >= 0 ? { n, s } : { n: n * pow10(-s), s: 0 };
}

/** Both operands scaled to the larger number of decimals. */
function aligned(x: ExactDecimal, y: ExactDecimal): [bigint, bigint, number] {
  if (x.s === y.s) return [x.n, y.n, x.s];
  return x.s < y.s ? [x.n * pow10(y.s - x.s), y.n, y.s] : [x.n, y.n * pow10(x.s - y.s), x.s];
}

/**
 * Ball arithmetic that also carries each value's exact decimal while it has one, to
 * decide what binary midpoints cannot: a decimal input such as 0.05 is not a binary
 * number, so the ball of 0.1·0.5 − 0.05 has a radius although the value is exactly 0,
 * and a ReLU at that input (is it > 0?) could not be decided at any precision. Here
 * additions, subtractions, negations and products of tracked values are tracked exactly
 * (up to `digits` + 10 decimals and as many significant digits, beyond which the value is
 * dropped: a longer exact value would not be decided by it more often, only more slowly);
 * a division, exp, ln or tanh ends the tracking, except at the exact arguments where the
 * result is exact (e^0 = 1, ln 1 = 0, tanh 0 = 0). A tracked value of exactly 0 is the
 * exact zero ball (radius 0), and a comparison of two tracked values is decided exactly.
 * Every other result is the wrapped field's own ball, so nothing else changes.
 *
 * `certify` runs this only when a plain run was undecided or left a value whose ball
 * reaches zero; it costs an exact BigInt operation beside each ball operation on the
 * values of the first layers, where exact values live.
 */
export function exactTracking(inner: Field<Ball>, digits: number): Field<Ball> {
  const maxScale = digits + 10;
  const limit = pow10(digits + 10);
  const keep = (e: ExactDecimal): ExactDecimal | undefined =>
    e.s <= maxScale && e.n < limit && -e.n < limit ? e : undefined;
  const exactOf = (x: Ball) => (x as TrackedBall).exact;
  const tracked = (ball: Ball, exact: ExactDecimal | undefined): Ball => {
    if (exact === undefined) return ball;
    if (exact.n === 0n) return { ...inner.zero, exact: ZERO } as TrackedBall;
    return { ...ball, exact } as TrackedBall;
  };
  const binary =
    (op: (a: Ball, b: Ball) => Ball, exactOp: (a: ExactDecimal, b: ExactDecimal) => ExactDecimal) =>
    (x: Ball, y: Ball): Ball => {
      const ex = exactOf(x);
      const ey = exactOf(y);
      const ball = op(x, y);
      return ex === undefined || ey === undefined ? ball : tracked(ball, keep(exactOp(ex, ey)));
    };
  const at =
    (op: (a: Ball) => Ball, argument: ExactDecimal, result: ExactDecimal) =>
    (x: Ball): Ball => {
      const e = exactOf(x);
      const exactArgument = e !== undefined && e.n * pow10(argument.s) === argument.n * pow10(e.s);
      return exactArgument ? tracked(result.n === 1n ? inner.one : inner.zero, result) : op(x);
    };
  return {
    ...inner,
    zero: tracked(inner.zero, ZERO),
    one: tracked(inner.one, ONE),
    fromDecimal: (text) => {
      const e = parseExact(text);
      return tracked(inner.fromDecimal(text), e === null ? undefined : keep(e));
    },
    fromInt: (k) => tracked(inner.fromInt(k), Number.isSafeInteger(k) ? { n: BigInt(k), s: 0 } : undefined),
    add: binary(inner.add, (x, y) => {
      const [a, b, s] = aligned(x, y);
      return { n: a + b, s };
    }),
    sub: binary(inner.sub, (x, y) => {
      const [a, b, s] = aligned(x, y);
      return { n: a - b, s };
    }),
    mul: binary(inner.mul, (x, y) => ({ n: x.n * y.n, s: x.s + y.s })),
    neg: (x) => {
      const e = exactOf(x);
      return e === undefined ? inner.neg(x) : tracked(inner.neg(x), { n: -e.n, s: e.s });
    },
    exp: at(inner.exp, ZERO, ONE),
    ln: at(inner.ln, ONE, ZERO),
    tanh: at(inner.tanh, ZERO, ZERO),
    compare: (x, y) => {
      const ex = exactOf(x);
      const ey = exactOf(y);
      if (ex === undefined || ey === undefined) return inner.compare(x, y);
      const [a, b] = aligned(ex, ey);
      return a < b ? -1 : a > b ? 1 : 0;
    },
  };
}

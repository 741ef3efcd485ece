import type { Field } from "@bpcheck/core";

/** A shape (rows, columns): every array of the published program is 2-D. */
export type Shape = readonly [rows: number, cols: number];

/**
 * A minimal 2-D numpy array over a field: just enough of numpy's semantics to run the
 * published program line by line and see what every line really computes. Shapes are
 * explicit so that a broadcast is visible (and can be asserted), never silent.
 */
export interface Array2D<T> {
  readonly shape: Shape;
  /** rows[r][c]; rows.length = shape[0], every row has shape[1] entries. */
  readonly rows: readonly (readonly T[])[];
}

/** What numpy raises as ValueError when shapes do not fit; the message is numpy's own. */
export class ShapeError extends Error {
  override readonly name = "ShapeError";
}

/** "(2,1)", as numpy writes shapes in its error messages. */
export function formatShape(shape: Shape): string {
  return `(${shape[0]},${shape[1]})`;
}

/** np.array(rows): rows of decimal strings read into the field. */
export function array<T>(F: Field<T>, rows: readonly (readonly string[])[]): Array2D<T> {
  return fromRows(rows.map((row) => row.map((s) => F.fromDecimal(s))));
}

/** Wraps rows that are already field values; all rows must be equally long. */
export function fromRows<T>(rows: readonly (readonly T[])[]): Array2D<T> {
  const cols = rows[0]?.length ?? 0;
  if (rows.some((row) => row.length !== cols)) throw new ShapeError("ragged rows");
  return { shape: [rows.length, cols], rows };
}

/** A 1×1 array holding a scalar (how numpy's result of y - l2 etc. looks here). */
export function scalar<T>(x: T): Array2D<T> {
  return { shape: [1, 1], rows: [[x]] };
}

/** a.T: rows become columns. */
export function transpose<T>(a: Array2D<T>): Array2D<T> {
  const [r, c] = a.shape;
  return {
    shape: [c, r],
    rows: Array.from({ length: c }, (_, j) => Array.from({ length: r }, (_, i) => a.rows[i]![j]!)),
  };
}

/** f applied to every entry (numpy's ufuncs of one argument: np.exp, np.abs, …). */
export function map<T>(a: Array2D<T>, f: (x: T) => T): Array2D<T> {
  return { shape: a.shape, rows: a.rows.map((row) => row.map(f)) };
}

/**
 * numpy's broadcasting rule for two 2-D operands: along each axis the sizes must be
 * equal or one of them 1, and the result takes the larger size. So (1,2) with (2,1)
 * gives (2,2): the row is repeated down and the column across.
 */
export function broadcastShape(a: Shape, b: Shape): Shape {
  const axis = (m: number, n: number) => {
    if (m === n || n === 1) return m;
    if (m === 1) return n;
    throw new ShapeError(
      `operands could not be broadcast together with shapes ${formatShape(a)} ${formatShape(b)}`,
    );
  };
  return [axis(a[0], b[0]), axis(a[1], b[1])];
}

/** The entry of `a` that lands at (r, c) of a broadcast result. */
function at<T>(a: Array2D<T>, r: number, c: number): T {
  return a.rows[a.shape[0] === 1 ? 0 : r]![a.shape[1] === 1 ? 0 : c]!;
}

/** An elementwise binary operation with broadcasting (numpy's `*`, `+`, `-` on arrays). */
export function elementwise<T>(a: Array2D<T>, b: Array2D<T>, op: (x: T, y: T) => T): Array2D<T> {
  const shape = broadcastShape(a.shape, b.shape);
  return {
    shape,
    rows: Array.from({ length: shape[0] }, (_, r) =>
      Array.from({ length: shape[1] }, (_, c) => op(at(a, r, c), at(b, r, c))),
    ),
  };
}

/** a * b, elementwise with broadcasting. */
export function mul<T>(F: Field<T>, a: Array2D<T>, b: Array2D<T>): Array2D<T> {
  return elementwise(a, b, F.mul);
}

/** a + b, elementwise with broadcasting. */
export function add<T>(F: Field<T>, a: Array2D<T>, b: Array2D<T>): Array2D<T> {
  return elementwise(a, b, F.add);
}

/** a - b, elementwise with broadcasting. */
export function sub<T>(F: Field<T>, a: Array2D<T>, b: Array2D<T>): Array2D<T> {
  return elementwise(a, b, F.sub);
}

/**
 * a.dot(b) (np.dot) for 2-D arrays: the matrix product, (m,k)·(k,n) → (m,n), each entry
 * accumulated left to right. Inner sizes that differ raise numpy's own message; dot
 * never broadcasts.
 */
export function matmul<T>(F: Field<T>, a: Array2D<T>, b: Array2D<T>): Array2D<T> {
  const [m, k] = a.shape;
  const [k2, n] = b.shape;
  if (k !== k2) {
    throw new ShapeError(
      `shapes ${formatShape(a.shape)} and ${formatShape(b.shape)} not aligned: ${k} (dim 1) != ${k2} (dim 0)`,
    );
  }
  return {
    shape: [m, n],
    rows: Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => {
        let s = F.mul(a.rows[i]![0]!, b.rows[0]![j]!);
        for (let t = 1; t < k; t++) s = F.add(s, F.mul(a.rows[i]![t]!, b.rows[t]![j]!));
        return s;
      }),
    ),
  };
}

/**
 * target += value, numpy's in-place addition: `value` is broadcast to the target's
 * shape, which cannot change. So a (1,2) increment is added to every row of a (2,2)
 * target, and a (2,2) increment cannot be added to a (1,2) target.
 */
export function addInPlace<T>(F: Field<T>, target: Array2D<T>, value: Array2D<T>): Array2D<T> {
  const shape = broadcastShape(target.shape, value.shape);
  if (shape[0] !== target.shape[0] || shape[1] !== target.shape[1]) {
    throw new ShapeError(
      `non-broadcastable output operand with shape ${formatShape(target.shape)} doesn't match the broadcast shape ${formatShape(shape)}`,
    );
  }
  return add(F, target, value);
}

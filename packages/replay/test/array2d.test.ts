import { float64 } from "@bpcheck/core";
import { describe, expect, it } from "vitest";
import {
  ShapeError,
  addInPlace,
  array,
  broadcastShape,
  fromRows,
  matmul,
  mul,
  scalar,
  sub,
  transpose,
  type Shape,
} from "../src/index.ts";

const F = float64;
const num = (rows: number[][]) => fromRows(rows);

describe("numpy broadcasting of two 2-D shapes", () => {
  it.each<[Shape, Shape, Shape]>([
    [
      [1, 1],
      [1, 2],
      [1, 2],
    ],
    [
      [1, 2],
      [2, 1],
      [2, 2],
    ], // the article's l1_error * sigmoid_derive(l1): row times column
    [
      [2, 1],
      [2, 1],
      [2, 1],
    ],
    [
      [2, 2],
      [1, 2],
      [2, 2],
    ],
    [
      [2, 2],
      [1, 1],
      [2, 2],
    ],
  ])("%j with %j gives %j", (a, b, shape) => {
    expect(broadcastShape(a, b)).toEqual(shape);
  });

  it.each<[Shape, Shape]>([
    [
      [2, 1],
      [3, 1],
    ],
    [
      [1, 2],
      [1, 3],
    ],
  ])("%j with %j cannot be broadcast", (a, b) => {
    expect(() => broadcastShape(a, b)).toThrow(ShapeError);
  });
});

describe("elementwise operations broadcast as numpy does", () => {
  it("a (1,2) row times a (2,1) column is their outer product", () => {
    expect(mul(F, num([[1, 2]]), num([[3], [5]])).rows).toEqual([
      [3, 6],
      [5, 10],
    ]);
  });

  it("a (1,1) minus a (1,1) stays (1,1)", () => {
    const d = sub(F, scalar(0.5), scalar(0.25));
    expect(d.shape).toEqual([1, 1]);
    expect(d.rows).toEqual([[0.25]]);
  });
});

describe("dot and in-place addition", () => {
  it("(1,2)·(2,2) is a (1,2) row, the article's l0.T.dot(l1_delta)", () => {
    const r = matmul(
      F,
      num([[1, 2]]),
      num([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(r.shape).toEqual([1, 2]);
    expect(r.rows).toEqual([[7, 10]]);
  });

  it.each<[Shape, Shape, string]>([
    [[2, 2], [1, 2], "shapes (2,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)"],
    [[1, 2], [1, 2], "shapes (1,2) and (1,2) not aligned: 2 (dim 1) != 1 (dim 0)"],
  ])("%j·%j raises numpy's message", (a, b, message) => {
    const ones = (s: Shape) => num(Array.from({ length: s[0] }, () => Array.from({ length: s[1] }, () => 1)));
    expect(() => matmul(F, ones(a), ones(b))).toThrow(message);
  });

  it("+= adds a (1,2) row to every row of a (2,2) target", () => {
    expect(
      addInPlace(
        F,
        num([
          [0, 0],
          [10, 10],
        ]),
        num([[1, 2]]),
      ).rows,
    ).toEqual([
      [1, 2],
      [11, 12],
    ]);
  });

  it("+= cannot grow its target", () => {
    expect(() =>
      addInPlace(
        F,
        num([[0, 0]]),
        num([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow("non-broadcastable output operand with shape (1,2) doesn't match the broadcast shape (2,2)");
  });

  it("transpose turns a (2,1) column into a (1,2) row", () => {
    const t = transpose(array(F, [["0.35"], ["0.9"]]));
    expect(t.shape).toEqual([1, 2]);
    expect(t.rows).toEqual([[0.35, 0.9]]);
  });

  it("ragged rows are refused", () => {
    expect(() => fromRows([[1, 2], [3]])).toThrow(ShapeError);
  });
});

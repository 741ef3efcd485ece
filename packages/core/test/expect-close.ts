import { expect } from "vitest";

export interface Tolerance {
  /** Allowed distance in units in the last place of `format` (default float64). */
  readonly ulps?: number;
  readonly format?: "float64" | "float32";
  /** Allowed relative error |a − e| / |e|. */
  readonly rtol?: number;
  /** Allowed absolute error |a − e|. */
  readonly atol?: number;
}

function ordinal(x: number, format: "float64" | "float32"): bigint {
  if (format === "float32") {
    const i = BigInt(new Int32Array(new Float32Array([x]).buffer)[0]!);
    return i < 0n ? -(i & 0x7fffffffn) : i;
  }
  const i = new BigInt64Array(new Float64Array([x]).buffer)[0]!;
  return i < 0n ? -(i & 0x7fffffffffffffffn) : i;
}

/**
 * Asserts that `actual` is within a tolerance of `expected`; passes if any given bound
 * holds. NaN and ±Infinity equal only themselves. The failure names the quantity, both
 * values and their distance.
 */
export function expectClose(actual: number, expected: number, tol: Tolerance, what: string): void {
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) {
    expect(
      Object.is(actual, expected) || actual === expected,
      `${what}: got ${actual}, expected ${expected}`,
    ).toBe(true);
    return;
  }
  const diff = Math.abs(actual - expected);
  const ulps = Number(
    (ordinal(actual, tol.format ?? "float64") - ordinal(expected, tol.format ?? "float64")) *
      (actual < expected ? -1n : 1n),
  );
  const ok =
    (tol.ulps !== undefined && Math.abs(ulps) <= tol.ulps) ||
    (tol.rtol !== undefined && diff <= tol.rtol * Math.abs(expected)) ||
    (tol.atol !== undefined && diff <= tol.atol);
  expect(
    ok,
    `${what}: got ${actual}, expected ${expected} (|diff| = ${diff}, ${Math.abs(ulps)} ulps, rel ${diff / Math.abs(expected)})`,
  ).toBe(true);
}

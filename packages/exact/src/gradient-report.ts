import { domainChecked, gradientCheck, instantiate, type Field, type ProblemSpec } from "@bpcheck/core";
import { namingUndefinedQuantity } from "./domain-quantity.ts";
import { fieldFor, type Mode } from "./modes.ts";

/** One parameter's backprop gradient against its finite-difference estimate. */
export interface GradientRow {
  readonly name: string;
  readonly backprop: string;
  readonly numeric: string;
  /** |backprop − numeric| / max(|backprop|, |numeric|), or 0 when both are 0. */
  readonly relativeError: string;
  /** The smallest difference the central difference resolves (core's `gradientCheck`). */
  readonly resolution: string;
  /**
   * relativeError ≤ tolerance, or |backprop − numeric| within the resolution (the two
   * agree to working precision, as for a gradient that is zero), compared in the mode's
   * own arithmetic.
   */
  readonly ok: boolean;
  /** ok only by the resolution: the relative error exceeds the tolerance. */
  readonly withinResolutionOnly: boolean;
}

/**
 * The default tolerance on the relative error for a mode of P digits: 10^(−⌊P/2⌋)
 * (1e-3 in float32, 1e-7 in float64, 1e-25 in exact at 50 digits). The five-point
 * difference keeps about 4P/5 digits (see core's `gradientCheck`), so a correct
 * backprop passes with a wide margin and a wrong one (a slipped index, a missing
 * factor) fails by many orders of magnitude.
 */
export function defaultGradientTolerance(mode: Mode, digits: number): string {
  return `1e-${Math.floor(fieldFor(mode, digits).digits / 2)}`;
}

/**
 * Core's `gradientCheck` on the case's network and all its samples in one mode, with
 * the relative error of each parameter and its verdict against `tolerance` (a decimal
 * string, compared in the mode's arithmetic: the exact mode is judged exactly).
 */
export function gradientReport(
  spec: ProblemSpec,
  mode: Mode,
  digits: number,
  tolerance: string,
): GradientRow[] {
  const F = domainChecked(fieldFor(mode, digits));
  const p = instantiate(F, spec);
  const tol = F.fromDecimal(tolerance);
  const checks = namingUndefinedQuantity(spec, digits, () => gradientCheck(F, p.network, p.samples));
  return checks.map((g) => {
    const error = relativeError(F, g.backprop, g.numeric);
    // The float fields' compare calls NaN equal to everything, so NaN is ruled out first.
    const finite = !Number.isNaN(F.toNumber(error));
    const withinTolerance = finite && F.compare(error, tol) <= 0;
    const withinResolution = finite && F.compare(abs(F, F.sub(g.backprop, g.numeric)), g.resolution) <= 0;
    return {
      name: g.name,
      backprop: F.toString(g.backprop),
      numeric: F.toString(g.numeric),
      relativeError: F.toString(error),
      resolution: F.toString(g.resolution),
      ok: withinTolerance || withinResolution,
      withinResolutionOnly: !withinTolerance && withinResolution,
    };
  });
}

function abs<T>(F: Field<T>, x: T): T {
  return F.compare(x, F.zero) < 0 ? F.neg(x) : x;
}

/** |a − b| / max(|a|, |b|): 0 for a = b = 0, in [0, 2] otherwise. */
function relativeError<T>(F: Field<T>, a: T, b: T): T {
  const scale = F.compare(abs(F, a), abs(F, b)) >= 0 ? abs(F, a) : abs(F, b);
  if (F.compare(scale, F.zero) === 0) return F.zero;
  return F.div(abs(F, F.sub(a, b)), scale);
}

import type { Field } from "@bpcheck/core";
import Decimal from "decimal.js";
import {
  addBounds,
  bound,
  boundBelow,
  boundToNumber,
  expNegBound,
  isUnbounded,
  magnitudeBounds,
  mulBounds,
  reciprocalBound,
  UNBOUNDED,
  ZERO_BOUND,
  type ErrorBound,
} from "./error-bound.ts";
import { exactDecimalConstructor, tanhAt } from "./decimal-field.ts";
import { exactExp } from "./exp.ts";
import { fastDiv, fastMul } from "./fast-arithmetic.ts";

/**
 * A real number known to lie in [mid − rad, mid + rad]: the midpoint is the exact mode's
 * P-digit decimal, the radius a rigorous upper bound on its distance from the exact
 * value of the same computation on the case's exact decimal inputs.
 */
export interface Ball {
  readonly mid: Decimal;
  readonly rad: ErrorBound;
}

/** The state a ball field keeps across a run: whether a comparison could not be decided. */
export interface BallFieldState {
  /** Set when two overlapping balls were compared; the run then decided by midpoints. */
  undecided: boolean;
}

/** Power of ten of the last digit decimal.js stores for x (its last limb's weight). */
function lastDigitPower(x: Decimal): number {
  const d = (x as unknown as { d: number[] }).d;
  return 7 * (Math.floor(x.e / 7) - (d.length - 1));
}

/**
 * Ball arithmetic over the exact mode's decimals, in the style of Arb: every operation
 * computes its midpoint exactly as the exact mode does (`fieldOfDecimal`: correctly
 * rounded to P digits, half to even) and a radius that bounds the propagated input
 * radii plus the operation's own rounding error, so one run gives values together with
 * proven error bounds (see `certifiedDigits`).
 *
 * Propagation, for x ∈ [a ± r], y ∈ [b ± s] and a result rounded to m with exponent E
 * (10^E ≤ |m| < 10^(E+1)), whose rounding error is at most ½·10^(E−P+1) = 5·10^(E−P)
 * (zero when the exact result is known to fit in P digits):
 *   x ± y   r + s + rounding
 *   x · y   |a|·s + |b|·r + r·s + rounding
 *   x / y   (r + |a/b|·s) / |b| · (1 + 2t) + rounding, t = s/|b| ≤ ½
 *           (|x/y − a/b| ≤ (r + |a/b|·s)/|y| and |y| ≥ |b|(1 − t) ≥ |b|/(1 + 2t))
 *   e^x     (|m| + rounding)·(r + r²) + rounding, r ≤ 1  (e^r − 1 ≤ r + r² for r ≤ 1)
 *   ln x    t + t² + one unit in the last place, t = r/|a| ≤ ½  (−ln(1 − t) ≤ t + t²)
 *   tanh x  r·min(1, 4e^(−2(|a| − r))) + one unit in the last place  (tanh′ = sech² ≤ 4e^(−2|x|))
 * decimal.js's ln is correctly rounded and its tanh is sinh/cosh at seven guard digits,
 * rounded once (or ±1 when that is the rounding, `tanhAt`): within one unit in the last
 * place. Outside these conditions (a divisor or a logarithm's argument whose ball reaches
 * zero, an exponent uncertain by more than 1) the radius is unbounded: the value has no
 * certified digit.
 *
 * `compare` is decided when the balls are disjoint (or both exact); otherwise it answers
 * by the midpoints and sets `state.undecided`, and `certify` reruns at more digits.
 */
export function ballField(digits: number, state: BallFieldState = { undecided: false }): Field<Ball> {
  const D = exactDecimalConstructor(digits);
  const P = digits;
  // Half a unit in the last place of a P-digit result m: 5·10^(E − P).
  const rounding = (m: Decimal): ErrorBound => (m.isZero() || !m.isFinite() ? ZERO_BOUND : bound(5, m.e - P));
  const unit = (m: Decimal): ErrorBound => (m.isZero() || !m.isFinite() ? ZERO_BOUND : bound(1, m.e - P + 1));
  const exact = (mid: Decimal): Ball => ({ mid, rad: ZERO_BOUND });
  const upper = (x: Decimal) => magnitudeBounds(x).upper;
  // An exact sum or product is a multiple of 10^low (low: the operands' last stored digit
  // powers, added for a product) whose exponent is at most E (rounding to nearest never
  // lowers a magnitude's exponent). When 10^low is at least the unit in the last place
  // 10^(E − P + 1), it has at most P digits and the rounded m is exact.
  const fits = (m: Decimal, low: number) => m.isZero() || (m.isFinite() && m.e - P + 1 <= low);

  const add = (x: Ball, y: Ball, mid: Decimal): Ball => {
    const exactResult = fits(mid, Math.min(lastDigitPower(x.mid), lastDigitPower(y.mid)));
    const rad = addBounds(x.rad, y.rad);
    return { mid, rad: exactResult ? rad : addBounds(rad, rounding(mid)) };
  };

  const field: Field<Ball> = {
    name: "exact",
    digits: P,
    zero: exact(new D(0)),
    one: exact(new D(1)),
    fromDecimal: (s) => exact(new D(s)),
    fromInt: (n) => exact(new D(n)),
    add: (x, y) => add(x, y, D.add(x.mid, y.mid)),
    sub: (x, y) => add(x, y, D.sub(x.mid, y.mid)),
    mul: (x, y) => {
      const mid = fastMul(D, x.mid, y.mid);
      let rad = addBounds(mulBounds(upper(x.mid), y.rad), mulBounds(upper(y.mid), x.rad));
      rad = addBounds(rad, mulBounds(x.rad, y.rad));
      const exactResult =
        x.mid.isZero() || y.mid.isZero() || fits(mid, lastDigitPower(x.mid) + lastDigitPower(y.mid));
      return { mid, rad: exactResult ? rad : addBounds(rad, rounding(mid)) };
    },
    div: (x, y) => {
      const mid = fastDiv(D, x.mid, y.mid);
      const { lower } = magnitudeBounds(y.mid);
      const inverse = reciprocalBound(lower);
      const t = mulBounds(y.rad, inverse);
      if (!boundBelow(t, bound(5, -1))) return { mid, rad: UNBOUNDED };
      const quotient = addBounds(upper(mid), rounding(mid));
      let rad = mulBounds(addBounds(x.rad, mulBounds(quotient, y.rad)), inverse);
      rad = mulBounds(rad, addBounds(bound(1, 0), mulBounds(bound(2, 0), t)));
      return { mid, rad: x.mid.isZero() && isZeroBall(x) ? ZERO_BOUND : addBounds(rad, rounding(mid)) };
    },
    neg: (x) => ({ mid: x.mid.neg(), rad: x.rad }),
    exp: (x) => {
      const mid = exactExp(x.mid);
      // e^x below decimal.js's smallest exponent comes back as 0: the value is in (0, 10^minE].
      if (mid.isZero()) return { mid, rad: bound(1, D.minE) };
      const err = rounding(mid);
      if (isZeroBall(x)) return { mid, rad: err };
      if (!boundBelow(x.rad, bound(1, 0))) return { mid, rad: UNBOUNDED };
      const growth = addBounds(x.rad, mulBounds(x.rad, x.rad));
      return { mid, rad: addBounds(mulBounds(addBounds(upper(mid), err), growth), err) };
    },
    ln: (x) => {
      const mid = D.ln(x.mid);
      if (!mid.isFinite()) return { mid, rad: UNBOUNDED };
      const err = unit(mid);
      if (isZeroBall(x)) return { mid, rad: err };
      const t = mulBounds(x.rad, reciprocalBound(magnitudeBounds(x.mid).lower));
      if (!boundBelow(t, bound(5, -1))) return { mid, rad: UNBOUNDED };
      return { mid, rad: addBounds(addBounds(t, mulBounds(t, t)), err) };
    },
    tanh: (x) => {
      // Correctly rounded, ±1 decided without decimal.js's series where it saturates
      // (which takes minutes near 10^5): within half a unit, so one unit bounds it.
      const mid = tanhAt(D, x.mid);
      const err = unit(mid);
      if (isZeroBall(x)) return { mid, rad: err };
      // |x| ≥ |a| − r over the ball; the double estimate of |a| is lowered by a relative 2^−40.
      const distance = Math.abs(x.mid.toNumber()) * (1 - 2 ** -40) - boundToNumber(x.rad);
      const slope = distance > 0 ? mulBounds(bound(4, 0), expNegBound(2 * distance)) : bound(1, 0);
      const factor = boundBelow(slope, bound(1, 0)) ? slope : bound(1, 0);
      return { mid, rad: addBounds(mulBounds(x.rad, factor), err) };
    },
    compare: (x, y) => {
      const order = x.mid.cmp(y.mid) as -1 | 0 | 1;
      if (isZeroBall(x) && isZeroBall(y)) return order;
      // Disjoint when |a − b| exceeds r + s; the difference is rounded, so its rounding
      // error joins the radii.
      const diff = D.sub(x.mid, y.mid);
      const gap = magnitudeBounds(diff).lower;
      const reach = addBounds(addBounds(x.rad, y.rad), rounding(diff));
      if (!diff.isZero() && boundBelow(reach, gap) && !isUnbounded(reach)) return order;
      state.undecided = true;
      return order;
    },
    toString: (x) => x.mid.toString(),
    toNumber: (x) => x.mid.toNumber(),
  };
  return field;
}

function isZeroBall(x: Ball): boolean {
  return x.rad.m === 0;
}

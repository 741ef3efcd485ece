import type { Field } from "@bpcheck/core";
import type Decimal from "decimal.js";
import {
  MAG_INFINITE,
  MAG_ZERO,
  isInfiniteMag,
  magAdd,
  magBelow,
  magExpNeg,
  magMul,
  magPow10Below,
  magPow2,
  magReciprocal,
  magToNumber,
  type Mag,
} from "./binary-bound.ts";
import { exactDecimalConstructor, tanhAt } from "./decimal-field.ts";
import {
  addDyadic,
  bitsForDigits,
  compareDyadic,
  divDyadic,
  dyadicFromDecimal,
  dyadicFromInt,
  dyadicToDecimal,
  dyadicToNumber,
  isFiniteDyadic,
  magLowerOf,
  magUpperOf,
  mulDyadic,
  negDyadic,
  normalize,
  subDyadic,
  type Dyadic,
  type Rounded,
} from "./dyadic.ts";
import { expDyadic } from "./dyadic-exp.ts";
import { EXP_TABLE_GUARD_DIGITS, EXP_TABLE_MIN_BITS, tableExp } from "./exp-tables.ts";

/**
 * A real number known to lie in [mid − rad, mid + rad]: the midpoint is a binary
 * floating-point number on BigInt (`dyadic.ts`, p = ⌈P·log2 10⌉ bits for P digits), the
 * radius a rigorous upper bound on its distance from the exact value of the same
 * computation on the case's exact decimal inputs (`binary-bound.ts`).
 */
export interface Ball {
  readonly mid: Dyadic;
  readonly rad: Mag;
}

/** The state a ball field keeps across a run: whether a comparison could not be decided. */
export interface BallFieldState {
  /** Set when two overlapping balls were compared; the run then decided by midpoints. */
  undecided: boolean;
}

const ONE = magPow2(0);
/** Digits the decimal.js steps (ln, tanh) carry beyond the field's. */
const DECIMAL_GUARD_DIGITS = 4;
const HALF = magPow2(-1);

/**
 * Ball arithmetic in the style of Arb: every operation computes a p-bit binary midpoint
 * (any midpoint will do, so none is correctly rounded: add, sub and mul are exact BigInt
 * operations rounded by a shift, div a shifted BigInt quotient, exp a fixed-point series
 * with a bounded error) and a radius that bounds the propagated input radii plus the
 * operation's own rounding error, so one run gives values together with proven error
 * bounds (see `certifyBall`).
 *
 * Propagation, for x ∈ [a ± r], y ∈ [b ± s] and a result m with rounding error ε (at most
 * half a unit in the last place for add, sub and mul, one unit for div, the bound of
 * `expDyadic` for exp; zero when no bit is dropped):
 *   x ± y   r + s + ε
 *   x · y   |a|·s + |b|·r + r·s + ε
 *   x / y   (r + (|m| + ε)·s) / |b| · (1 + 2t) + ε, t = s/|b| ≤ ½
 *           (|x/y − a/b| ≤ (r + |a/b|·s)/|y| and |y| ≥ |b|(1 − t) ≥ |b|/(1 + 2t))
 *   e^x     (|m| + ε)·(r + r²) + ε, r ≤ 1  (e^r − 1 ≤ r + r² for r ≤ 1)
 *   ln x    t + t² + δ + ε, t = (r + c)/|a| ≤ ½  (−ln(1 − t) ≤ t + t², and −ln(1 − t) is superadditive)
 *   tanh x  (r + c)·min(1, 4e^(−2(|a| − r − c))) + δ + ε  (tanh′ = sech² ≤ 4e^(−2|x|))
 * ln and tanh run once per unit or per epoch, so they go through decimal.js at Q = P + 4
 * digits: a is converted to a decimal within c (`dyadicToDecimal`, c ≤ |a|·10^−(Q+1)),
 * decimal.js's ln is correctly rounded and its tanh is sinh/cosh at seven guard digits
 * rounded once (or ±1 when that is the rounding, `tanhAt`), δ ≤ one unit in the Q-th digit;
 * the decimal result is
 * then read back to p bits (ε, one unit in the last place). Outside these conditions (a
 * divisor or a logarithm's argument whose ball reaches zero, an exponent uncertain by more
 * than 1, an overflowing exponential) the radius is unbounded: the value has no certified digit.
 *
 * `compare` is decided exactly on the midpoints, and certainly when the balls are disjoint
 * (or both exact); otherwise it answers by the midpoints and sets `state.undecided`, and
 * `certify` reruns at more digits.
 */
export function ballField(digits: number, state: BallFieldState = { undecided: false }): Field<Ball> {
  const P = digits;
  const p = bitsForDigits(P);
  const D = exactDecimalConstructor(P);
  // ln and tanh in decimal.js carry four digits more, so that their own error is a small
  // part of the binary one.
  const L = exactDecimalConstructor(P + DECIMAL_GUARD_DIGITS);
  const exact = (mid: Dyadic): Ball => ({ mid, rad: MAG_ZERO });
  const ball = (r: Rounded, rad: Mag): Ball => ({
    mid: r.mid,
    rad: r.error.m === 0 ? rad : magAdd(rad, r.error),
  });
  // |decimal − a| ≤ |a|·10^−(Q+1) for the conversion to Q + 1 digits (see dyadicToDecimal).
  const Q = P + DECIMAL_GUARD_DIGITS;
  const conversionFactor = magPow10Below(Q + 1);
  // One unit in the Q-th digit of y is at most |y|·10^(1−Q).
  const decimalUnitFactor = magPow10Below(Q - 1);

  /** y = f(x) through decimal.js; `propagated(r + c)` bounds |f(exact) − f(decimal of a)|. */
  const viaDecimal = (
    x: Ball,
    f: (a: Decimal) => Decimal,
    propagated: (reach: Mag, a: Dyadic) => Mag,
  ): Ball => {
    if (!isFiniteDyadic(x.mid)) return { mid: x.mid, rad: MAG_INFINITE };
    const a = dyadicToDecimal(L, x.mid, Q + 1).value;
    const y = dyadicFromDecimal(f(a).toString(), p);
    if (!isFiniteDyadic(y.mid)) return { mid: y.mid, rad: MAG_INFINITE };
    const c = a.isZero() ? MAG_ZERO : magMul(magUpperOf(x.mid, p), conversionFactor);
    const delta = magMul(magUpperOf(y.mid, p), decimalUnitFactor);
    const reach = magAdd(x.rad, c);
    return ball(y, magAdd(reach.m === 0 ? MAG_ZERO : propagated(reach, x.mid), delta));
  };

  // The exp tables and their products carry EXP_TABLE_GUARD_DIGITS more digits (`tableExp`).
  const wideBits = bitsForDigits(P + EXP_TABLE_GUARD_DIGITS);

  const zero = exact(dyadicFromInt(0, p));
  const field: Field<Ball> = {
    name: "exact",
    digits: P,
    zero,
    one: exact(dyadicFromInt(1, p)),
    fromDecimal: (s) => {
      const r = dyadicFromDecimal(s, p);
      return { mid: r.mid, rad: r.error };
    },
    fromInt: (n) => {
      // Exact for any count below 2^p; a larger integer keeps its rounding error.
      const r = normalize(BigInt(n), 0, p);
      return { mid: r.mid, rad: r.error };
    },
    add: (x, y) => ball(addDyadic(x.mid, y.mid, p), magAdd(x.rad, y.rad)),
    // x − x is exactly 0 whatever x's error (the shifted maximum of a softmax, z − max z).
    sub: (x, y) => (x === y ? zero : ball(subDyadic(x.mid, y.mid, p), magAdd(x.rad, y.rad))),
    mul: (x, y) => {
      const r = mulDyadic(x.mid, y.mid, p);
      if (x.rad.m === 0 && y.rad.m === 0) return { mid: r.mid, rad: r.error };
      let rad = magAdd(magMul(magUpperOf(x.mid, p), y.rad), magMul(magUpperOf(y.mid, p), x.rad));
      rad = magAdd(rad, magMul(x.rad, y.rad));
      return ball(r, rad);
    },
    div: (x, y) => {
      const r = divDyadic(x.mid, y.mid, p);
      if (isInfiniteMag(r.error)) return { mid: r.mid, rad: MAG_INFINITE };
      if (y.rad.m === 0) return ball(r, magMul(x.rad, magReciprocal(magLowerOf(y.mid, p))));
      const inverse = magReciprocal(magLowerOf(y.mid, p));
      const t = magMul(y.rad, inverse);
      if (!magBelow(t, HALF)) return { mid: r.mid, rad: MAG_INFINITE };
      const quotient = magAdd(magUpperOf(r.mid, p), r.error);
      let rad = magMul(magAdd(x.rad, magMul(quotient, y.rad)), inverse);
      rad = magMul(rad, magAdd(ONE, magMul(magPow2(1), t)));
      // An exact zero divided by any ball that excludes zero is exactly zero.
      return x.mid.man === 0n && x.rad.m === 0 ? exact(r.mid) : ball(r, rad);
    },
    neg: (x) => ({ mid: negDyadic(x.mid), rad: x.rad }),
    exp: (x) => {
      const r = p >= EXP_TABLE_MIN_BITS ? tableExp(x.mid, p, wideBits) : expDyadic(x.mid, p);
      if (isInfiniteMag(r.error)) return { mid: r.mid, rad: MAG_INFINITE };
      if (x.rad.m === 0) return { mid: r.mid, rad: r.error };
      if (!magBelow(x.rad, ONE)) return { mid: r.mid, rad: MAG_INFINITE };
      const growth = magAdd(x.rad, magMul(x.rad, x.rad));
      return ball(r, magMul(magAdd(magUpperOf(r.mid, p), r.error), growth));
    },
    ln: (x) =>
      viaDecimal(
        x,
        (a) => L.ln(a),
        (reach, a) => {
          const t = magMul(reach, magReciprocal(magLowerOf(a, p)));
          return magBelow(t, HALF) ? magAdd(t, magMul(t, t)) : MAG_INFINITE;
        },
      ),
    tanh: (x) =>
      viaDecimal(
        x,
        // ±1 decided without decimal.js's series where it saturates (minutes near 10^5).
        (a) => tanhAt(L, a),
        (reach, a) => {
          // |x| ≥ |a| − r − c over the ball; the double estimate of |a| is lowered by a relative 2^−40.
          const distance = Math.abs(dyadicToNumber(a)) * (1 - 2 ** -40) - magToNumber(reach);
          const slope = distance > 0 ? magMul(magPow2(2), magExpNeg(2 * distance)) : ONE;
          return magMul(reach, magBelow(slope, ONE) ? slope : ONE);
        },
      ),
    compare: (x, y) => {
      const order = compareDyadic(x.mid, y.mid);
      if (x.rad.m === 0 && y.rad.m === 0) return order;
      // Disjoint when |a − b| exceeds r + s; the difference is rounded, so its rounding
      // error joins the radii.
      const diff = subDyadic(x.mid, y.mid, p);
      const reach = magAdd(magAdd(x.rad, y.rad), diff.error);
      if (diff.mid.man !== 0n && !isInfiniteMag(reach) && magBelow(reach, magLowerOf(diff.mid, p)))
        return order;
      state.undecided = true;
      return order;
    },
    toString: (x) => {
      if (!isFiniteDyadic(x.mid)) return String(dyadicToNumber(x.mid));
      return dyadicToDecimal(D, x.mid, P).value.toSignificantDigits(P).toString();
    },
    toNumber: (x) => dyadicToNumber(x.mid),
  };
  return field;
}

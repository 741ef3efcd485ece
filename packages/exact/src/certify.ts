import type { Field, Quantity } from "@bpcheck/core";
import Decimal from "decimal.js";
import { ballField, type Ball, type BallFieldState } from "./ball-field.ts";
import { exactTracking } from "./exact-tracking.ts";
import { isInfiniteMag } from "./binary-bound.ts";
import { exactDecimalConstructor } from "./decimal-field.ts";
import { decimalText } from "./decimal-text.ts";
import {
  bitLength,
  convertsExactly,
  dyadicToDecimal,
  dyadicToNumber,
  isFiniteDyadic,
  magToDecimal,
  pow10,
} from "./dyadic.ts";
import { roundedAlike, type ScaledEnd } from "./rounded-alike.ts";

/**
 * Number of leading significant digits of `approx` that agree with `reference`:
 * ⌊−log10(|approx − reference| / |reference|)⌋, capped at `cap`. Equal values agree
 * in all `cap` digits; a zero reference counts absolute agreement instead. (An estimate
 * for measuring floats and baselines; certification is `certifiedDigits`.)
 */
export function agreeingDigits(approx: Decimal, reference: Decimal, cap: number): number {
  if (approx.eq(reference)) return cap;
  const diff = approx.minus(reference).abs();
  const scale = reference.isZero() ? new Decimal(1) : reference.abs();
  // ⌊−log10 x⌋ for x = m·10^e (1 ≤ m < 10) is −e when m = 1 and −e − 1 otherwise: read
  // from the exponent, exactly, instead of a logarithm (which dominated a run's time).
  const x = diff.div(scale);
  const digits = x.eq(new Decimal(`1e${x.e}`)) ? -x.e : -x.e - 1;
  return Math.max(0, Math.min(cap, digits));
}

/** Why a quantity has no certified digit, or null when it has some. */
export type Uncertified = "contains-zero" | "unbounded" | "undecided-comparison" | null;

export interface CertifiedQuantity {
  readonly name: string;
  /** The ball's midpoint (at the working precision plus `BALL_GUARD_DIGITS`). */
  readonly value: Decimal;
  /** A proven upper bound on |exact value − value|. */
  readonly errorBound: Decimal;
  /**
   * The largest k ≤ the working precision such that every number within `errorBound` of
   * `value` rounds (half to even) to the same k significant digits; 0 when there is none.
   */
  readonly certifiedDigits: number;
  /** The exact value correctly rounded to `certifiedDigits` digits, or null when 0. */
  readonly certified: Decimal | null;
  /** `certified` as decimal.js writes it (`decimalText`), or null when none is certified. */
  readonly certifiedText: string | null;
  /** Why `certifiedDigits` is 0 (the exact value may be 0, or cancelled below the bound). */
  readonly uncertified: Uncertified;
}

/** The constructors `endConstructors` made, by precision (a clone costs more than the rounding it serves). */
const endConstructorsByDigits = new Map<number, { down: Decimal.Constructor; up: Decimal.Constructor }>();

/** Decimal constructors for the interval ends: directed rounding with room to spare. */
function endConstructors(digits: number): { down: Decimal.Constructor; up: Decimal.Constructor } {
  let ends = endConstructorsByDigits.get(digits);
  if (ends === undefined) {
    const precision = digits + 30;
    ends = {
      down: Decimal.clone({ precision, rounding: Decimal.ROUND_FLOOR, minE: -9e15, maxE: 9e15 }),
      up: Decimal.clone({ precision, rounding: Decimal.ROUND_CEIL, minE: -9e15, maxE: 9e15 }),
    };
    endConstructorsByDigits.set(digits, ends);
  }
  return ends;
}

/**
 * The certified digits of a ball at a working precision of `digits` (at most `digits`):
 * the largest k at which both ends of [mid − rad, mid + rad] round (half to even) to the
 * same k significant digits. Rounding is monotone, so then every point between them,
 * the exact value included, rounds to it too: the k digits shown are the exact value's
 * correctly rounded ones. A ball that reaches zero (or is unbounded) certifies nothing:
 * a value that cancelled or underflowed below its error bound is reported as such.
 *
 * The ends are exact binary numbers on BigInt, and their roundings are compared exactly
 * (`roundedAlike`), without a decimal conversion; only a midpoint beyond 2^±4000000 is
 * first converted (below), and then the decimal interval [value ± errorBound] is rounded.
 *
 * `value` and `errorBound` are computed when read: the binary midpoint man·2^exp is
 * converted exactly on BigInt to `digits` + 30 digits, truncated (`dyadicToDecimal`); the
 * truncation (a unit of the last of those digits, when not exact) joins the radius in
 * `errorBound`, rounded upward, so [value ± errorBound] still holds the exact value. `value` is thus within `errorBound` of the exact value, a
 * relative 10^−(digits+3) or less for a ball that certifies all `digits`, and
 * `roundToBinary(value, "float64" | "float32")` (golden-values.ts) is the exact value's
 * correctly rounded float unless a rounding boundary of the format (a half-way point
 * between two floats) lies within `errorBound` of the exact value: 2^−53 relative is
 * 10^−16, so at the golden values' 60 digits only an exact value within 10^−60 relative of
 * a half-way point (or on one, without an exact ball) could round the other way.
 */
export function certifyBall(ball: Ball, digits: number, name = ""): CertifiedQuantity {
  if (!isFiniteDyadic(ball.mid) || isInfiniteMag(ball.rad)) {
    return certificate(name, ball, digits, {
      certifiedDigits: 0,
      certifiedText: null,
      uncertified: "unbounded",
    });
  }
  // The exact ends of the ball where its midpoint converts exactly (every value short of
  // e^±2.7 million); else the decimal interval [value ± errorBound], which holds it.
  const decimals = convertsExactly(ball.mid) ? undefined : ballDecimals(ball, digits);
  const ends =
    decimals === undefined ? binaryEnds(ball) : decimalEnds(decimals.value, decimals.errorBound, digits);
  const found = ends === null ? null : certifiedRounding(ends, digits);
  const outcome =
    found === null
      ? { certifiedDigits: 0, certifiedText: null, uncertified: "contains-zero" as const }
      : { certifiedDigits: found.digits, certifiedText: found.text, uncertified: null };
  return certificate(name, ball, digits, outcome, decimals);
}

/**
 * A certified quantity whose Decimals (`certified`, parsed from its text, and `value` and
 * `errorBound`, decimal conversions of the ball), which a training run's loss curve never
 * reads, are computed when first read.
 */
function certificate(
  name: string,
  ball: Ball,
  digits: number,
  outcome: Pick<CertifiedQuantity, "certifiedDigits" | "certifiedText" | "uncertified">,
  known?: BallDecimals,
): CertifiedQuantity {
  let decimals = known;
  let certified: Decimal | null | undefined;
  const read = () => (decimals ??= ballDecimals(ball, digits));
  return {
    name,
    ...outcome,
    get certified() {
      if (certified === undefined) {
        const D = exactDecimalConstructor(digits + BALL_GUARD_DIGITS);
        certified = outcome.certifiedText === null ? null : new D(outcome.certifiedText);
      }
      return certified;
    },
    get value() {
      return read().value;
    },
    get errorBound() {
      return read().errorBound;
    },
  };
}

interface BallDecimals {
  readonly value: Decimal;
  readonly errorBound: Decimal;
}

/**
 * The ball's midpoint as a decimal of `digits` + 30 digits, truncated (`dyadicToDecimal`),
 * and a bound on the exact value's distance from it: the radius plus the truncation,
 * rounded upward (infinite for an unbounded ball).
 */
function ballDecimals(ball: Ball, digits: number): BallDecimals {
  const D = exactDecimalConstructor(digits + BALL_GUARD_DIGITS);
  const { up } = endConstructors(digits);
  if (!isFiniteDyadic(ball.mid))
    return { value: new D(dyadicToNumber(ball.mid)), errorBound: new D(Infinity) };
  const { value, error } = dyadicToDecimal(D, ball.mid, digits + 30);
  if (isInfiniteMag(ball.rad)) return { value, errorBound: new D(Infinity) };
  return { value, errorBound: up.add(magToDecimal(up, ball.rad, digits + 30), error) };
}

/** A ball's or an interval's ends: its sign and its absolute ends, or "zero" for an exact zero. */
type Ends = { readonly negative: boolean; readonly lo: ScaledEnd; readonly hi: ScaledEnd } | "zero";

/** The ends of [mid − rad, mid + rad] exactly, or null when the ball reaches zero. */
function binaryEnds({ mid, rad }: Ball): Ends | null {
  if (mid.man === 0n) return rad.m === 0 ? "zero" : null;
  const negative = mid.man < 0n;
  const M = negative ? -mid.man : mid.man;
  if (rad.m === 0) {
    const end = { X: M, twos: mid.exp, tens: 0 };
    return { negative, lo: end, hi: end };
  }
  // rad ≥ 2^rad.e ≥ 2^(mid.exp + bits) > |mid|.
  if (rad.e >= mid.exp + bitLength(M)) return null;
  // rad = m·2^e with m ∈ [1, 2) a multiple of 2^−52. A radius far below the midpoint's last
  // bit is raised to 2^(mid.exp − 128), still a bound, so that no end takes a long shift.
  let R = BigInt(rad.m * 2 ** 52);
  let radExp = rad.e - 52;
  if (rad.e + 1 < mid.exp - 128) {
    R = 1n;
    radExp = mid.exp - 128;
  }
  const twos = Math.min(mid.exp, radExp);
  const m = M << BigInt(mid.exp - twos);
  const r = R << BigInt(radExp - twos);
  if (r >= m) return null;
  return { negative, lo: { X: m - r, twos, tens: 0 }, hi: { X: m + r, twos, tens: 0 } };
}

/** The ends of [value − errorBound, value + errorBound], rounded outward; null when it reaches zero. */
function decimalEnds(value: Decimal, errorBound: Decimal, cap: number): Ends | null {
  if (errorBound.isZero() && value.isZero()) return "zero";
  const { down, up } = endConstructors(cap);
  const lo = down.sub(value, errorBound);
  const hi = up.add(value, errorBound);
  if (lo.isZero() || hi.isZero() || lo.isNeg() !== hi.isNeg()) return null;
  const [a, b] = [scaledOf(lo.abs()), scaledOf(hi.abs())];
  const tens = Math.min(a.tens, b.tens);
  const at = (e: ScaledEnd) => ({ X: e.X * pow10(e.tens - tens), twos: 0, tens });
  // For a negative interval the larger end in magnitude is lo.
  return lo.isNeg() ? { negative: true, lo: at(b), hi: at(a) } : { negative: false, lo: at(a), hi: at(b) };
}

/** A positive decimal as X·10^tens. */
function scaledOf(d: Decimal): ScaledEnd {
  const [mantissa, exponent] = d.toExponential().split("e") as [string, string];
  const digits = mantissa.replace(".", "");
  return { X: BigInt(digits), twos: 0, tens: Number(exponent) - (digits.length - 1) };
}

/** The ends' certified rounding (`roundedAlike`) as decimal text, or null when none. */
function certifiedRounding(ends: Ends, cap: number): { digits: number; text: string } | null {
  if (ends === "zero") return { digits: cap, text: "0" };
  const found = roundedAlike(ends.lo, ends.hi, cap);
  if (found === null) return null;
  return { digits: found.digits, text: decimalText(ends.negative, found.n, found.s) };
}

/**
 * A certified quantity correctly rounded to at most `cap` significant digits (fewer when
 * its ball rounds alike only at fewer), or null when none is certified. Rounding the
 * certified value again would round twice; this rounds the ball.
 */
export function certifiedUpTo(q: CertifiedQuantity, cap: number): Decimal | null {
  if (q.certified === null) return null;
  if (cap >= q.certifiedDigits) return q.certified;
  const ends = decimalEnds(q.value, q.errorBound, cap);
  const found = ends === null ? null : certifiedRounding(ends, cap);
  return found === null ? null : new (q.value.constructor as Decimal.Constructor)(found.text);
}

/**
 * Digits the ball arithmetic carries beyond those it may show. A midpoint within half a
 * unit of its P-th digit of the exact value may be exactly that distance from a rounding
 * boundary of those digits, so a P-digit run could never certify all P digits (it shows
 * P − 1 or P − 2). Six more digits (20 more bits) absorb the rounding errors of thousands
 * of operations (each at most a unit of the last bit, added up by the radius) and cost
 * little: a 56-digit midpoint is a 187-bit BigInt, three 64-bit words as 50 digits are.
 */
export const BALL_GUARD_DIGITS = 6;

/**
 * The reruns made when a comparison was undecided: at the same digits with exact decimals
 * tracked (`exactTracking`: a ReLU at an input that is exactly 0), then at 2× and 4× the
 * digits (an input that is merely close to 0).
 */
const UNDECIDED_RERUNS = [1, 2, 4] as const;

/**
 * Runs a derivation once in ball arithmetic (`ballField`, at `digits` +
 * `BALL_GUARD_DIGITS`) and certifies each quantity to at most `digits` digits from its
 * proven error bound (`certifyBall`): one run, no rerun at twice the digits. Only when a
 * comparison was undecided (a ReLU's input whose ball straddles 0) is the run repeated
 * (`inBallArithmetic`); if it stays undecided the branch is genuinely unknown at those
 * precisions and no quantity is certified. A run that leaves a ball reaching zero is
 * repeated once with exact decimals tracked, which proves a cancellation of decimal inputs
 * (0.1·0.5 − 0.05) exactly 0 where binary midpoints cannot.
 */
export function certify(
  derive: (F: Field<Ball>) => readonly Quantity<Ball>[],
  digits: number,
): CertifiedQuantity[] {
  const certifyRun = ({ result, undecided }: BallRun<readonly Quantity<Ball>[]>) =>
    result.map((q): CertifiedQuantity => {
      if (!undecided) return certifyBall(q.value, digits, q.name);
      const outcome = {
        certifiedDigits: 0,
        certifiedText: null,
        uncertified: "undecided-comparison" as const,
      };
      return certificate(q.name, q.value, digits, outcome);
    });
  const first = inBallArithmetic(derive, digits);
  const certified = certifyRun(first);
  if (first.tracked || !certified.some((q) => q.uncertified === "contains-zero")) return certified;
  return certifyRun(inBallArithmetic(derive, digits, true));
}

/** A run in ball arithmetic: its result, whether a comparison stayed undecided, whether exact decimals were tracked. */
export interface BallRun<R> {
  readonly result: R;
  readonly undecided: boolean;
  readonly tracked: boolean;
}

/**
 * Runs `run` in ball arithmetic at `digits` + `BALL_GUARD_DIGITS` (with exact decimals
 * tracked when `track`), and again while a comparison stays undecided (`UNDECIDED_RERUNS`);
 * `undecided` says whether the last run still had one (its balls then certify nothing).
 */
export function inBallArithmetic<R>(run: (F: Field<Ball>) => R, digits: number, track = false): BallRun<R> {
  const fieldAt = (factor: number, state: BallFieldState, tracked: boolean) => {
    const F = ballField(digits * factor + BALL_GUARD_DIGITS, state);
    return tracked ? exactTracking(F, digits * factor + BALL_GUARD_DIGITS) : F;
  };
  let state: BallFieldState = { undecided: false };
  let result = run(fieldAt(1, state, track));
  let tracked = track;
  for (const factor of UNDECIDED_RERUNS) {
    if (!state.undecided) break;
    if (factor === 1 && tracked) continue;
    state = { undecided: false };
    tracked = true;
    result = run(fieldAt(factor, state, true));
  }
  return { result, undecided: state.undecided, tracked };
}

/** Why a quantity shows no digit, in words (null when it has certified digits). */
export function uncertifiedReason(q: CertifiedQuantity): string | null {
  switch (q.uncertified) {
    case null:
      return null;
    case "contains-zero": {
      const magnitude = q.value.abs().plus(q.errorBound).toSignificantDigits(2, Decimal.ROUND_UP);
      return `|exact value| ≤ ${magnitude.toExponential()}: it cancelled or underflowed`;
    }
    case "unbounded":
      return "no error bound: a divisor or a logarithm's argument reaches 0 within its error";
    case "undecided-comparison":
      return `a comparison with its error ball could not be decided, even at ${UNDECIDED_RERUNS.at(-1)}× the digits`;
  }
}

/** The error bound to two significant digits, rounded up (for messages): "1.2e-49". */
export function errorBoundString(q: CertifiedQuantity): string {
  if (!q.errorBound.isFinite()) return "unbounded";
  return q.errorBound.toSignificantDigits(2, Decimal.ROUND_UP).toExponential();
}

import {
  deriveFirstStep,
  domainChecked,
  float32,
  float64,
  instantiate,
  train,
  type Field,
  type Network,
  type ProblemSpec,
  type Quantity,
} from "@bpcheck/core";
import { namingUndefinedQuantity } from "./domain-quantity.ts";
import { certify, certifyBall, errorBoundString, inBallArithmetic, uncertifiedReason } from "./certify.ts";
import { floatError, type FloatError } from "./float-error.ts";
import { networkParameters } from "./network-parameters.ts";

/** One quantity of the worked step in all three modes. */
export interface QuantityComparison {
  readonly name: string;
  /** The exact value to its certified digits (see `certify`), or null when none is certified. */
  readonly exact: string | null;
  /** How many of its digits the ball arithmetic proves. */
  readonly certifiedDigits: number;
  /** The proven bound on the working value's error, to two digits rounded up. */
  readonly errorBound: string;
  /** Why no digit is certified, in words, or null. */
  readonly uncertified: string | null;
  readonly float64: FloatError;
  readonly float32: FloatError;
}

/**
 * Every quantity of the first training step (`deriveFirstStep`) in float32, float64 and
 * exact decimal arithmetic at `digits` digits, each float measured against the exact
 * value (ULPs from the correctly rounded value, correct significant digits up to the
 * exact value's certified digits).
 */
export function compareFirstStep(spec: ProblemSpec, digits: number): QuantityComparison[] {
  const step = <T>(F: Field<T>) =>
    namingUndefinedQuantity(spec, digits, () => deriveFirstStep(F, instantiate(F, spec)).quantities);
  const exact = certify((F) => step(domainChecked(F)), digits);
  const d64 = step(domainChecked(float64));
  const d32 = step(domainChecked(float32));
  return exact.map((q, k) => {
    const f64 = d64[k]!;
    const f32 = d32[k]!;
    return {
      name: q.name,
      // Shown to its certified digits: every digit is the exact value's.
      exact: q.certifiedText,
      certifiedDigits: q.certifiedDigits,
      errorBound: errorBoundString(q),
      uncertified: uncertifiedReason(q),
      float64: floatError(f64.value, q.value, "float64", q.certifiedDigits, float64.toString(f64.value)),
      float32: floatError(f32.value, q.value, "float32", q.certifiedDigits, float32.toString(f32.value)),
    };
  });
}

/** The largest error of a float mode over a set of quantities, and where it occurs. */
export interface WorstError {
  readonly name: string;
  readonly ulps: number;
  readonly digits: number;
}

/** Errors of one epoch of training: its loss, and the worst parameter after it. */
export interface EpochComparison {
  /** 1 for the first epoch. */
  readonly epoch: number;
  /**
   * The epoch's loss (mean over its steps, before their updates) in each mode: the exact
   * one to its certified digits (ball arithmetic, as `run` shows it), or null when none is.
   */
  readonly loss: {
    readonly exact: string | null;
    readonly float64: FloatError;
    readonly float32: FloatError;
  };
  /** The parameter with the most ULPs of error after the epoch, per float mode. */
  readonly worst: { readonly float64: WorstError; readonly float32: WorstError };
}

/**
 * How the float modes drift from the exact mode over `epochs` epochs of the case's
 * training: the three modes are trained side by side, one epoch at a time with core's
 * `train`, and after each epoch the loss and every parameter are measured against the
 * exact values. The exact mode trains in ball arithmetic at `digits` digits (see
 * `certify`): each exact value is shown, and each float's correct digits counted, only to
 * the digits its proven error bound certifies. `onEpoch(e)` is called after each epoch,
 * for progress reporting (again from 1 if an undecided comparison makes the exact run
 * repeat at more digits).
 */
export function compareTraining(
  spec: ProblemSpec,
  digits: number,
  epochs: number,
  onEpoch?: (epoch: number) => void,
): EpochComparison[] {
  // Checked for domain errors in every mode (float64 in its generic path, not the
  // unchecked kernel), each named by the epoch it arose in.
  const { result, undecided } = inBallArithmetic((ball) => {
    const exact = runner(domainChecked(ball), spec);
    const f64 = runner(domainChecked(float64), spec);
    const f32 = runner(domainChecked(float32), spec);
    const out: EpochComparison[] = [];
    for (let e = 1; e <= epochs; e++) {
      const epoch = () => e;
      const [lb, l64, l32] = namingUndefinedQuantity(
        spec,
        digits,
        () => [exact.epoch(), f64.epoch(), f32.epoch()] as const,
        epoch,
      );
      const le = certifyBall(lb, digits);
      const pe = networkParameters(exact.network()).map((p) => certifyBall(p.value, digits));
      const worst = (params: Quantity<number>[], F: Field<number>, format: "float64" | "float32") => {
        let w: WorstError = { name: "", ulps: -1, digits };
        params.forEach((p, k) => {
          const q = pe[k]!;
          const err = floatError(p.value, q.value, format, q.certifiedDigits, F.toString(p.value));
          if (err.ulps > w.ulps) w = { name: p.name, ulps: err.ulps, digits: err.digits };
        });
        return w;
      };
      out.push({
        epoch: e,
        loss: {
          exact: le.certifiedText,
          float64: floatError(l64, le.value, "float64", le.certifiedDigits, float64.toString(l64)),
          float32: floatError(l32, le.value, "float32", le.certifiedDigits, float32.toString(l32)),
        },
        worst: {
          float64: worst(networkParameters(f64.network()), float64, "float64"),
          float32: worst(networkParameters(f32.network()), float32, "float32"),
        },
      });
      onEpoch?.(e);
    }
    return out;
  }, digits);
  if (!undecided) return result;
  // A comparison stayed undecided: the branch taken is unknown, so no exact digit is proven.
  const none = <T extends { digits: number }>(x: T): T => ({ ...x, digits: 0 });
  return result.map((e) => ({
    epoch: e.epoch,
    loss: { exact: null, float64: none(e.loss.float64), float32: none(e.loss.float32) },
    worst: { float64: none(e.worst.float64), float32: none(e.worst.float32) },
  }));
}

/** Training in field F one epoch at a time (core's `train` with one epoch per call). */
function runner<T>(F: Field<T>, spec: ProblemSpec) {
  const p = instantiate(F, spec);
  let net: Network<T> = p.network;
  const training = { ...p.training, epochs: 1 };
  return {
    epoch(): T {
      const r = train(F, net, p.samples, training);
      net = r.network;
      return r.lossCurve[0]!;
    },
    network: () => net,
  };
}

import type { ProblemSpec } from "@bpcheck/core";
import { binary32Givens } from "./binary-givens.ts";
import {
  biasDepartures,
  deltaSignDepartures,
  gradientSignDepartures,
  learningRateDepartures,
  lossDepartures,
  transposedDepartures,
  updateOrderDepartures,
  updateSignDepartures,
  type Departure,
} from "./departures.ts";
import {
  carriedForward,
  digitSlip,
  flippedSign,
  handDigits,
  lossFormulaValue,
  oneTermOfSum,
  otherQuantity,
  printedOperands,
  roundedOperands,
  roundingChain,
  type Found,
  type Scope,
  type Target,
} from "./explanations.ts";
import type { World } from "./worlds.ts";

/**
 * The registry of causes: one record per cause, in the order that breaks ties between
 * equally plausible explanations. The cause list, the schemas' enums, the errata notes
 * and the README's table all come from it (a test holds the schemas to it); adding a
 * cause is adding a record here.
 *
 * A record says what verdict a number gets when this cause leads its explanation, and
 * how it explains: a rounding (tried in the source's world and in worlds with one more
 * departure), departures from the case as declared (worlds the engine re-runs), or an
 * explanation of one number in the source's world (an edit of the printed digits, a value
 * carried from an earlier erratum, another formula).
 */
export interface CauseRecord {
  readonly id: string;
  /** The verdict when this cause leads a number's explanation. */
  readonly verdict: "rounding-drift" | "erratum";
  /**
   * Whether a source may follow it throughout: such departures are candidates for the
   * source's conventions, and a number they explain under the inferred conventions is
   * "correct under the source's convention" rather than an erratum.
   */
  readonly conventional: boolean;
  /** One line: what the cause means (README, schemas, errata notes). */
  readonly meaning: string;
  /** How a detail sentence introduces it: "Reproduced by …", "It is …". */
  readonly lead: string;
  /** Departures from the case as declared that this cause names. */
  readonly departures?: (spec: ProblemSpec) => Departure[];
  /** A rounding that reproduces a number in a world; `costly` ones run only when nothing cheaper did. */
  readonly rounding?: {
    readonly costly: boolean;
    readonly explain: (w: World, t: Target, scope: Scope) => Found | null;
  };
  /** An explanation of one number in the source's world; `arbitrary` ones (a digit edit) rank last. */
  readonly single?: {
    readonly arbitrary: boolean;
    readonly explain: (w: World, t: Target, scope: Scope) => Found | null;
  };
}

export const CAUSE_REGISTRY = [
  {
    id: "rounding-chain",
    verdict: "rounding-drift",
    conventional: false,
    meaning:
      "Every value the author writes down kept to d decimals or k significant digits (ŷ rounded, δ computed from it and rounded, then a product), from the exact or the printed values.",
    lead: "Reproduced with",
    rounding: { costly: false, explain: roundingChain },
  },
  {
    id: "printed-operands",
    verdict: "rounding-drift",
    conventional: false,
    meaning:
      "Computed from the source's own printed numbers (activations, δ, products, updated weights) in place of the exact values, or a loss added up from its printed terms.",
    lead: "Reproduced from",
    rounding: { costly: false, explain: printedOperands },
  },
  {
    id: "rounded-intermediates",
    verdict: "rounding-drift",
    conventional: false,
    meaning:
      "A hand calculation keeping k significant digits at every operation, a program storing the parameters (or every given) as float32, or the fewest intermediates replaced (printed or rounded) where they are used; within 1% of the exact value.",
    lead: "Reproduced by",
    rounding: {
      costly: true,
      explain: (w, t, scope) => handDigits(w, t) ?? binary32Givens(w, t) ?? roundedOperands(w, t, scope),
    },
  },
  {
    id: "update-order",
    verdict: "erratum",
    conventional: true,
    meaning:
      "The other update order (sequential: hidden deltas carried through the already-updated weights above).",
    lead: "Reproduced with",
    departures: updateOrderDepartures,
  },
  {
    id: "bias-update",
    verdict: "erratum",
    conventional: true,
    meaning: "The biases updated when the case keeps them frozen, or frozen when it updates them.",
    lead: "Reproduced with",
    departures: biasDepartures,
  },
  {
    id: "learning-rate",
    verdict: "erratum",
    conventional: true,
    meaning: "Another learning rate: α·10^k (k = ±1, ±2, ±3) or 1 (α left out).",
    lead: "Reproduced with",
    departures: learningRateDepartures,
  },
  {
    id: "delta-sign",
    verdict: "erratum",
    conventional: true,
    meaning:
      "δ with the other sign than the case declares: −∂L/∂z for ∂L/∂z (δ = (t − o)·o(1 − o)), or back.",
    lead: "Reproduced with",
    departures: () => deltaSignDepartures(),
  },
  {
    id: "gradient-sign",
    verdict: "erratum",
    conventional: true,
    meaning:
      "Gradients with the other sign than the case declares: −∂L/∂W and −∂L/∂b for ∂L/∂W and ∂L/∂b, or back.",
    lead: "Reproduced with",
    departures: () => gradientSignDepartures(),
  },
  {
    id: "transposed-index",
    verdict: "erratum",
    conventional: true,
    meaning:
      "A matrix entry with its indices swapped: one entry, a layer's whole matrix written transposed (W_ij for W_ji), or a square matrix used transposed inside one number's computation.",
    lead: "Reproduced with",
    departures: transposedDepartures,
  },
  {
    id: "formula",
    verdict: "erratum",
    conventional: true,
    meaning:
      "Another formula: another loss of the engine (SSE for half-SSE: the ½), ½Σ√abs(y − ŷ), the square root of the loss, or a sum written with one of its terms only (one product of Wᵀ·δ).",
    lead: "Reproduced with",
    departures: lossDepartures,
    single: {
      arbitrary: false,
      explain: (w, t, scope) => lossFormulaValue(w, t) ?? oneTermOfSum(w, t, scope),
    },
  },
  {
    id: "sign",
    verdict: "erratum",
    conventional: false,
    meaning: "The opposite sign: the value negated, or the update adding the gradient.",
    lead: "Reproduced with",
    departures: () => updateSignDepartures(),
    single: { arbitrary: false, explain: (w, t) => flippedSign(w, t) },
  },
  {
    id: "carried-forward",
    verdict: "erratum",
    conventional: false,
    meaning:
      "Computed from a wrong printed number (earlier, or printed later and found wrong) in place of the true value, alone or with a rounding habit.",
    lead: "Reproduced with",
    single: { arbitrary: false, explain: carriedForward },
  },
  {
    id: "digit-slip",
    verdict: "erratum",
    conventional: false,
    meaning:
      "The correct value (at least 2 significant digits) with one digit changed, dropped, doubled or added, two swapped, or the point shifted.",
    lead: "It is",
    single: { arbitrary: true, explain: digitSlip },
  },
  {
    id: "wrong-quantity",
    verdict: "erratum",
    conventional: false,
    meaning:
      "The value of another quantity: of the same step, the same quantity before the update, or a number the source printed before.",
    lead: "It is",
    single: { arbitrary: true, explain: otherQuantity },
  },
] as const satisfies readonly CauseRecord[];

export type Cause = (typeof CAUSE_REGISTRY)[number]["id"];

/** Every cause id, in registry order. */
export const CAUSES: readonly Cause[] = CAUSE_REGISTRY.map((c) => c.id);

const BY_ID = new Map<string, CauseRecord>(CAUSE_REGISTRY.map((c) => [c.id, c]));

export function causeRecord(id: string): CauseRecord {
  const c = BY_ID.get(id);
  if (c === undefined) throw new Error(`no cause "${id}" in the registry`);
  return c;
}

/** Position in the registry (the last tie-break of the plausibility order). */
export function causeOrder(id: string): number {
  return CAUSES.indexOf(id as Cause);
}

/** Every departure of the registry's causes from the case as declared. */
export function allDepartures(spec: ProblemSpec): Departure[] {
  return CAUSE_REGISTRY.flatMap((c: CauseRecord) => c.departures?.(spec) ?? []);
}

/** The verdicts, with their meaning (README, schemas). */
export const VERDICT_REGISTRY = [
  {
    id: "ok",
    meaning: "Correct as declared: the exact value rounded to the printed digits is the printed number.",
  },
  {
    id: "convention",
    meaning:
      "Correct under a convention the source used throughout (named in `conventions`): the exact value in the source's conventions, at the printed digits.",
  },
  {
    id: "rounding-drift",
    meaning:
      "Wrong only through rounding: `cause` names the rounding, `detail` says which values were rounded.",
  },
  { id: "erratum", meaning: "Wrong: `cause` names the explanation that reproduces the printed value." },
  { id: "unexplained", meaning: "Wrong, and no explanation tried reproduces it." },
] as const;

export type Verdict = (typeof VERDICT_REGISTRY)[number]["id"];
export const VERDICTS: readonly Verdict[] = VERDICT_REGISTRY.map((v) => v.id);

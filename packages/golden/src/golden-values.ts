import {
  deriveWorkedExample,
  float32,
  formatQuantity,
  instantiate,
  train,
  type Field,
  type KindName,
  type Quantity,
} from "@bpcheck/core";
import { certifiedUpTo, certify, roundToBinary, type Ball, type CertifiedQuantity } from "@bpcheck/exact";
import type { CaseFile } from "./case-file.ts";

/** Precision of the reference derivation (in ball arithmetic, which certifies it). */
export const WORKING_DIGITS = 60;
/** Extra digits of the rerun made only when a comparison of the ball run is undecided (60 → 120). */
export const GUARD_DIGITS = 60;
/** Significant digits recorded per exact value (fewer when fewer are certified). */
export const RECORDED_DIGITS = 40;

export interface GoldenQuantity {
  readonly id: number;
  readonly name: string;
  readonly exact: string;
  readonly certifiedDigits: number;
  readonly float64: string;
  readonly float32: string;
}

export interface GoldenGroup {
  readonly id: "first-step" | "training";
  readonly description: string;
  readonly quantities: readonly GoldenQuantity[];
}

export interface GoldenFile {
  readonly schema: "bpcheck-golden";
  readonly version: 1;
  readonly case: string;
  readonly header: string;
  readonly notes: Readonly<Record<string, string>>;
  readonly derivation: {
    readonly workingDigits: number;
    readonly guardDigits: number;
    readonly recordedDigits: number;
  };
  readonly groups: readonly GoldenGroup[];
}

const NOTES = {
  exact: `The exact value correctly rounded (half to even) to min(${RECORDED_DIGITS}, certifiedDigits) significant digits, from the derivation at ${WORKING_DIGITS} digits in ball arithmetic (each value with a proven error bound).`,
  certifiedDigits: `Significant digits on which the whole error ball of the ${WORKING_DIGITS}-digit value rounds the same way: digits of the exact value, proven.`,
  float64:
    "The correctly rounded IEEE binary64 value of the exact value (nearest, ties to even), as the shortest decimal string that reads back to it.",
  float32:
    "The correctly rounded IEEE binary32 value of the exact value (nearest, ties to even), as the shortest decimal string that reads back to it.",
} as const;

const GROUPS = {
  "first-step":
    "Every quantity of the first training step (the worked example), and of the later steps, updates and epochs the case's published numbers name, named as in README.md § Canonical quantity names.",
  training:
    "loss@epoch[e]: the mean of the losses the steps of epoch e computed before their updates; W[l][j][i]@final, b[l][j]@final: the parameters after the last epoch.",
} as const;

/** The first training step's quantities in a field. */
function firstStep(c: CaseFile) {
  return (F: Field<Ball>): readonly Quantity<Ball>[] => deriveWorkedExample(F, instantiate(F, c)).quantities;
}

/** The loss curve and final parameters of the case's training in a field. */
function training(c: CaseFile) {
  return (F: Field<Ball>): readonly Quantity<Ball>[] => {
    const p = instantiate(F, c);
    const { lossCurve, network } = train(F, p.network, p.samples, p.training);
    const name = (
      kind: KindName,
      index: readonly number[],
      time: Parameters<typeof formatQuantity>[0]["time"],
    ) => formatQuantity({ kind, index, sample: null, time });
    const out: Quantity<Ball>[] = lossCurve.map((value, e) => ({
      name: name("loss", [], { at: "epoch", n: e + 1 }),
      value,
    }));
    const final = { at: "final" } as const;
    network.layers.forEach((layer, l) => {
      layer.W.forEach((row, j) =>
        row.forEach((value, i) => out.push({ name: name("W", [l, j, i], final), value })),
      );
      if (layer.sharedBias && layer.b !== null) out.push({ name: name("b", [l], final), value: layer.b[0]! });
      else layer.b?.forEach((value, j) => out.push({ name: name("b", [l, j], final), value }));
    });
    return out;
  };
}

function record(q: CertifiedQuantity, id: number): GoldenQuantity {
  // A value that cancels below its error bound (a softmax layer's shared-bias gradient
  // Σ(ŷ − y), exactly 0) has no certified digit: its midpoint, a residue far below every
  // printed digit, is recorded to one digit with certifiedDigits 0.
  const exact = certifiedUpTo(q, RECORDED_DIGITS) ?? q.value.toSignificantDigits(1);
  return {
    id,
    name: q.name,
    exact: exact.toString(),
    certifiedDigits: q.certifiedDigits,
    float64: String(roundToBinary(q.value, "float64")),
    float32: float32.toString(roundToBinary(q.value, "float32")),
  };
}

/**
 * The generated golden values of a case: every quantity of the worked step and of the
 * training run, exact with certified digits, and the correctly rounded float64 and
 * float32 of each. Only decimal arithmetic is used, so the result is the same on every
 * platform and Node version.
 */
export function goldenValues(c: CaseFile): GoldenFile {
  let id = 0;
  const group = (
    gid: GoldenGroup["id"],
    derive: (F: Field<Ball>) => readonly Quantity<Ball>[],
  ): GoldenGroup => ({
    id: gid,
    description: GROUPS[gid],
    quantities: certify(derive, WORKING_DIGITS).map((q) => record(q, ++id)),
  });
  return {
    schema: "bpcheck-golden",
    version: 1,
    case: c.id,
    header: "Generated by `pnpm fixtures:regen` from the reference derivation; do not edit by hand.",
    notes: NOTES,
    derivation: { workingDigits: WORKING_DIGITS, guardDigits: GUARD_DIGITS, recordedDigits: RECORDED_DIGITS },
    groups: [group("first-step", firstStep(c)), group("training", training(c))],
  };
}

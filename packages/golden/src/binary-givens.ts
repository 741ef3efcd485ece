import type { ProblemSpec } from "@bpcheck/core";
import { exactDecimal, roundToBinary } from "@bpcheck/exact";
import Decimal from "decimal.js";
import type { Departure } from "./departures.ts";
import { matchesPrinted } from "./printed-decimal.ts";
import { significantDigits, type Found, type Target } from "./explanations.ts";
import type { World } from "./worlds.ts";

/**
 * A program that stores the case's givens in single precision (numpy float32, a tensor
 * made in float32 and cast to float64) and computes the rest in float64: its parameters
 * (and inputs) are the nearest binary32 values of the decimals the source writes, and the
 * values it prints are those of the step run on them. The step is evaluated exactly
 * afterwards (the binary32 rounding itself is computed exactly): what remains is the
 * float64 arithmetic's own rounding, below the digits a source prints but its last.
 */

/** The nearest binary32 value of a decimal string, exactly, as a decimal string. */
export function binary32(value: string): string {
  const x = roundToBinary(value, "float32");
  // A case's numbers are at most 1e30 in magnitude, well inside binary32's range.
  return Number.isFinite(x) ? exactDecimal(x) : value;
}

const castAll = (values: readonly string[]) => values.map(binary32);

function parametersCast(spec: ProblemSpec): ProblemSpec {
  const layers = spec.network.layers.map((l) => ({
    ...l,
    weights: l.weights.map(castAll),
    biases: l.biases === null ? null : castAll(l.biases),
  }));
  return { ...spec, network: { ...spec.network, layers } };
}

function inputsCast(spec: ProblemSpec): ProblemSpec {
  return { ...spec, data: spec.data.map((s) => ({ x: castAll(s.x), y: castAll(s.y) })) };
}

/**
 * The two readings, as worlds the engine re-runs: the parameters stored as float32, or
 * the parameters, inputs and targets. They are roundings (the cause is that of rounded
 * intermediates), not departures a source may follow as a convention, so they are not
 * in the cause registry's departures.
 */
export const BINARY32_READINGS: readonly Departure[] = [
  {
    cause: "rounded-intermediates",
    family: "binary32",
    key: "binary32:parameters",
    how: "the weights and biases stored as float32",
    respec: parametersCast,
  },
  {
    cause: "rounded-intermediates",
    family: "binary32",
    key: "binary32:givens",
    how: "the weights, biases, inputs and targets stored as float32",
    respec: (s) => inputsCast(parametersCast(s)),
  },
];

/** The givens whose binary32 value differs from the decimal written: "b[0][0] = 6.88… for 6.88…". */
function castGivens(w: World, cast: World): string[] {
  const named = (spec: ProblemSpec) => [
    ...spec.network.layers.flatMap((l, layer) => [
      ...l.weights.flatMap((row, i) => row.map((v, j) => [`W[${layer}][${i}][${j}]`, v] as const)),
      ...(l.biases ?? []).map((v, i) => [`b[${layer}][${i}]`, v] as const),
    ]),
    ...spec.data.flatMap((s, n) => {
      const sample = spec.data.length > 1 ? `{${n}}` : "";
      return [
        ...s.x.map((v, i) => [`x${sample}[${i}]`, v] as const),
        ...s.y.map((v, i) => [`y${sample}[${i}]`, v] as const),
      ];
    }),
  ];
  const before = named(w.spec);
  return named(cast.spec).flatMap(([name, v], k) =>
    new Decimal(v).eq(before[k]![1]) ? [] : [`${name} = ${v} for ${before[k]![1]}`],
  );
}

/**
 * Significant digits a printed number must carry for a binary32 cast to show in it: the
 * cast moves a given by at most 2^−24 ≈ 6·10^−8 of its value, about the 8th digit, so it
 * reaches the 7th digit often and the 6th only by chance, near a rounding boundary (a
 * reading that would then explain numbers by luck). It spares the recording of the cast
 * step for the numbers of a hand calculation, too.
 */
const BINARY32_MIN_DIGITS = 7;

/**
 * The number as the step computes it from the givens stored as float32: the parameters
 * first (the usual case: weights made as float32 arrays, data given as float64), then
 * every given. The value must differ from the world's own exact one (else a cast changes
 * nothing the printed digits show).
 */
export function binary32Givens(w: World, t: Target): Found | null {
  if (significantDigits(t.entry.printed) < BINARY32_MIN_DIGITS) return null;
  const q = t.entry.quantity;
  const exact = w.exact(q);
  for (const reading of BINARY32_READINGS) {
    const cast = w.variant(reading);
    const v = cast.exact(q);
    if (v === undefined || (exact !== undefined && v.eq(exact))) continue;
    if (!matchesPrinted(v, t.entry.printed)) continue;
    const changed = castGivens(w, cast);
    const named =
      changed.slice(0, 3).join(", ") + (changed.length > 3 ? ` and ${changed.length - 3} more` : "");
    return { how: `${reading.how}, the rest computed exactly (${named})` };
  }
  return null;
}

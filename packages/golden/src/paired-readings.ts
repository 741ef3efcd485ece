import Decimal from "decimal.js";
import type { Departure } from "./departures.ts";
import { significantDigits, type Scope, type Target } from "./explanations.ts";
import { matchesPrinted } from "./printed-decimal.ts";
import { exactField } from "./reference-derivation.ts";
import { ancestors, evaluateTape } from "./tape-field.ts";
import type { PrintedEntry, World } from "./worlds.ts";

/**
 * Two substitutions of different kinds in one printed number: a hand calculation that
 * both used a matrix transposed and reused a wrong earlier value, say. Tried only for a
 * number no single reading explains, and ranked after every single reading (two
 * departures are less plausible than one). Each substitution is one that applies to the
 * number alone (it changes the value) but does not reproduce it alone.
 */

/** Significant digits a number must be printed with for a pair to explain it (a digit slip needs 2). */
export const MIN_PAIR_DIGITS = 3;
/**
 * Operations one number's pairs may re-evaluate: a sixth of the search of rounded
 * operands' budget, so that a source whose every number is unexplained (the worst case
 * of `pnpm bench:errata --budget`) costs little more than before pairs were tried.
 */
export const PAIR_OPS_PER_NUMBER = 50_000;
/** Of the wrong numbers upstream of a number, the latest ones also carried in alone. */
export const MAX_PAIR_CARRIED_ALONE = 4;

/** One substitution: the world it computes in, and the values it puts in place of quantities' (by producing operation). */
interface Substitution {
  readonly kind: SubstitutionKind["id"];
  readonly world: World;
  readonly results: ReadonlyMap<number, Decimal>;
  /** The departure it makes, for a departure. */
  readonly departure?: Departure;
  /** Whether it uses a number the source printed. */
  readonly printed: boolean;
  readonly how: string;
}

/** What a kind of substitution sees: the number, the source's world, the worlds one departure away. */
interface PairContext {
  readonly t: Target;
  readonly scope: Scope;
  readonly source: World;
  readonly away: readonly { readonly d: Departure; readonly w: World }[];
}

/**
 * The kinds of substitution, in the order a pair names them (the first names the pair's
 * cause: a wrong value carried in is the erratum, whatever else the calculation did). A
 * kind either sets the world (`worlds`) or replaces values in a given world (`values`).
 */
interface SubstitutionKind {
  readonly id: "carried-forward" | "departure" | "swapped-operand";
  readonly worlds?: (c: PairContext) => Substitution[];
  readonly values?: (w: World, c: PairContext) => Substitution[];
  /** Whether what it substitutes is a mistake already counted where the source printed it. */
  readonly counted?: true;
}

export const SUBSTITUTION_KINDS: readonly SubstitutionKind[] = [
  { id: "carried-forward", values: carriedIn, counted: true },
  {
    id: "departure",
    worlds: (c) =>
      c.away.map(({ d, w }) => ({
        kind: "departure",
        world: w,
        results: new Map(),
        departure: d,
        printed: false,
        how: d.how,
      })),
  },
  { id: "swapped-operand", values: swappedOperands },
];

/** A pair that reproduces the number: its two substitutions, in the kinds' order. */
export interface PairFound {
  readonly first: Substitution;
  readonly second: Substitution;
  readonly how: string;
  readonly printed: boolean;
}

/**
 * The first pair of substitutions of different kinds that reproduces the printed value:
 * a departure with a value substitution in the departure's world, or two value
 * substitutions in the source's world; each evaluated from the exact values and from the
 * source's right printed numbers, on the number's own computation only, within the
 * budget. Pairs with an erratum already counted where it was printed come first (they
 * add one mistake, not two).
 */
export function pairedReadings(c: PairContext): PairFound | null {
  if (significantDigits(c.t.entry.printed) < MIN_PAIR_DIGITS) return null;
  const combinations = SUBSTITUTION_KINDS.flatMap((a, i) =>
    SUBSTITUTION_KINDS.slice(i + 1).map((b) => [a, b] as const),
  ).sort(([a, b], [x, y]) => Number(!(a.counted || b.counted)) - Number(!(x.counted || y.counted)));
  for (const [a, b] of combinations) {
    for (const [first, second] of substitutionsOf(a, b, c)) {
      const results = new Map([...first.results, ...second.results]);
      if (results.size === first.results.size + second.results.size && reproduces(first.world, c, results)) {
        return {
          first,
          second,
          how: `${first.how}, and ${second.how}`,
          printed: first.printed || second.printed,
        };
      }
      if (c.scope.budget.ops <= 0) return null;
    }
  }
  return null;
}

/** The pairs of two kinds (`a` before `b` in the kinds' order), in the world the pair computes in. */
function* substitutionsOf(
  a: SubstitutionKind,
  b: SubstitutionKind,
  c: PairContext,
): Generator<[Substitution, Substitution]> {
  if (a.worlds !== undefined || b.worlds !== undefined) {
    const [setter, valued] = a.worlds !== undefined ? [a, b] : [b, a];
    if (valued.values === undefined) return;
    for (const s of setter.worlds!(c)) {
      for (const v of valued.values(s.world, c)) yield setter === a ? [s, v] : [v, s];
    }
    return;
  }
  const bs = b.values!(c.source, c);
  for (const x of a.values!(c.source, c)) for (const y of bs) yield [x, y];
}

/** Whether the number, computed in `w` with `results` in place of their operations' values, reads as printed. */
function reproduces(w: World, c: PairContext, results: ReadonlyMap<number, Decimal>): boolean {
  const r = w.reading(c.t.entry.quantity);
  const target = w.step.producer.get(r.quantity) ?? -1;
  if (target < 0 || results.has(target)) return false;
  const only = ancestors(w.step.tape, target);
  // From the exact values, then from the source's right printed numbers as well.
  for (const base of [new Map<number, Decimal>(), rightPrinted(w, c.t, target)]) {
    const evaluated = evaluateTape(
      exactField,
      w.step.tape,
      { results: new Map([...base, ...results]) },
      only,
      c.scope.budget,
    );
    if (evaluated === null) return false;
    const v = evaluated.values[target]?.times(r.scale);
    if (v !== undefined && matchesPrinted(v, c.t.entry.printed)) return true;
  }
  return false;
}

/** The producing operation of a printed number's quantity in `w`, and its value there. */
function placed(w: World, e: PrintedEntry): [number, Decimal] | null {
  const r = w.reading(e.quantity);
  const op = w.step.producer.get(r.quantity);
  return op === undefined || op < 0 ? null : [op, e.value.div(r.scale)];
}

/** The source's right printed numbers by operation, but none for the number's own quantity (printed again elsewhere). */
function rightPrinted(w: World, t: Target, target: number): Map<number, Decimal> {
  const out = new Map<number, Decimal>();
  for (const e of t.printed) {
    if (t.wrong.has(e.index)) continue;
    const p = placed(w, e);
    if (p !== null && p[0] !== target && !out.has(p[0])) out.set(p[0], p[1]);
  }
  return out;
}

/** The wrong printed numbers the number's computation reads in `w`, the latest first, each quantity once */
function wrongUpstream(w: World, t: Target): [PrintedEntry, number, Decimal][] {
  const target = w.step.producer.get(w.reading(t.entry.quantity).quantity) ?? -1;
  if (target < 0) return [];
  const up = new Set(ancestors(w.step.tape, target));
  const out: [PrintedEntry, number, Decimal][] = [];
  for (const n of [...t.wrong].sort((a, b) => b - a)) {
    const e = t.printed[n]!;
    const p = placed(w, e);
    if (p === null || p[0] === target || !up.has(p[0]) || out.some(([, op]) => op === p[0])) continue;
    out.push([e, ...p]);
  }
  return out;
}

/** The wrong printed numbers upstream carried in: all together, then each of the latest alone. */
function carriedIn(w: World, c: PairContext): Substitution[] {
  const wrong = wrongUpstream(w, c.t);
  // Together, a wrong number whose value only reaches this one through another carried one changes nothing.
  const hidden = new Set(wrong.flatMap(([, op]) => ancestors(w.step.tape, op).filter((x) => x !== op)));
  const together = wrong.filter(([, op]) => !hidden.has(op));
  const alone = wrong.length > 1 ? wrong.slice(0, MAX_PAIR_CARRIED_ALONE).map((x) => [x]) : [];
  const sets = [together, ...alone];
  return sets
    .filter((s) => s.length > 0)
    .map((s) => ({
      kind: "carried-forward" as const,
      world: w,
      results: new Map(s.map(([, op, v]) => [op, v])),
      printed: true,
      how: `the ${s.length > 1 ? "errata" : "erratum"} ${s.map(([e]) => `${e.printed} printed for ${c.scope.describe(e.quantity)} at line ${e.line}`).join(" and ")} used in place of the true value`,
    }));
}

/** "a[0][1]" → ["a[0][", "1", "]"]: a quantity's last index and what surrounds it. */
function lastIndex(name: string): [string, string, string] | null {
  const m = /^(.*\[)(\d+)(\][^[]*)$/.exec(name);
  return m === null ? null : [m[1]!, m[2]!, m[3]!];
}

/**
 * A computed quantity the number's computation reads, taken as the value the source
 * printed (earlier, and judged right) for a sibling of it: the same vector at another
 * index (a_h1's value in a_h2's place, as a formula written w5·a_h1 + w6·a_h1 does).
 */
function swappedOperands(w: World, c: PairContext): Substitution[] {
  const { tape, producer } = w.step;
  const target = producer.get(w.reading(c.t.entry.quantity).quantity) ?? -1;
  if (target < 0) return [];
  const up = new Set(ancestors(tape, target));
  const siblings = c.t.printed.filter(
    (e) => e.index < c.t.entry.index && !c.t.wrong.has(e.index) && lastIndex(e.quantity) !== null,
  );
  const out: Substitution[] = [];
  // The operation nearest the number first: a_h1 in a_h2's place before z1 in z2's.
  const named = [...producer].sort(([, x], [, y]) => y - x);
  for (const [name, op] of named) {
    if (op < 0 || op === target || !up.has(op) || tape.ops[op]!.operands.length === 0) continue;
    const at = lastIndex(name);
    if (at === null) continue;
    for (const e of siblings) {
      const other = lastIndex(w.reading(e.quantity).quantity)!;
      if (other[0] !== at[0] || other[2] !== at[2] || other[1] === at[1]) continue;
      const value = e.value.div(w.reading(e.quantity).scale);
      if (value.eq(tape.ops[op]!.value)) continue;
      out.push({
        kind: "swapped-operand",
        world: w,
        results: new Map([[op, value]]),
        printed: true,
        how: `${c.scope.describe(e.quantity)} = ${e.printed} (line ${e.line}) used in place of ${c.scope.describe(name)}`,
      });
    }
  }
  return out;
}

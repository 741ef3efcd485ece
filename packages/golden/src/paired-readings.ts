import Decimal from "decimal.js";
import type { Departure } from "./departures.ts";
import { significantDigits, type Scope, type Target } from "./explanations.ts";
import { matchesPrinted } from "./printed-decimal.ts";
import { exactField } from "./reference-derivation.ts";
import { ancestors, evaluateOne } from "./tape-field.ts";
import type { PrintedEntry, World } from "./worlds.ts";

/**
 * Two substitutions of different kinds in one printed number: a hand calculation that
 * both used a matrix transposed and reused a wrong earlier value, say. Tried only for a
 * number no single reading explains, and ranked after every single reading (two
 * departures are less plausible than one). Each substitution is one that applies to the
 * number alone (it changes the value) but does not reproduce it alone.
 */

/** Significant digits a number must be printed with for a pair to explain it (a digit slip needs 2). */
const MIN_PAIR_DIGITS = 3;
/**
 * Operations one number's pairs may re-evaluate: a sixth of the search of rounded
 * operands' budget, so that a source whose every number is unexplained (the worst case
 * of `pnpm bench:errata --budget`) costs little more than before pairs were tried.
 */
export const PAIR_OPS_PER_NUMBER = 50_000;
/** Of the wrong numbers upstream of a number, the latest ones also carried in alone. */
const MAX_PAIR_CARRIED_ALONE = 4;

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

/** The number's computation in one world, found once per world. */
interface Computation {
  readonly target: number;
  readonly scale: Decimal;
  /** The operations it depends on, in order. */
  readonly only: readonly number[];
  readonly up: ReadonlySet<number>;
  /** The source's right printed numbers by operation, none for the number's own quantity. */
  readonly right: ReadonlyMap<number, Decimal>;
}

interface Search extends PairContext {
  readonly computation: (w: World) => Computation | null;
}

/**
 * The kinds of substitution, in the order a pair names them (the first names the pair's
 * cause: a wrong value carried in is the erratum, whatever else the calculation did). A
 * kind either sets the world (`worlds`) or replaces values in a given world (`values`).
 */
interface SubstitutionKind {
  readonly id: "carried-forward" | "departure" | "swapped-operand";
  readonly worlds?: (c: Search) => Substitution[];
  readonly values?: (w: World, c: Search) => Substitution[];
  /** Whether what it substitutes is a mistake already counted where the source printed it. */
  readonly counted?: true;
}

const SUBSTITUTION_KINDS: readonly SubstitutionKind[] = [
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
export function pairedReadings(
  context: PairContext,
  searched: Map<string, PairFound | null> = new Map(),
): PairFound | null {
  if (significantDigits(context.t.entry.printed) < MIN_PAIR_DIGITS) return null;
  const key = searchKey(context);
  if (searched.has(key)) return searched.get(key)!;
  const found = search(context);
  searched.set(key, found);
  return found;
}

/**
 * What a number's search reads, as a key: the source's world, the number's quantity and
 * printed digits, and of every other printed number whether it is wrong and whether it
 * comes before this one. Of a number printed for the same quantity only whether it is an
 * earlier right one counts (the search reads it only as a sibling's value; as an operand
 * or a carried erratum it would be the number's own quantity, which is never replaced).
 * A number printed twice, with the same others wrong, finds the same pair: `searched`
 * keeps each search's outcome for the numbers of one classification.
 */
function searchKey(c: PairContext): string {
  const { entry, wrong, printed } = c.t;
  const others = printed.map((e) => {
    if (e.index === entry.index) return "";
    const earlier = e.index < entry.index;
    if (e.quantity === entry.quantity) return earlier && !wrong.has(e.index) ? "s" : "";
    return `${wrong.has(e.index) ? "w" : "r"}${earlier ? "e" : "l"}`;
  });
  return JSON.stringify([c.source.key, entry.quantity, entry.printed, others]);
}

function search(context: PairContext): PairFound | null {
  const found = new Map<World, Computation | null>();
  const computation = (w: World) => {
    if (!found.has(w)) found.set(w, computationOf(w, context.t));
    return found.get(w)!;
  };
  const c: Search = { ...context, computation };
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
  c: Search,
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
function reproduces(w: World, c: Search, results: ReadonlyMap<number, Decimal>): boolean {
  const k = c.computation(w);
  if (k === null || results.has(k.target)) return false;
  // From the exact values, then from the source's right printed numbers as well.
  for (const base of [new Map<number, Decimal>(), k.right]) {
    const replaced = { results: new Map([...base, ...results]) };
    const evaluated = evaluateOne(exactField, w.step.tape, replaced, k.only, k.target, c.scope.budget);
    if (evaluated === null) return false;
    const v = evaluated.value?.times(k.scale);
    if (v !== undefined && matchesPrinted(v, c.t.entry.printed)) return true;
  }
  return false;
}

function computationOf(w: World, t: Target): Computation | null {
  const r = w.reading(t.entry.quantity);
  const target = w.step.producer.get(r.quantity) ?? -1;
  if (target < 0) return null;
  const only = ancestors(w.step.tape, target);
  const right = new Map<number, Decimal>();
  for (const e of t.printed) {
    if (t.wrong.has(e.index)) continue;
    const p = w.placed(e);
    if (p !== null && p[0] !== target && !right.has(p[0])) right.set(p[0], p[1]);
  }
  return { target, scale: r.scale, only, up: new Set(only), right };
}

/** The wrong printed numbers the number's computation reads in `w`, the latest first, each quantity once. */
function wrongUpstream(w: World, c: Search): [PrintedEntry, number, Decimal][] {
  const k = c.computation(w);
  if (k === null) return [];
  const out: [PrintedEntry, number, Decimal][] = [];
  for (const n of [...c.t.wrong].sort((a, b) => b - a)) {
    const e = c.t.printed[n]!;
    const p = w.placed(e);
    if (p === null || p[0] === k.target || !k.up.has(p[0]) || out.some(([, op]) => op === p[0])) continue;
    out.push([e, p[0], p[1]]);
  }
  return out;
}

/** The wrong printed numbers upstream carried in: all together, then each of the latest alone. */
function carriedIn(w: World, c: Search): Substitution[] {
  const wrong = wrongUpstream(w, c);
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
function swappedOperands(w: World, c: Search): Substitution[] {
  const k = c.computation(w);
  if (k === null) return [];
  const { tape } = w.step;
  // The source's earlier right numbers by vector ("a[0][" … "]"), each with its index.
  const byVector = new Map<string, [PrintedEntry, string][]>();
  for (const e of c.t.printed) {
    if (e.index >= c.t.entry.index || c.t.wrong.has(e.index)) continue;
    const at = lastIndex(w.reading(e.quantity).quantity);
    if (at === null) continue;
    const list = byVector.get(at[0] + at[2]) ?? [];
    list.push([e, at[1]]);
    byVector.set(at[0] + at[2], list);
  }
  if (byVector.size === 0) return [];
  const names = namesOf(w);
  const out: Substitution[] = [];
  // The operation nearest the number first: a_h1 in a_h2's place before z1 in z2's.
  for (const op of [...k.only].reverse()) {
    const name = names.get(op);
    if (op === k.target || name === undefined || tape.ops[op]!.operands.length === 0) continue;
    const at = lastIndex(name);
    for (const [e, index] of (at === null ? undefined : byVector.get(at[0] + at[2])) ?? []) {
      const value = e.value.div(w.reading(e.quantity).scale);
      if (index === at![1] || value.eq(tape.ops[op]!.value)) continue;
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

/** Each producing operation's quantity name, once per recorded step. */
const stepNames = new WeakMap<object, Map<number, string>>();
function namesOf(w: World): Map<number, string> {
  let names = stepNames.get(w.step);
  if (names === undefined) {
    names = new Map();
    for (const [name, op] of w.step.producer) if (op >= 0 && !names.has(op)) names.set(op, name);
    stepNames.set(w.step, names);
  }
  return names;
}

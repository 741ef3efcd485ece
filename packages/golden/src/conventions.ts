import { allDepartures, causeRecord } from "./causes.ts";
import type { Departure } from "./departures.ts";
import type Decimal from "decimal.js";
import { HABITS, type Habit, type PrintedEntry, type World, type Worlds } from "./worlds.ts";

/**
 * The source's conventions, inferred from all its printed numbers at once. A careful
 * reader judges a source as a whole: once several numbers show that the author updated
 * sequentially, or wrote δ with the other sign, or kept 4 decimals, that is the author's
 * convention, and every number is judged under it.
 *
 * Scoring rule: a set of conventions explains a printed number when, under it, the
 * exact value, (with a rounding habit) the value with every intermediate kept to the
 * habit's digits, or the value computed from the source's other printed numbers that it
 * explains, rounds to the printed number (under truncation: is cut to it, so a computed
 * value printed rounded where cutting differs counts against truncation). Starting from
 * the case as declared, the convention that
 * explains the most additional numbers (net of those it stops explaining; a quantity
 * printed twice counts once) is adopted while it adds at least MIN_EVIDENCE numbers, at most MAX_CONVENTIONS times, one per
 * family; ties go to a rounding habit, then to the registry's order. This is the
 * smallest set of departures, built greedily, that explains the most numbers.
 */
export const MIN_EVIDENCE = 2;
/** Rounds of reusing the printed numbers explained so far (a chain of reused values counts). */
export const REUSE_ROUNDS = 2;
export const MAX_CONVENTIONS = 4;

export interface SourceConventions {
  /** The world of the inferred departures. */
  readonly world: World;
  /** The inferred rounding habit, or null. */
  readonly habit: Habit | null;
  /** Each adopted convention with the numbers only it explains (indices into the published list). */
  readonly adopted: readonly {
    readonly departure: Departure | null;
    readonly habit: Habit | null;
    readonly explains: readonly number[];
  }[];
}

/**
 * The printed numbers a world (with a habit) explains, by index: those its exact or
 * habit-rounded values reproduce, then those reproduced from the printed numbers
 * explained so far (REUSE_ROUNDS times, so that a chain of reused values counts). A number computed
 * from a printed number the world does not explain is not explained by it.
 */
export function explainedBy(w: World, habit: Habit | null, printed: readonly PrintedEntry[]): Set<number> {
  const out = new Set<number>();
  // Every value is written as the habit writes it: an author who truncates cuts the
  // values they compute in full too, so a computed value printed rounded is evidence
  // against truncation.
  const matches = (plain: Decimal | undefined, kept: Decimal | undefined, e: PrintedEntry) =>
    w.writes(e.quantity, plain, e.printed, habit) || w.writes(e.quantity, kept, e.printed, habit);
  const chain = habit === null ? null : w.pass({ printed: false, habit });
  for (const e of printed) if (matches(w.exact(e.quantity), chain?.(e.quantity), e)) out.add(e.index);
  for (let round = 0; round < REUSE_ROUNDS; round++) {
    const skip = new Set(printed.map((e) => e.index).filter((n) => !out.has(n)));
    if (skip.size === 0 || skip.size === printed.length) break;
    const reused = w.pass({ printed: true, skip });
    const reusedChain = habit === null ? null : w.pass({ printed: true, habit, skip });
    const before = out.size;
    for (const e of printed) {
      if (!out.has(e.index) && matches(reused(e.quantity), reusedChain?.(e.quantity), e)) out.add(e.index);
    }
    if (out.size === before) break;
  }
  return out;
}

export function inferConventions(worlds: Worlds, printed: readonly PrintedEntry[]): SourceConventions {
  const candidates = allDepartures(worlds.declared.spec).filter(
    (d) => causeRecord(d.cause).conventional && d.conventional !== false,
  );
  let world = worlds.declared;
  let habit: Habit | null = null;
  // A quantity printed twice is one piece of evidence.
  const score = (explained: Set<number>) => new Set([...explained].map((n) => printed[n]!.quantity)).size;
  let current = explainedBy(world, habit, printed);
  for (let round = 0; round < MAX_CONVENTIONS; round++) {
    const families = new Set(world.departures.map((d) => d.family));
    // A rounding habit first (ties go to it), then the departures in registry order.
    const options: { world: World; habit: Habit | null }[] = [
      ...(habit === null ? HABITS.map((h) => ({ world, habit: h })) : []),
      ...candidates
        .filter((d) => !families.has(d.family))
        .map((d) => ({ world: worlds.with(world, d), habit })),
    ];
    let best: { world: World; habit: Habit | null; explained: Set<number>; size: number } | null = null;
    for (const o of options) {
      const explained = explainedBy(o.world, o.habit, printed);
      const size = score(explained);
      if (size - score(current) >= MIN_EVIDENCE && (best === null || size > best.size)) {
        best = { ...o, explained, size };
      }
    }
    if (best === null) break;
    ({ world, habit } = best);
    current = best.explained;
  }
  const only = (without: Set<number>) => [...current].filter((n) => !without.has(n)).sort((a, b) => a - b);
  const adopted = [
    ...(habit === null
      ? []
      : [{ departure: null, habit, explains: only(explainedBy(world, null, printed)) }]),
    ...world.departures.map((d) => ({
      departure: d,
      habit: null,
      explains: only(explainedBy(worlds.of(world.departures.filter((x) => x !== d)), habit, printed)),
    })),
  ];
  return { world, habit, adopted };
}

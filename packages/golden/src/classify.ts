import type { ProblemSpec } from "@bpcheck/core";
import Decimal from "decimal.js";
import type { CaseFile, SourceLocation } from "./case-file.ts";
import {
  CAUSE_REGISTRY,
  allDepartures,
  causeOrder,
  causeRecord,
  type Cause,
  type CauseRecord,
  type Verdict,
} from "./causes.ts";
import { inferConventions, type SourceConventions } from "./conventions.ts";
import type { Departure } from "./departures.ts";
import { upstreamIndices, type Scope, type Target } from "./explanations.ts";
import { InputError } from "./input-error.ts";
import { PAIR_OPS_PER_NUMBER, pairedReadings, type PairFound } from "./paired-readings.ts";
import { matchesPrinted, printedDecimals, roundLikePrinted } from "./printed-decimal.ts";
import { HABITS, TRUNCATION, Worlds, type PrintedEntry, type World } from "./worlds.ts";

/** One explanation of a printed number, as reported (the verdict's own, or an alternative). */
export interface Explanation {
  readonly verdict: Verdict;
  readonly cause: Cause | null;
  /** Keys of the source's conventions the explanation relies on. */
  readonly conventions: readonly string[];
  /** One plain sentence: what reproduces the printed value, and the correct value. */
  readonly detail: string;
}

/** The classifier's answer for one printed number (plain JSON, deterministic). */
export interface PublishedVerdict extends Explanation {
  readonly id: string;
  readonly symbol: string;
  readonly quantity: string;
  readonly location: SourceLocation;
  /** The number exactly as printed. */
  readonly published: string;
  /** The exact value of the claimed quantity, as declared, rounded to the printed digits. */
  readonly reference: string;
  /** Other explanations that reproduce the number, most plausible first. */
  readonly alternatives: readonly Explanation[];
}

/** One of the source's conventions, with the published numbers only it explains. */
export interface SourceConvention {
  readonly key: string;
  readonly cause: Cause;
  readonly description: string;
  readonly explains: readonly string[];
}

export interface Classification {
  readonly conventions: readonly SourceConvention[];
  readonly verdicts: readonly PublishedVerdict[];
}

/** Operations one number's search of rounded operands may re-evaluate (linear in the published numbers). */
export const SEARCH_OPS_PER_NUMBER = 300_000;
/** Numbers of one source whose last printed digit alone differs, beyond which a slip of it is no explanation. */
export const SYSTEMATIC_SLIPS = 3;
/** Alternatives listed beside a verdict. */
export const MAX_ALTERNATIVES = 4;

/**
 * Gives every published number of a case a verdict, in order, after inferring the
 * source's conventions from all of them. Every decision is taken on exact decimal
 * values (60 significant digits); `file` names the case in errors.
 */
export function classifyCase(c: CaseFile, file: string = c.id): Classification {
  const key = JSON.stringify([c.network, c.data, c.training, c.horizon, c.published, c.symbols]);
  const cached = results.get(key);
  if (cached !== undefined) return cached;
  const spec: ProblemSpec = {
    network: c.network,
    data: c.data,
    training: c.training,
    ...(c.horizon === undefined ? {} : { horizon: c.horizon }),
  };
  const printed: PrintedEntry[] = c.published.map((p, index) => ({
    index,
    quantity: p.quantity,
    printed: p.printed,
    value: new Decimal(p.printed),
    line: p.location.line,
  }));
  const worlds = new Worlds(spec, printed);
  printed.forEach((e, n) => {
    if (worlds.declared.exact(e.quantity) === undefined) {
      throw new InputError(
        file,
        `$.published[${n}].quantity`,
        `expected a quantity of the case's derivation, got "${e.quantity}"`,
      );
    }
  });
  const source = inferConventions(worlds, printed);
  const describe = describer(c);
  const references = c.published.map((p) => roundLikePrinted(worlds.declared.exact(p.quantity)!, p.printed));
  const homes = source.world === worlds.declared ? [worlds.declared] : [worlds.declared, source.world];
  const upstream = printed.map((e) => {
    const up = new Set<number>();
    for (const w of homes)
      for (const m of upstreamIndices(w, { entry: e, wrong: new Set(), printed })) up.add(m);
    return up;
  });
  // A number printed twice shares its search of pairs (see `pairedReadings`).
  const pairSearches = new Map<string, PairFound | null>();
  const isWrong = (j: Judgement) =>
    j.explanations[0]!.verdict === "erratum" || j.explanations[0]!.verdict === "unexplained";
  // A first reading, each number judged knowing which earlier ones are wrong.
  const first: Judgement[] = [];
  const wrongFirst = new Set<number>();
  printed.forEach((e, n) => {
    // The live set (read before this number is added to it), not a copy per number.
    const t = { entry: e, wrong: wrongFirst, printed };
    const j = judge(worlds, source, t, describe, references[n]!, pairSearches);
    first.push(j);
    if (isWrong(j)) wrongFirst.add(n);
  });
  // A second reading knows the whole source: a number computed from one printed later
  // and found wrong is judged again, with that one known to be wrong too (so that a
  // product of wrong factors, printed again further down, is not taken as right).
  const judged: Judgement[] = [];
  const wrong = new Set<number>();
  printed.forEach((e, n) => {
    const known = new Set([...wrong, ...[...wrongFirst].filter((m) => m > n)]);
    const before = [...upstream[n]!].filter((m) => m < n && wrongFirst.has(m));
    const now = [...upstream[n]!].filter((m) => known.has(m));
    const same = before.length === now.length && before.every((m) => known.has(m));
    const t = { entry: e, wrong: known, printed };
    // An explanation from the printed numbers is judged again; any other stands, unless a
    // value carried from the numbers now known to be wrong is more plausible (the costly
    // search is not run again: what it found does not depend on them).
    const j = same
      ? first[n]!
      : first[n]!.usesPrinted
        ? judge(worlds, source, t, describe, references[n]!, pairSearches)
        : carriedAgain(worlds, source, t, describe, references[n]!, first[n]!);
    judged.push(j);
    if (isWrong(j)) wrong.add(n);
  });
  // A slip is one mistake in one number: when the last printed digit is off in many
  // numbers of a source that nothing else explains, the difference is systematic (values
  // computed from more digits than the source shows, say), and none of them is a slip.
  const lastDigitSlips = judged.filter((j) => j.lastDigitSlip).length;
  const verdicts = c.published.map((p, n) => {
    const j = judged[n]!;
    const systematic = j.lastDigitSlip && lastDigitSlips >= SYSTEMATIC_SLIPS;
    const [best, ...others] = systematic
      ? [
          {
            verdict: "unexplained" as const,
            cause: null,
            conventions: [],
            detail: `No explanation tried reproduces it (a slip of its last digit would, but ${lastDigitSlips} numbers of the source differ from the exact values in their last digit: a systematic difference, not slips); the correct value at the printed precision is ${references[n]!}.`,
          },
        ]
      : j.explanations;
    return {
      id: p.id,
      symbol: p.symbol,
      quantity: p.quantity,
      location: p.location,
      published: p.asPrinted,
      ...best!,
      reference: references[n]!,
      alternatives: others,
    };
  });
  const conventions = source.adopted.map((a) => ({
    key: a.departure?.key ?? `rounding-chain:${a.habit!.key}`,
    cause: (a.departure?.cause ?? "rounding-chain") as Cause,
    description: a.departure?.how ?? a.habit!.how,
    explains: a.explains.map((n) => c.published[n]!.id),
  }));
  const result = { conventions, verdicts };
  if (results.size >= MAX_RESULTS) results.delete(results.keys().next().value!);
  results.set(key, result);
  return result;
}

/** The verdicts alone (see `classifyCase`). */
export function classifyPublished(c: CaseFile, file: string = c.id): readonly PublishedVerdict[] {
  return classifyCase(c, file).verdicts;
}

const results = new Map<string, Classification>();
const MAX_RESULTS = 8;

/** A candidate explanation with what ranks it. */
interface Candidate {
  readonly cause: CauseRecord;
  /** The source's conventions it relies on. */
  readonly conventions: readonly Departure[];
  /** Departures beyond the source's conventions (each makes it an erratum). */
  readonly outside: readonly Departure[];
  /** 0 none, 1 the inferred habit or the printed operands, 2 a searched rounding, 3 a habit no other number shows. */
  readonly rounding: number;
  readonly arbitrary: boolean;
  /** An arbitrary edit that copies a value the source wrote elsewhere (before the other arbitrary ones). */
  readonly copied: boolean;
  /** A digit slip in the last printed digit. */
  readonly lastDigit: boolean;
  /** Whether it uses the source's printed numbers. */
  readonly usesPrinted: boolean;
  readonly convention: boolean;
  readonly how: string;
}

/**
 * The plausibility order, most plausible first: an arbitrary edit (a digit slip, another
 * quantity's value) last, a value the source printed elsewhere copied before the others;
 * then fewer departures beyond the source's conventions; then no earlier erratum carried
 * in; then the lighter rounding (none, the inferred habit or the printed operands, a
 * searched rounding, a habit no other number shows); then fewer conventions relied on;
 * then the registry's order.
 */
function rank(c: Candidate): number[] {
  return [
    c.arbitrary ? (c.copied ? 1 : 2) : 0,
    c.outside.length,
    c.cause.id === "carried-forward" ? 1 : c.rounding >= 2 ? 2 : 0,
    c.rounding,
    c.conventions.length,
    causeOrder(c.cause.id),
  ];
}

function byRank(a: Candidate, b: Candidate): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let k = 0; k < ra.length; k++) if (ra[k] !== rb[k]) return ra[k]! - rb[k]!;
  return 0;
}

const ROUNDINGS = CAUSE_REGISTRY.filter(
  (c: CauseRecord) => c.rounding !== undefined,
) as readonly CauseRecord[];
const SINGLES = CAUSE_REGISTRY.filter((c: CauseRecord) => c.single !== undefined) as readonly CauseRecord[];

/** A number's explanations, most plausible first, and whether the first is a slip of its last digit. */
interface Judgement {
  readonly explanations: readonly Explanation[];
  readonly lastDigitSlip: boolean;
  /** Whether the first explanation is neither an arbitrary edit nor none at all. */
  readonly plausible: boolean;
  /** Whether the first explanation uses the source's printed numbers (then which of them are wrong matters). */
  readonly usesPrinted: boolean;
  /** The first explanation's place in the plausibility order (ok: before all; none: after all). */
  readonly rank: readonly number[];
}

/** The source's conventions a quantity's value in world `w` depends on. */
function reliedOn(worlds: Worlds, w: World, q: string): Departure[] {
  return w.departures.filter((d) => w.differsFrom(worlds.of(w.departures.filter((x) => x !== d)), q));
}

/** A number judged again with more numbers known to be wrong, where only a carried-forward value can improve on `previous`. */
function carriedAgain(
  worlds: Worlds,
  source: SourceConventions,
  t: Target,
  describe: (q: string) => string,
  reference: string,
  previous: Judgement,
): Judgement {
  const cause = causeRecord("carried-forward");
  const scope: Scope = {
    habits: source.habit === null ? [] : [source.habit],
    budget: { ops: SEARCH_OPS_PER_NUMBER },
    describe,
  };
  const found = cause.single!.explain(source.world, t, scope);
  if (found === null) return previous;
  const q = t.entry.quantity;
  const candidate: Candidate = {
    cause,
    conventions: reliedOn(worlds, source.world, q),
    outside: [],
    rounding: found.rounding ?? 0,
    arbitrary: false,
    copied: false,
    lastDigit: false,
    usesPrinted: true,
    convention: false,
    how: found.how,
  };
  const r = rank(candidate);
  const k = r.findIndex((x, i) => x !== previous.rank[i]);
  if (k < 0 || r[k]! > previous.rank[k]!) return previous;
  const correct = `the correct value at the printed precision is ${reference}`;
  const others = previous.explanations.filter((e) => e.verdict !== "unexplained");
  return {
    explanations: [explanation(candidate, q, describe, correct), ...others].slice(0, MAX_ALTERNATIVES + 1),
    lastDigitSlip: false,
    plausible: true,
    usesPrinted: true,
    rank: r,
  };
}

function judge(
  worlds: Worlds,
  source: SourceConventions,
  t: Target,
  describe: (q: string) => string,
  reference: string,
  pairSearches: Map<string, PairFound | null>,
): Judgement {
  const q = t.entry.quantity;
  const printed = t.entry.printed;
  const correct = `the correct value at the printed precision is ${reference}`;
  const declared = worlds.declared;
  if (matchesPrinted(declared.exact(q)!, printed)) {
    const exact = declared.exact(q)!;
    const shown = exact.toSignificantDigits(12);
    // "…" marks a value cut short for display; a value shown in full (0.755) gets none.
    const text = shown.toString() + (shown.eq(exact) ? "" : "…");
    const detail = `The exact value ${text} rounded to ${precision(printed)} is ${reference}.`;
    return {
      explanations: [{ verdict: "ok", cause: null, conventions: [], detail }],
      lastDigitSlip: false,
      plausible: true,
      usesPrinted: false,
      rank: [-1],
    };
  }
  const S = source.world;
  const inferredHabits = source.habit === null ? [] : [source.habit];
  // A lone truncation is one choice (the value cut where it is printed), ranked with a
  // searched rounding; another rounding habit no other number shows is one of nine.
  const otherHabits = HABITS.filter((h) => h !== source.habit && h !== TRUNCATION);
  const loneCut = source.habit === TRUNCATION ? [] : [TRUNCATION];
  const scope = (habits: Scope["habits"]): Scope => ({
    habits,
    budget: { ops: SEARCH_OPS_PER_NUMBER },
    describe,
  });
  const sharedBudget = scope([]).budget;
  const withBudget = (habits: Scope["habits"]): Scope => ({ habits, budget: sharedBudget, describe });
  const relied = (w: World) => reliedOn(worlds, w, q);
  const candidates: Candidate[] = [];
  const add = (
    c: Omit<Candidate, "arbitrary" | "convention" | "copied" | "lastDigit" | "usesPrinted"> &
      Partial<Candidate>,
  ) =>
    candidates.push({
      arbitrary: false,
      convention: false,
      copied: false,
      lastDigit: false,
      usesPrinted: false,
      ...c,
    });
  const reproduces = (v: Decimal | undefined) => v !== undefined && matchesPrinted(v, printed);

  // Correct under the source's conventions: the fewest of them that still reproduce it.
  if (S !== declared && reproduces(S.exact(q))) {
    let needed = [...S.departures];
    for (const d of S.departures) {
      const fewer = needed.filter((x) => x !== d);
      if (reproduces(worlds.of(fewer).exact(q))) needed = fewer;
    }
    const first = causeRecord(needed[0]!.cause);
    add({ cause: first, conventions: needed, outside: [], rounding: 0, convention: true, how: "" });
  }

  // Roundings in the source's world (and as declared), and in worlds one departure away.
  const home = S === declared ? [declared] : [declared, S];
  const tryRoundings = (costly: boolean) => {
    for (const w of home) {
      for (const r of ROUNDINGS) {
        if (r.rounding!.costly !== costly) continue;
        const levels: [Scope["habits"], number][] = costly
          ? [[[], 2]]
          : r.id === "rounding-chain"
            ? [
                [inferredHabits, 1],
                [loneCut, 2],
                [otherHabits, 3],
              ]
            : [[[], 1]];
        for (const [habits, level] of levels) {
          const found = r.rounding!.explain(w, t, costly ? withBudget(habits) : scope(habits));
          if (found !== null)
            add({
              cause: r,
              conventions: relied(w),
              outside: [],
              rounding: level,
              how: found.how,
              usesPrinted: found.printed === true,
            });
        }
      }
    }
  };
  tryRoundings(false);

  const away = allDepartures(S.spec === declared.spec ? declared.spec : declared.spec)
    .filter((d) => !S.departures.some((x) => x.key === d.key))
    .map((d) => ({ d, w: worlds.with(S, d) }))
    .filter(({ w }) => w.differsFrom(S, q));
  const outsideOf = (w: World) => w.departures.filter((d) => !S.departures.includes(d));
  const departureRecord = (w: World) => causeRecord(outsideOf(w)[0]!.cause);
  for (const { w } of away) {
    const conventions = relied(w).filter((d) => S.departures.includes(d));
    if (reproduces(w.exact(q))) {
      add({ cause: departureRecord(w), conventions, outside: outsideOf(w), rounding: 0, how: "" });
      continue;
    }
    for (const r of ROUNDINGS) {
      if (r.rounding!.costly) continue;
      const found = r.rounding!.explain(w, t, scope(r.id === "rounding-chain" ? inferredHabits : []));
      if (found !== null) {
        add({
          cause: departureRecord(w),
          conventions,
          outside: outsideOf(w),
          rounding: 1,
          how: found.how,
          usesPrinted: found.printed === true,
        });
        break;
      }
    }
  }

  for (const s of SINGLES) {
    if (s.single!.arbitrary) continue;
    const found = s.single!.explain(S, t, scope(inferredHabits));
    if (found !== null) {
      add({
        cause: s,
        conventions: relied(S),
        outside: [],
        rounding: found.rounding ?? 0,
        how: found.how,
        usesPrinted: found.printed === true,
      });
    }
  }

  // The costly search of rounded operands only when nothing more plausible explains the number.
  const settled = () => candidates.some((c) => !c.arbitrary && c.rounding < 3);
  if (!settled()) {
    tryRoundings(true);
    if (!settled()) {
      for (const { w } of away) {
        for (const r of ROUNDINGS) {
          if (!r.rounding!.costly) continue;
          const found = r.rounding!.explain(w, t, withBudget([]));
          if (found !== null) {
            add({
              cause: departureRecord(w),
              conventions: [],
              outside: outsideOf(w),
              rounding: 2,
              how: found.how,
              usesPrinted: found.printed === true,
            });
          }
        }
        if (settled()) break;
      }
    }
  }

  for (const s of SINGLES) {
    if (!s.single!.arbitrary) continue;
    const found = s.single!.explain(S, t, scope(inferredHabits));
    if (found !== null) {
      add({
        cause: s,
        conventions: relied(S),
        outside: [],
        rounding: 0,
        arbitrary: found.specific !== true,
        copied: found.copied === true,
        lastDigit: found.lastDigit === true,
        how: found.how,
      });
    }
  }

  if (candidates.length === 0) {
    const budget = { ops: PAIR_OPS_PER_NUMBER };
    const pair = pairedReadings(
      { t, scope: { habits: [], budget, describe }, source: S, away },
      pairSearches,
    );
    if (pair !== null) return pairJudgement(worlds, S, q, pair, describe, correct);
    const detail = `No explanation tried reproduces it; ${correct}.`;
    return {
      explanations: [{ verdict: "unexplained", cause: null, conventions: [], detail }],
      lastDigitSlip: false,
      plausible: false,
      usesPrinted: false,
      rank: [Infinity],
    };
  }
  candidates.sort(byRank);
  // An arbitrary edit is listed only when nothing more plausible reproduces the number.
  const listed = candidates[0]!.arbitrary ? candidates : candidates.filter((c) => !c.arbitrary);
  const out: Explanation[] = [];
  for (const c of listed) {
    const e = explanation(c, q, describe, correct);
    if (!out.some((o) => o.detail === e.detail)) out.push(e);
    if (out.length > MAX_ALTERNATIVES) break;
  }
  const best = candidates[0]!;
  return {
    explanations: out,
    lastDigitSlip: best.lastDigit,
    plausible: !best.arbitrary,
    usesPrinted: best.usesPrinted,
    rank: rank(best),
  };
}

/**
 * A number reproduced only by two substitutions together: after every single reading
 * (the first place of the plausibility order past the arbitrary edits). Its cause is the
 * first substitution's (a carried erratum, else the departure's).
 */
function pairJudgement(
  worlds: Worlds,
  S: World,
  q: string,
  pair: PairFound,
  describe: (q: string) => string,
  correct: string,
): Judgement {
  const { first } = pair;
  const cause = (first.kind === "carried-forward" ? "carried-forward" : first.departure!.cause) as Cause;
  const relied = reliedOn(worlds, S, q);
  const conventions = relied.map((d) => d.key);
  const detail = `Reproduced with two readings together: ${pair.how}${under(relied)}; ${correct}.`;
  return {
    explanations: [{ verdict: "erratum", cause, conventions, detail }],
    lastDigitSlip: false,
    plausible: true,
    usesPrinted: pair.printed,
    rank: [PAIR_RANK],
  };
}

/** The plausibility order's first place for a pair: after every arbitrary edit (0–2). */
const PAIR_RANK = 3;

/** " under the source's conventions (…)", naming the conventions an explanation relies on. */
function under(used: readonly Departure[]): string {
  return used.length === 0
    ? ""
    : ` under the source's convention${used.length > 1 ? "s" : ""} (${used.map((d) => d.how).join("; ")})`;
}

function explanation(c: Candidate, q: string, describe: (q: string) => string, correct: string): Explanation {
  const conventions = c.conventions.map((d) => d.key);
  if (c.convention) {
    return {
      verdict: "convention",
      cause: c.cause.id as Cause,
      conventions,
      detail: `Correct${under(c.conventions)}; as declared, ${correct}.`,
    };
  }
  if (c.outside.length > 0) {
    const d = c.outside[0]!;
    const about = d.about?.(q, describe) ?? null;
    const lead = about === null ? `Reproduced with ${d.how}` : `It is ${about}`;
    const rounding = c.how === "" ? "" : `, from ${c.how}`;
    return {
      verdict: "erratum",
      cause: d.cause as Cause,
      conventions,
      detail: `${lead}${rounding}${under(c.conventions)}; ${correct}.`,
    };
  }
  return {
    verdict: c.cause.verdict,
    cause: c.cause.id as Cause,
    conventions,
    detail: `${c.cause.lead} ${c.how}${under(c.conventions)}; ${correct}.`,
  };
}

function precision(printed: string): string {
  const d = printedDecimals(printed);
  if (d === 1) return "1 decimal";
  if (d >= 0) return `${d} decimals`;
  return `the nearest ${"1" + "0".repeat(-d)}`;
}

/** The source's name for a quantity with its canonical name: "Ŷ (a[1][0])". */
function describer(c: CaseFile): (q: string) => string {
  return (q) => {
    const symbol = c.published.find((p) => p.quantity === q)?.symbol ?? symbolFor(c, q);
    return symbol === null || symbol === q ? q : `${symbol} (${q})`;
  };
}

/** The case's symbol for a quantity: an exact entry, or a vector/matrix symbol with the rest of the index. */
function symbolFor(c: CaseFile, q: string): string | null {
  let best: [string, string] | null = null;
  for (const [name, s] of Object.entries(c.symbols)) {
    if (
      (q === s.quantity || q.startsWith(s.quantity + "[")) &&
      (best === null || s.quantity.length > best[1].length)
    ) {
      best = [name, s.quantity];
    }
  }
  return best === null ? null : best[0] + q.slice(best[1].length);
}

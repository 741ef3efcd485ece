import type { ProblemSpec } from "@bpcheck/core";
import Decimal from "decimal.js";
import { DEFAULT_CONVENTIONS, type CaseFile } from "./case-file.ts";
import { allDepartures } from "./causes.ts";
import type { Departure } from "./departures.ts";
import { roundToDecimals, roundToSignificant } from "./printed-decimal.ts";
import { Worlds, type Habit, type World } from "./worlds.ts";

/**
 * Synthetic sources for tests and benchmarks: a case whose printed numbers are the
 * engine's own values (as declared, under departures, under a rounding habit), so that
 * every planted cause is computed, never typed.
 */

/** A case publishing the given (quantity, printed) pairs in order, one line each. */
export function syntheticCase(
  spec: ProblemSpec,
  printed: readonly (readonly [quantity: string, printed: string])[],
  id = "synthetic",
): CaseFile {
  return {
    schema: "bpcheck-case",
    version: 1,
    id,
    title: id,
    source: { file: "none", language: "en", description: "a synthetic source with planted causes" },
    ...spec,
    conventions: DEFAULT_CONVENTIONS,
    readings: {},
    symbols: {},
    published: printed.map(([quantity, p], n) => ({
      id: `n${n}`,
      symbol: quantity,
      quantity,
      written: quantity,
      printed: p,
      asPrinted: p,
      location: { section: "synthetic", line: n + 1, text: p },
    })),
  };
}

/** The same source as a case file (version 2) would write it, for the command line. */
export function syntheticCaseFile(
  spec: ProblemSpec,
  printed: readonly (readonly [quantity: string, printed: string])[],
  id = "synthetic",
): unknown {
  const { conventions: _c, readings: _r, horizon: _h, ...c } = syntheticCase(spec, printed, id);
  return {
    ...c,
    version: 2,
    published: c.published.map(({ written: _w, asPrinted: _a, ...p }) => p),
  };
}

/** The engine's values of a problem in a world of departures, to plant into a source. */
export class Planter {
  private readonly worlds: Worlds;

  constructor(readonly spec: ProblemSpec) {
    this.worlds = new Worlds(spec, []);
  }

  /** The departure with this key ("update-order:sequential", "learning-rate:0.05", …). */
  departure(key: string): Departure {
    const d = allDepartures(this.spec).find((x) => x.key === key);
    if (d === undefined) throw new Error(`no departure "${key}" for this problem`);
    return d;
  }

  world(keys: readonly string[] = []): World {
    return this.worlds.of(keys.map((k) => this.departure(k)));
  }

  /** Every quantity name of the step, in derivation order. */
  get names(): readonly string[] {
    return this.worlds.declared.step.names;
  }

  /**
   * A quantity's value in a world computed from printed numbers (each in place of its
   * quantity, as a source reusing its own rounded values), optionally under a habit.
   */
  fromPrinted(
    quantity: string,
    printed: readonly (readonly [quantity: string, printed: string])[],
    keys: readonly string[] = [],
    habit?: Habit,
  ): Decimal {
    const entries = printed.map(([q, p], index) => ({
      index,
      quantity: q,
      printed: p,
      value: new Decimal(p),
      line: index + 1,
    }));
    const worlds = new Worlds(this.spec, entries);
    const w = worlds.of(keys.map((k) => this.departure(k)));
    const v = w.pass({ printed: true, ...(habit === undefined ? {} : { habit }) })(quantity);
    if (v === undefined) throw new Error(`no quantity "${quantity}"`);
    return v;
  }

  /** A quantity's value in a world, optionally under a rounding habit. */
  value(quantity: string, keys: readonly string[] = [], habit?: Habit): Decimal {
    const w = this.world(keys);
    const v = habit === undefined ? w.exact(quantity) : w.pass({ printed: false, habit })(quantity);
    if (v === undefined) throw new Error(`no quantity "${quantity}"`);
    return v;
  }
}

/** A value printed to k significant digits (as a plain decimal string). */
export function printSignificant(v: Decimal, k: number): string {
  const r = roundToSignificant(v, k);
  if (r.isZero()) return "0";
  const decimals = Math.max(0, k - 1 - r.abs().e);
  return roundToDecimals(r, decimals);
}

import type { ProblemSpec } from "@bpcheck/core";
import type { CaseFile, SourceLocation } from "./case-file.ts";
import {
  biasVariants,
  carriedForward,
  digitSlip,
  firstVariant,
  flippedSign,
  handDigits,
  learningRateVariants,
  lossFormulaValue,
  lossVariants,
  otherQuantity,
  roundedOperands,
  signVariants,
  transposedName,
  updateOrderVariants,
  type Context,
  type Found,
  type Target,
} from "./explanations.ts";
import { InputError } from "./input-error.ts";
import { matchesPrinted, printedDecimals, roundLikePrinted } from "./printed-decimal.ts";
import {
  exactQuantities,
  recordStep,
  roundedQuantities,
  type QuantityValues,
} from "./reference-derivation.ts";

export const VERDICTS = ["ok", "rounding-drift", "erratum", "unexplained"] as const;
/**
 * ok: the exact value rounded to the printed digits is the printed number.
 * rounding-drift: wrong only because intermediates were rounded; `cause` is
 *   rounded-intermediates and `detail` names the rounding that reproduces it.
 * erratum: wrong, and `cause` names the explanation that reproduces it.
 * unexplained: wrong, and no explanation tried reproduces it.
 */
export type Verdict = (typeof VERDICTS)[number];

/**
 * Causes, in the order they are tried (the first that reproduces the printed value is
 * reported; simpler explanations come first):
 *
 *   rounded-intermediates  a hand calculation keeping k significant digits at every
 *                          operation, or the exact step with the fewest intermediate
 *                          values (z, a) replaced by rounded ones where they are used
 *   transposed-index       the value of the claimed matrix entry with its indices swapped
 *   learning-rate          the step with learning rate α·10^k (k = ±1, ±2, ±3) or 1
 *   update-order           the step with the other update order
 *   bias-update            the step with the biases updated instead of frozen, or back
 *   formula                another loss formula (another loss of the engine, ½Σ√|y−ŷ|,
 *                          the square root of the loss)
 *   sign                   the exact value negated, or the update adding the gradient
 *   carried-forward        the step replayed with earlier wrong printed values in place
 *                          of the true ones
 *   digit-slip             the correct value with one digit changed, dropped, doubled or
 *                          added, two digits swapped, or the decimal point shifted
 *   wrong-quantity         the value of another quantity of the same step
 *
 * and last, transposed-index again with rounded intermediates on the transposed entry.
 */
export const CAUSES = [
  "rounded-intermediates",
  "transposed-index",
  "learning-rate",
  "update-order",
  "bias-update",
  "formula",
  "sign",
  "carried-forward",
  "digit-slip",
  "wrong-quantity",
] as const;
export type Cause = (typeof CAUSES)[number];

/** The classifier's answer for one printed number (plain JSON, deterministic). */
export interface PublishedVerdict {
  readonly id: string;
  readonly symbol: string;
  readonly quantity: string;
  readonly location: SourceLocation;
  /** The number exactly as printed. */
  readonly published: string;
  readonly verdict: Verdict;
  readonly cause: Cause | null;
  /** One plain sentence: what reproduces the printed value, and the correct value. */
  readonly detail: string;
  /** The exact value of the claimed quantity rounded to the printed digits. */
  readonly reference: string;
}

/**
 * Gives every published number of a case a verdict, in order. Every decision is taken
 * on exact decimal values (60 significant digits); `file` names the case in errors.
 */
export function classifyPublished(c: CaseFile, file: string = c.id): PublishedVerdict[] {
  const ctx = context(c);
  const out: PublishedVerdict[] = [];
  const printedBefore = new Map<string, string[]>();
  const wrongBefore: Target["wrongBefore"][number][] = [];
  c.published.forEach((p, n) => {
    const exact = ctx.exact.get(p.quantity);
    if (exact === undefined) {
      throw new InputError(
        file,
        `$.published[${n}].quantity`,
        `expected a quantity of the case's derivation, got "${p.quantity}"`,
      );
    }
    const reference = roundLikePrinted(exact, p.printed);
    const target: Target = {
      quantity: p.quantity,
      printed: p.printed,
      printedBefore,
      // The live list (read before this number is added to it), not a copy per number.
      wrongBefore,
    };
    const shown = exact.toSignificantDigits(12);
    // "…" marks a value cut short for display; a value shown in full (0.755) gets none.
    const judged = judge(ctx, target, reference, shown.toString() + (shown.eq(exact) ? "" : "…"));
    out.push({
      id: p.id,
      symbol: p.symbol,
      quantity: p.quantity,
      location: p.location,
      published: p.asPrinted,
      ...judged,
      reference,
    });
    if (judged.verdict !== "ok")
      wrongBefore.push({ quantity: p.quantity, printed: p.printed, line: p.location.line });
    const forms = printedBefore.get(p.quantity);
    if (forms === undefined) printedBefore.set(p.quantity, [p.printed]);
    else if (!forms.includes(p.printed)) forms.push(p.printed);
  });
  return out;
}

type Judgement = Pick<PublishedVerdict, "verdict" | "cause" | "detail">;

function judge(ctx: Context, t: Target, reference: string, exact: string): Judgement {
  const correct = `the correct value at the printed precision is ${reference}`;
  if (matchesPrinted(ctx.exact.get(t.quantity)!, t.printed)) {
    return {
      verdict: "ok",
      cause: null,
      detail: `The exact value ${exact} rounded to ${precision(t.printed)} is ${reference}.`,
    };
  }
  const drift = handDigits(ctx, t) ?? roundedOperands(ctx, t, t.quantity);
  if (drift !== null) {
    return {
      verdict: "rounding-drift",
      cause: "rounded-intermediates",
      detail: `Reproduced by ${drift.how}; ${correct}.`,
    };
  }
  const erratum = (cause: Cause, lead: string, found: Found | null): Judgement | null =>
    found === null ? null : { verdict: "erratum", cause, detail: `${lead} ${found.how}; ${correct}.` };
  const transposed = transposedName(t.quantity, ctx.exact);
  const transposedExact =
    transposed !== null && matchesPrinted(ctx.exact.get(transposed)!, t.printed)
      ? { how: `the value of ${ctx.describe(transposed)}, the transposed entry` }
      : null;
  const other = otherQuantity(ctx, t);
  const found =
    erratum("transposed-index", "It is", transposedExact) ??
    erratum("learning-rate", "Reproduced with", firstVariant(ctx, t, learningRateVariants(ctx.spec))) ??
    erratum("update-order", "Reproduced with", firstVariant(ctx, t, updateOrderVariants(ctx.spec))) ??
    erratum("bias-update", "Reproduced with", firstVariant(ctx, t, biasVariants(ctx.spec))) ??
    erratum(
      "formula",
      "Reproduced with",
      firstVariant(ctx, t, lossVariants(ctx.spec)) ?? lossFormulaValue(ctx, t),
    ) ??
    erratum("sign", "Reproduced with", flippedSign(ctx, t) ?? firstVariant(ctx, t, signVariants(ctx.spec))) ??
    erratum("carried-forward", "Reproduced with", carriedForward(ctx, t)) ??
    erratum("digit-slip", "It is", digitSlip(ctx, t)) ??
    erratum("wrong-quantity", "It is", other?.found ?? null) ??
    erratum("transposed-index", "It is", transposedDrift(ctx, t, transposed));
  return (
    found ?? {
      verdict: "unexplained",
      cause: null,
      detail: `No explanation tried reproduces it; ${correct}.`,
    }
  );
}

function transposedDrift(ctx: Context, t: Target, transposed: string | null): Found | null {
  if (transposed === null) return null;
  const moved = { ...t, quantity: transposed };
  const drift = handDigits(ctx, moved) ?? roundedOperands(ctx, moved, transposed);
  return drift === null
    ? null
    : { how: `the value of ${ctx.describe(transposed)}, the transposed entry, from ${drift.how}` };
}

function precision(printed: string): string {
  const d = printedDecimals(printed);
  if (d === 1) return "1 decimal";
  if (d >= 0) return `${d} decimals`;
  return `the nearest ${"1" + "0".repeat(-d)}`;
}

/** Contexts of the most recent problems, so that classifying a case again is cheap. */
const contexts = new Map<string, Omit<Context, "describe">>();
const MAX_CONTEXTS = 8;

/** Everything the explanations need, computed once per problem (derivations cached). */
function context(c: CaseFile): Context {
  const spec: ProblemSpec = {
    network: c.network,
    data: c.data,
    training: c.training,
    ...(c.horizon === undefined ? {} : { horizon: c.horizon }),
  };
  const key = JSON.stringify(spec);
  let shared = contexts.get(key);
  if (shared === undefined) {
    shared = problemContext(spec);
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, shared);
  }
  return {
    ...shared,
    describe: (q) => {
      const symbol = c.published.find((p) => p.quantity === q)?.symbol ?? symbolFor(c, q);
      return symbol === null ? q : `${symbol} (${q})`;
    },
  };
}

function problemContext(spec: ProblemSpec): Omit<Context, "describe"> {
  const variants = new Map<string, QuantityValues>();
  const rounded = new Map<number, QuantityValues>();
  return {
    spec,
    exact: exactQuantities(spec),
    recorded: recordStep(spec),
    variant: (v) => {
      const key = JSON.stringify(v);
      let values = variants.get(key);
      if (values === undefined) variants.set(key, (values = exactQuantities(v)));
      return values;
    },
    rounded: (k) => {
      let values = rounded.get(k);
      if (values === undefined) rounded.set(k, (values = roundedQuantities(spec, k)));
      return values;
    },
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

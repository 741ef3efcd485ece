import { parseArgs, type ParseArgsConfig } from "node:util";
import { UPDATE_ORDERS, type UpdateOrder } from "@bpcheck/core";
import { DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, MODES, type Mode } from "@bpcheck/exact";
import { UsageError } from "@bpcheck/core";
import type { CaseFile } from "@bpcheck/golden";

// A mistake on the command line (one line, exit 2): the errors module's UsageError.
export { UsageError };

export interface ModeOptions {
  readonly mode: Mode;
  readonly digits: number;
}

type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | undefined>;

/** Options every command takes. */
export const COMMON_OPTIONS = {
  json: { type: "boolean", default: false },
  // The time budget of the computing commands (budget.ts); accepted, and ignored, by the others.
  "max-seconds": { type: "string" },
} as const satisfies Options;

/** Options every computing command takes. */
export const MODE_OPTIONS = {
  ...COMMON_OPTIONS,
  mode: { type: "string", default: "exact" },
  digits: { type: "string", default: String(DEFAULT_DIGITS) },
} as const satisfies Options;

/** Options of the commands that train: they override the case's training section. */
export const TRAINING_OPTIONS = {
  epochs: { type: "string" },
  lr: { type: "string" },
  "update-order": { type: "string" },
} as const satisfies Options;

/** Epochs a command accepts (the case schema's range). */
export const MAX_EPOCHS = 1_000_000;

/** node:util parseArgs, with its errors turned into UsageErrors. */
export function parse(argv: readonly string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (e) {
    // node's message may span lines (the hint on the second): kept whole, on one line.
    throw new UsageError(
      "arguments",
      (e as Error).message.split("\n").join(" ").trim() || "invalid arguments",
    );
  }
}

function oneMode(text: string): Mode {
  if (!(MODES as readonly string[]).includes(text)) {
    throw new UsageError("--mode", `unknown mode "${text}" (expected: ${MODES.join(", ")})`);
  }
  return text as Mode;
}

/** --digits N: the exact mode's working precision, at most `max`. */
export function digitsOption(values: Values, max: number = MAX_DIGITS): number {
  return integerOption(values, "digits", MIN_DIGITS, max) ?? DEFAULT_DIGITS;
}

export function modeOptions(values: Values): ModeOptions {
  return { mode: oneMode(String(values.mode)), digits: digitsOption(values) };
}

/** --mode a,b,…: one or more distinct modes, in the order given. */
export function modeList(values: Values): Mode[] {
  const modes = String(values.mode).split(",").map(oneMode);
  if (new Set(modes).size !== modes.length) {
    throw new UsageError("--mode", `expected distinct modes, got "${String(values.mode)}"`);
  }
  return modes;
}

/** An integer flag in [min, max], or undefined when absent. */
export function integerOption(values: Values, flag: string, min: number, max: number): number | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const text = String(raw);
  const n = Number(text);
  if (!/^\d+$/.test(text) || n < min || n > max) {
    throw new UsageError(`--${flag}`, `expected an integer from ${min} to ${max}, got "${text}"`);
  }
  return n;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A decimal-string flag (kept as a string, so the exact mode reads it exactly), or undefined. */
export function decimalOption(values: Values, flag: string): string | undefined {
  const raw = values[flag];
  if (raw === undefined) return undefined;
  const text = String(raw);
  if (!DECIMAL.test(text) || !(Math.abs(Number(text)) <= 1e30)) {
    throw new UsageError(`--${flag}`, `expected a decimal number such as "0.01", got "${text}"`);
  }
  return text;
}

/** The case with --epochs, --lr and --update-order applied over its training section. */
export function withTraining(c: CaseFile, values: Values): CaseFile {
  const order = values["update-order"];
  if (order !== undefined && !(UPDATE_ORDERS as readonly string[]).includes(String(order))) {
    throw new UsageError(
      "--update-order",
      `unknown update order "${String(order)}" (expected: ${UPDATE_ORDERS.join(", ")})`,
    );
  }
  return {
    ...c,
    training: {
      ...c.training,
      epochs: integerOption(values, "epochs", 1, MAX_EPOCHS) ?? c.training.epochs,
      learningRate: decimalOption(values, "lr") ?? c.training.learningRate,
      updateOrder: (order as UpdateOrder | undefined) ?? c.training.updateOrder,
    },
  };
}

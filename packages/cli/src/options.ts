import { parseArgs, type ParseArgsConfig } from "node:util";
import { UPDATE_ORDERS, UsageError, type UpdateOrder } from "@bpcheck/core";
import { DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, MODES, type Mode } from "@bpcheck/exact";
import type { CaseFile } from "@bpcheck/golden";
import { closestName } from "./closest-name.ts";

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
  // The time and memory budgets of the computing commands (budget.ts); accepted, and
  // ignored, by the others.
  "max-seconds": { type: "string" },
  "max-memory": { type: "string" },
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

/**
 * MAX_EPOCHS as the help texts write it, "1,000,000": grouped by hand, since
 * `toLocaleString` loads the locale data at the first call (about 15 ms of start-up).
 */
export const MAX_EPOCHS_TEXT = String(MAX_EPOCHS).replace(/\B(?=(\d{3})+$)/g, ",");

/** A negative number given as an option's value: `--lr -0.5`, `--lr -1e-3`. */
const NEGATIVE_NUMBER = /^-(\d|\.\d)/;

/**
 * An option that takes a value, followed by a negative number, becomes `--flag=-1`: for
 * node:util parseArgs a leading "-" starts an option, so `--lr -1` would be refused.
 */
function joinNegativeValues(argv: readonly string[], options: Options): string[] {
  const takesValue = (arg: string) => {
    const long = /^--([^=]+)$/.exec(arg)?.[1];
    const name =
      long ?? Object.keys(options).find((n) => arg.length === 2 && options[n]!.short === arg.slice(1));
    return name !== undefined && options[name]?.type === "string" ? name : null;
  };
  const out: string[] = [];
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k]!;
    if (arg === "--") {
      out.push(...argv.slice(k));
      break;
    }
    const name = takesValue(arg);
    const next = argv[k + 1];
    if (name !== null && next !== undefined && NEGATIVE_NUMBER.test(next)) {
      out.push(`--${name}=${next}`);
      k++;
    } else out.push(arg);
  }
  return out;
}

/**
 * The command line parsed against a command's options, every mistake explained in one
 * line: an unknown option with the closest valid one, an option missing its value, a
 * value given to a switch. `--` ends the options (what follows is a file name).
 */
export function parse(argv: readonly string[], options: Options): { values: Values; positionals: string[] } {
  const all: Options = { ...options, help: { type: "boolean", short: "h" } };
  const { values, positionals, tokens } = parseArgs({
    args: joinNegativeValues(argv, all),
    options: all,
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  const names = Object.keys(all).map((n) => `--${n}`);
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const option = Object.hasOwn(all, token.name) ? all[token.name] : undefined;
    if (option === undefined) {
      const near = closestName(token.name, Object.keys(all));
      const value = token.value === undefined ? "" : ` (as "${token.rawName}=${token.value}")`;
      throw new UsageError(
        token.rawName,
        `unknown option${value}; ${near === null ? `the options are ${names.join(", ")}` : `did you mean --${near}?`}`,
      );
    }
    if (option.type === "string" && token.value === undefined) {
      throw new UsageError(token.rawName, "expected a value");
    }
    if (option.type === "string" && !token.inlineValue && token.value!.startsWith("-")) {
      throw new UsageError(token.rawName, `expected a value, got the option "${token.value}"`);
    }
    if (option.type === "boolean" && token.value !== undefined) {
      throw new UsageError(token.rawName, `takes no value, got "${token.rawName}=${token.value}"`);
    }
  }
  for (const [name, option] of Object.entries(all)) {
    if (values[name] === undefined && option.default !== undefined)
      values[name] = option.default as string | boolean;
  }
  return { values: values as Values, positionals };
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

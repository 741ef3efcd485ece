import { parseArgs, type ParseArgsConfig } from "node:util";
import { DEFAULT_DIGITS, MAX_DIGITS, MIN_DIGITS, MODES, type Mode } from "@bpcheck/exact";
import { InputError } from "@bpcheck/golden";

/** A mistake on the command line: reported in one line, exit code 2. */
export class UsageError extends InputError {
  constructor(flag: string, expected: string) {
    super("command line", flag, expected);
    this.message = `${flag}: ${expected}`;
  }
}

export interface ModeOptions {
  readonly mode: Mode;
  readonly digits: number;
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Options every computing command takes. */
export const MODE_OPTIONS = {
  mode: { type: "string", default: "exact" },
  digits: { type: "string", default: String(DEFAULT_DIGITS) },
} as const satisfies Options;

/** node:util parseArgs, with its errors turned into UsageErrors. */
export function parse(
  argv: readonly string[],
  options: Options,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (e) {
    throw new UsageError("arguments", (e as Error).message.split("\n")[0] ?? "invalid arguments");
  }
}

export function modeOptions(values: Record<string, string | boolean | undefined>): ModeOptions {
  const mode = String(values.mode);
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError("--mode", `unknown mode "${mode}" (expected: ${MODES.join(", ")})`);
  }
  const digitsText = String(values.digits);
  const digits = Number(digitsText);
  if (!/^\d+$/.test(digitsText) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    throw new UsageError(
      "--digits",
      `expected an integer from ${MIN_DIGITS} to ${MAX_DIGITS}, got "${digitsText}"`,
    );
  }
  return { mode: mode as Mode, digits };
}

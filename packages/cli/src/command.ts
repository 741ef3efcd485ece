import type { Io } from "./io.ts";

/** A CLI command, declared as data plus one function. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly usage: string;
  /** Lines of help text below the usage line. */
  readonly details: readonly string[];
  readonly example: string;
  /** Runs the command; returns the exit code. Throws InputError for bad input. */
  execute(argv: readonly string[], io: Io): Promise<number>;
}

export function helpText(c: Command): string {
  return [
    `Usage: ${c.usage}`,
    "",
    `${c.name}: ${c.summary}`,
    "",
    ...c.details,
    "",
    `Example: ${c.example}`,
    "",
  ].join("\n");
}

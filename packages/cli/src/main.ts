import { DomainError, escapeForTerminal, excerpt, isUserError } from "@bpcheck/core";
import cliPackage from "../package.json" with { type: "json" };
import { closestName } from "./closest-name.ts";
import { helpText, type Command } from "./command.ts";
import { EXIT, EXIT_CODE_LINES } from "./exit-codes.ts";
import type { Io } from "./io.ts";

interface CommandEntry {
  readonly summary: string;
  readonly load: () => Promise<Command>;
  /** Work started before the command is loaded (not for its --help). */
  readonly prestart?: (io: Io) => Promise<void>;
}

/** Commands are loaded only when used, so `bpcheck --help` stays fast. */
const COMMANDS: Record<string, CommandEntry> = {
  run: {
    summary: "the worked example step by step in the source's own symbols",
    load: async () => (await import("./commands/run.ts")).runCommand,
  },
  compare: {
    summary: "every quantity in float32, float64 and exact, with each float's error",
    load: async () => (await import("./commands/compare.ts")).compareCommand,
  },
  train: {
    summary: "train over epochs; the loss curve as a chart and an SVG plot",
    load: async () => (await import("./commands/train.ts")).trainCommand,
  },
  gradcheck: {
    summary: "backprop gradients against central finite differences",
    load: async () => (await import("./commands/gradcheck.ts")).gradcheckCommand,
  },
  graph: {
    summary: "the computation graph annotated with forward values and gradients",
    load: async () => (await import("./commands/graph.ts")).graphCommand,
  },
  errata: {
    summary: "the verdict on every published number, and the formula and code errata",
    load: async () => (await import("./commands/errata.ts")).errataCommand,
  },
  replay: {
    summary: "the published program replayed: printed against replayed values, and the ablation",
    load: async () => (await import("./commands/replay.ts")).replayCommand,
    // python3 with numpy takes longer to start than the command takes to load.
    prestart: async (io) => {
      const { prestartRunner, runnerPython } = await import("@bpcheck/replay/runner-process");
      prestartRunner(runnerPython(io.env));
    },
  },
  init: {
    summary: "write a case skeleton from a short description of the network",
    load: async () => (await import("./commands/init.ts")).initCommand,
  },
  locate: {
    summary:
      "place published numbers given by symbol and value only; --write puts their quantities in the file",
    load: async () => (await import("./commands/locate.ts")).locateCommand,
  },
  validate: {
    summary: "check a case or fixture file against its schema, listing every error",
    load: async () => (await import("./commands/validate.ts")).validateCommand,
  },
  fixtures: {
    summary: "regenerate the generated fixtures, or check them against a regeneration",
    load: async () => (await import("./commands/fixtures.ts")).fixturesCommand,
  },
};

function usage(): string {
  const names = Object.keys(COMMANDS);
  const width = Math.max(...names.map((n) => n.length));
  return [
    "bpcheck — recompute and audit worked backpropagation examples",
    "",
    "Usage: bpcheck <command> [case-file | -] [options]",
    "",
    "Commands:",
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n]!.summary}`),
    "",
    "Options of every command: --json (one JSON document), --no-color, --help.",
    "Run `bpcheck help <command>` (or `bpcheck <command> --help`) for a command's options",
    "and an example; `bpcheck --version` for the version.",
    "--max-seconds N sets the time budget of a computing command (default 60), and",
    "--max-memory MiB its memory budget (default 2048, at most Node's heap limit).",
    "--debug (or BPCHECK_DEBUG=1) prints the stack trace of an internal error.",
    "",
    "Exit codes:",
    ...EXIT_CODE_LINES,
    "",
  ].join("\n");
}

/** The version of bpcheck, from its package.json. */
export const VERSION: string = cliPackage.version;

/** The command's entry, or a one-line explanation naming the closest command. */
function lookup(name: string, io: Io): CommandEntry | null {
  const entry = Object.hasOwn(COMMANDS, name) ? COMMANDS[name]! : null;
  if (entry === null) {
    const option = name.startsWith("-");
    const names = option ? ["--help", "--version"] : Object.keys(COMMANDS);
    const near = option
      ? closestName(name.replace(/^-+/, ""), ["help", "version"])?.replace(/^/, "--")
      : closestName(name, names);
    const hint = near == null ? `expected: ${names.join(", ")}` : `did you mean "${near}"?`;
    const what = option ? "option" : "command";
    io.stderr(
      `bpcheck: unknown ${what} "${excerpt(name)}" (${hint}); \`bpcheck --help\` lists the commands\n`,
    );
  }
  return entry;
}

/**
 * The whole CLI as a function: argv in, exit code out, output through `io`. A UserError
 * (bad input, bad usage, a budget) is one line and exit 2; anything else is a bug: one
 * line asking for a report and exit 70, the stack only with --debug or BPCHECK_DEBUG=1.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const debug = argv.includes("--debug") || io.env.BPCHECK_DEBUG === "1";
  try {
    return await dispatch(
      argv.filter((a) => a !== "--debug"),
      io,
    );
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`bpcheck: ${escapeForTerminal(e.message)}\n`);
      return EXIT.badInput;
    }
    // A valid case whose arithmetic leaves a function's domain: a result, not an error.
    if (e instanceof DomainError) {
      io.stderr(`bpcheck: ${escapeForTerminal(e.message)}\n`);
      return EXIT.checkFailed;
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    io.stderr(
      `bpcheck: internal error (${escapeForTerminal(what).slice(0, 200)}); this is a bug in bpcheck, please report it with the command that caused it` +
        (debug
          ? `\n${e instanceof Error ? (e.stack ?? what) : what}\n`
          : " (--debug shows the stack trace)\n"),
    );
    return EXIT.internalError;
  }
}

async function dispatch(argv: readonly string[], given: Io): Promise<number> {
  // --no-color is every command's (as NO_COLOR is): taken out here, it reaches the output as NO_COLOR.
  const io = argv.includes("--no-color") ? { ...given, env: { ...given.env, NO_COLOR: "1" } } : given;
  const [name, ...rest] = argv.filter((a) => a !== "--no-color");
  if (name === undefined || name === "--help" || name === "-h" || (name === "help" && rest.length === 0)) {
    io.stdout(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  if (name === "--version" || name === "-V") {
    io.stdout(`bpcheck ${VERSION}\n`);
    return EXIT.ok;
  }
  if (name === "help") {
    if (rest.length > 1) {
      io.stderr(`bpcheck: help: expected one command, got "${excerpt(rest.join(" "))}"\n`);
      return EXIT.badInput;
    }
    const entry = lookup(rest[0]!, io);
    if (entry === null) return EXIT.badInput;
    io.stdout(helpText(await entry.load()));
    return EXIT.ok;
  }
  const entry = lookup(name, io);
  if (entry === null) return EXIT.badInput;
  // Options end at "--"; a --help after it is a file name.
  const options = rest.includes("--") ? rest.slice(0, rest.indexOf("--")) : rest;
  const help = options.includes("--help") || options.includes("-h");
  if (!help) await entry.prestart?.(io);
  const command = await entry.load();
  if (help) {
    io.stdout(helpText(command));
    return EXIT.ok;
  }
  return await command.execute(rest, io);
}

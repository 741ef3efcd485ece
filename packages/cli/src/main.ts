import { InputError } from "@bpcheck/golden";
import { helpText, type Command } from "./command.ts";
import { EXIT } from "./exit-codes.ts";
import type { Io } from "./io.ts";

/** Commands are loaded only when used, so `bpcheck --help` stays fast. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
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
    "Run `bpcheck <command> --help` for a command's options and an example.",
    "Exit codes: 0 all good, 1 a check failed, 2 bad input or usage.",
    "",
  ].join("\n");
}

/** The whole CLI as a function: argv in, exit code out, output through `io`. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage());
    return name === undefined ? EXIT.badInput : EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (entry === undefined) {
    io.stderr(`bpcheck: unknown command "${name}" (expected: ${Object.keys(COMMANDS).join(", ")})\n`);
    return EXIT.badInput;
  }
  const command = await entry.load();
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout(helpText(command));
    return EXIT.ok;
  }
  try {
    return await command.execute(rest, io);
  } catch (e) {
    if (e instanceof InputError || e instanceof RangeError) {
      io.stderr(`bpcheck: ${e.message}\n`);
      return EXIT.badInput;
    }
    throw e;
  }
}

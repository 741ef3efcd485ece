import { ACTIVATIONS, LOSSES } from "@bpcheck/core";
import { formatCaseText, jsonPath, readCaseText, type CaseFormat } from "@bpcheck/golden";
import {
  BIAS_KINDS,
  caseSkeleton,
  parseActivations,
  parseBiases,
  parseLayout,
  parseLoss,
  parseSizes,
  type NetworkDescription,
} from "../case-skeleton.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { table } from "../format/table.ts";
import type { Io } from "../io.ts";
import {
  COMMON_OPTIONS,
  MAX_EPOCHS,
  UsageError,
  decimalOption,
  integerOption,
  parse,
  type Values,
} from "../options.ts";

const OPTIONS = {
  ...COMMON_OPTIONS,
  activation: { type: "string" },
  loss: { type: "string" },
  biases: { type: "string" },
  layout: { type: "string" },
  lr: { type: "string" },
  epochs: { type: "string" },
  id: { type: "string" },
  output: { type: "string", short: "o" },
  force: { type: "boolean", default: false },
} as const;

const DEFAULTS = { activation: "sigmoid", loss: "half-sse", biases: "per-unit", layout: "out-in" } as const;

export const initCommand: Command = {
  name: "init",
  summary: "write a case skeleton from a short description of the network",
  usage:
    "bpcheck init [SIZES] [--activation A[,A…]] [--loss L] [--biases per-unit|shared|none] [--layout out-in|in-out] [--lr R] [--epochs N] [--id ID] [-o FILE] [--force] [--json]",
  details: [
    "Writes a case file with every field filled but the numbers: each number to fill",
    "stands as the name bpcheck will show it under (W1_12: layer 1, unit 1, input 2), so",
    "`bpcheck validate` points at each one still left. Without SIZES on a terminal, asks.",
    "",
    "  SIZES         layer widths from the input up, e.g. 2-2-1",
    `  --activation  one for every layer or one per layer, comma-separated (${ACTIVATIONS.join(", ")}; default ${DEFAULTS.activation})`,
    `  --loss        ${LOSSES.join(", ")} (default ${DEFAULTS.loss})`,
    `  --biases      ${BIAS_KINDS.join(", ")} (default ${DEFAULTS.biases})`,
    `  --layout      out-in (z = W·a, a row per unit) or in-out (z = a·W, a row per input; default ${DEFAULTS.layout})`,
    "  --lr          the learning rate as printed (left to fill when absent)",
    "  --epochs      epochs of training (default 1)",
    "  --id          the case's id (default: the output file's name)",
    "  -o FILE       the file to write, YAML (.yaml, .yml) or JSON (.json); without it, YAML on stdout",
    "  --force       overwrite FILE if it exists",
    "  --json        { command, version, file, toFill: [{ symbol, path, line, what }] }",
  ],
  example: "bpcheck init 2-2-1 --activation sigmoid --loss half-sse --lr 1 -o my-case.yaml",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    if (positionals.length > 1) {
      throw new UsageError(
        "arguments",
        `expected at most the layer sizes, got ${positionals.length} arguments`,
      );
    }
    let output = values.output === undefined ? undefined : String(values.output);
    let description: NetworkDescription;
    if (positionals[0] !== undefined) {
      description = describeFromFlags(positionals[0], values, output);
    } else if (io.ask !== null) {
      const asked = await describeByAsking(io, values, output);
      description = asked.description;
      output = asked.output;
    } else {
      throw new UsageError(
        "sizes",
        'expected the layer widths such as "2-2-1" (or run on a terminal to be asked)',
      );
    }
    const format = output === undefined ? "yaml" : formatOf(output);
    if (output !== undefined && io.exists(output) && values.force !== true) {
      throw new UsageError(output, "expected a new file: it exists (--force overwrites it)");
    }
    const skeleton = caseSkeleton(description);
    const text = formatCaseText(skeleton.value, format, skeleton.comments);
    const written = readCaseText(output ?? "<stdout>.yaml", text);
    const rows = skeleton.toFill.map((p) => {
      const path = jsonPath(p.path.map((s) => `/${s}`).join(""));
      return { symbol: p.symbol, path, line: written.positionOf(path)?.line ?? null, what: p.what };
    });
    if (output === undefined) io.stdout(text);
    else await io.writeFile(output, text);
    const report = (s: string) => (output === undefined ? io.stderr(s) : io.stdout(s));
    if (values.json) {
      if (output === undefined)
        throw new UsageError("--json", "expected -o FILE (the case itself goes to stdout)");
      writeJson(io, "init", { file: output, toFill: rows });
      return EXIT.ok;
    }
    const sizes = description.sizes.join("-");
    const lines = [
      `${output === undefined ? "Wrote the case to stdout" : `Wrote ${output}`}: a ${sizes} network (${description.activations.join(", ")}; ${description.loss} loss; ${{ none: "no biases", shared: "a bias shared by each layer", "per-unit": "a bias per unit" }[description.biases]}${description.layout === "in-out" ? "; weights in-out" : ""}).`,
      `${rows.length} numbers to fill, each under the name bpcheck shows it by:`,
      "",
      ...table(
        [
          format === "yaml" ? ["line", "name", "path", "what"] : ["name", "path", "what"],
          ...rows.map((r) => [
            ...(format === "yaml" ? [String(r.line ?? "")] : []),
            r.symbol,
            r.path,
            r.what,
          ]),
        ],
        format === "yaml" ? [0] : [],
      ).map((l) => `  ${l}`),
      "",
      "Then enter every number the source prints under `published`, as printed, and run",
      `  bpcheck validate ${output ?? "CASE"}    (names each number still to fill)`,
      `  bpcheck errata ${output ?? "CASE"}      (a verdict on every printed number)`,
      "",
    ];
    report(lines.join("\n"));
    return EXIT.ok;
  },
};

function formatOf(file: string): CaseFormat {
  if (/\.ya?ml$/i.test(file)) return "yaml";
  if (/\.json$/i.test(file)) return "json";
  throw new UsageError("--output", `expected a file name ending in .yaml, .yml or .json, got "${file}"`);
}

/** kebab-case id from a file name: "My Case.yaml" → "my-case". */
function idFrom(file: string | undefined): string {
  const base = (file ?? "my-case").replace(/^.*[\\/]/, "").replace(/\.[^.]*$/, "");
  const id = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return id === "" ? "my-case" : id;
}

function idOption(values: Values, output: string | undefined): string {
  const id = values.id === undefined ? idFrom(output) : String(values.id);
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) {
    throw new UsageError("--id", `expected a kebab-case id such as "my-case", got "${id}"`);
  }
  return id;
}

function describeFromFlags(
  sizesText: string,
  values: Values,
  output: string | undefined,
): NetworkDescription {
  const sizes = parseSizes(sizesText);
  return {
    sizes,
    activations: parseActivations(String(values.activation ?? DEFAULTS.activation), sizes.length - 1),
    loss: parseLoss(String(values.loss ?? DEFAULTS.loss)),
    biases: parseBiases(String(values.biases ?? DEFAULTS.biases)),
    layout: parseLayout(String(values.layout ?? DEFAULTS.layout)),
    learningRate: decimalOption(values, "lr"),
    epochs: integerOption(values, "epochs", 1, MAX_EPOCHS) ?? 1,
    id: idOption(values, output),
  };
}

/**
 * Asks for each part of the description in turn, with the default in brackets; a wrong
 * answer is explained and asked again, the end of input stops with a usage error.
 */
async function describeByAsking(
  io: Io,
  values: Values,
  given: string | undefined,
): Promise<{ description: NetworkDescription; output: string }> {
  const ask = io.ask!;
  async function question<T>(text: string, fallback: string, read: (answer: string) => T): Promise<T> {
    for (;;) {
      const answer = await ask(`${text} [${fallback}]: `);
      if (answer === undefined) throw new UsageError("init", `expected an answer to "${text}"`);
      try {
        return read(answer.trim() === "" ? fallback : answer.trim());
      } catch (e) {
        if (!(e instanceof UsageError)) throw e;
        io.stderr(`  ${e.message}\n`);
      }
    }
  }
  const sizes = await question("Layer widths from the input up", "2-2-1", parseSizes);
  const activations = await question(
    `Activation, one or one per layer (${ACTIVATIONS.join(", ")})`,
    String(values.activation ?? DEFAULTS.activation),
    (a) => parseActivations(a, sizes.length - 1),
  );
  const loss = await question(`Loss (${LOSSES.join(", ")})`, String(values.loss ?? DEFAULTS.loss), parseLoss);
  const biases = await question(
    `Biases (${BIAS_KINDS.join(", ")})`,
    String(values.biases ?? DEFAULTS.biases),
    parseBiases,
  );
  const layout = await question(
    "Weights written out-in (a row per unit) or in-out (a row per input)",
    String(values.layout ?? DEFAULTS.layout),
    parseLayout,
  );
  const learningRate = await question(
    "Learning rate as printed (empty: fill in later)",
    String(values.lr ?? "later"),
    (r) => (r === "later" ? undefined : decimalOption({ lr: r }, "lr")),
  );
  const output = await question("File to write (.yaml or .json)", given ?? "my-case.yaml", (f) => {
    formatOf(f);
    return f;
  });
  return {
    description: {
      sizes,
      activations,
      loss,
      biases,
      layout,
      learningRate,
      epochs: integerOption(values, "epochs", 1, MAX_EPOCHS) ?? 1,
      id: idOption(values, output),
    },
    output,
  };
}

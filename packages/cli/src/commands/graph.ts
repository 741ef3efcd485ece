import { deriveFirstStep, domainChecked, instantiate } from "@bpcheck/core";
import { fieldFor, namingUndefinedQuantity } from "@bpcheck/exact";
import { checkGraph } from "../budget.ts";
import { InputError } from "@bpcheck/golden";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { graphDot } from "../format/graph-dot.ts";
import { graphMermaid } from "../format/graph-mermaid.ts";
import { DEFAULT_LABEL_DIGITS, graphModel } from "../format/graph-model.ts";
import { writeJson } from "../format/json.ts";
import { dotToSvg } from "../format/svg-render.ts";
import { checkOutputPath, loadCase } from "../load-case.ts";
import { MODE_OPTIONS, UsageError, integerOption, modeOptions, parse } from "../options.ts";

const FORMATS = ["dot", "svg", "mermaid"] as const;
/** More digits than a figure's label can usefully show; --json has every value in full. */
const MAX_LABEL_DIGITS = 20;
/** Graphviz's layout time grows quickly with the edges; beyond this, --format svg is refused. */
export const MAX_SVG_WEIGHTS = 500;
/**
 * Weights a DOT or Mermaid graph may draw: each weight is an edge of about 200 bytes, and
 * the largest network (a million weights) would give gigabytes nobody can read.
 */
export const MAX_GRAPH_WEIGHTS = 20_000;
const OPTIONS = {
  ...MODE_OPTIONS,
  format: { type: "string", default: "dot" },
  output: { type: "string", short: "o" },
  "label-digits": { type: "string" },
} as const;

export const graphCommand: Command = {
  name: "graph",
  summary: "the computation graph annotated with forward values and gradients",
  usage:
    "bpcheck graph [case-file | -] [--format dot|svg|mermaid] [--output FILE] [--label-digits N] [--mode M] [--digits N] [--json]",
  details: [
    "Draws the network of the worked step, left to right, each layer's units top to",
    "bottom in their numbering: inputs, every unit with its pre-activation, activation and",
    "∂L/∂z, and in each unit the weights it receives with their values and ∂L/∂W (the",
    "edge from each input ends at its weight's row), the loss and its target, all in the",
    "source's symbols. Weights are named W_ji: row j is the unit, column i the input, so",
    "W0_12 joins input X_2 to hidden unit 1. Under sequential updates the values below the",
    "output layer are the update rule's δ(z) and d(W), carried through the updated",
    "weights, and are labelled so. A network of more than 64 weights is drawn as a",
    "summary without its weights. The SVG is laid out and rendered by Graphviz (compiled",
    "to WebAssembly, no install needed).",
    "",
    "  --format     dot (Graphviz source; the default), svg (up to 500 weights), or mermaid",
    "  --output, -o write to FILE instead of stdout",
    "  --label-digits N",
    "               significant digits of the values in the figure (1 to 20; default 6)",
    "  --mode       float32, float64 or exact (default exact)",
    "  --digits     significant digits of the exact mode (10 to 2000; default 50)",
    "  --json       { command, version, case, mode, digits, format, graph: { title, note,",
    "               summary,",
    "               nodes: [{ id, kind, layer, lines, quantities }], edges: [{ from, to,",
    "               weight, symbol, lines, quantities }] }, text }",
  ],
  example: "bpcheck graph --format svg -o graph.svg",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const { mode, digits } = modeOptions(values);
    const labelDigits = integerOption(values, "label-digits", 1, MAX_LABEL_DIGITS) ?? DEFAULT_LABEL_DIGITS;
    const format = String(values.format);
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError("--format", `unknown format "${format}" (expected: ${FORMATS.join(", ")})`);
    }
    const c = await loadCase(positionals, io);
    if (typeof values.output === "string") checkOutputPath("-o", values.output, positionals);
    const weights = c.network.layers.reduce((n, l) => n + l.weights.flat().length, 0);
    if (format === "svg" && weights > MAX_SVG_WEIGHTS) {
      throw new UsageError(
        "--format",
        `an SVG layout is limited to ${MAX_SVG_WEIGHTS} weights and this network has ${weights} (use --format dot or mermaid)`,
      );
    }
    if (weights > MAX_GRAPH_WEIGHTS) {
      throw new UsageError(
        "--format",
        `a graph is limited to ${MAX_GRAPH_WEIGHTS} weights and this network has ${weights} (use run --json for the values)`,
      );
    }
    checkGraph(c, mode, digits, values);
    const F = domainChecked(fieldFor(mode, digits));
    const step = namingUndefinedQuantity(c, digits, () => deriveFirstStep(F, instantiate(F, c)));
    const model = graphModel(c, F, step, labelDigits);
    const dot = graphDot(model);
    const text = format === "mermaid" ? graphMermaid(model) : format === "svg" ? await dotToSvg(dot) : dot;
    const output = typeof values.output === "string" ? values.output : null;
    if (output !== null) {
      await io.writeFile(output, text).catch((e: NodeJS.ErrnoException) => {
        throw new InputError(output, "$", `expected a writable file (${e.code ?? e.message})`);
      });
    }
    if (values.json) {
      writeJson(io, "graph", {
        case: c.id,
        mode,
        digits: mode === "exact" ? digits : null,
        format,
        graph: model,
        text,
      });
    } else {
      io.stdout(output === null ? text : `Wrote the ${format} graph to ${output}\n`);
    }
    return EXIT.ok;
  },
};

import { trainModes, trainingPasses } from "@bpcheck/exact";
import { checkTraining } from "../budget.ts";
import { InputError } from "@bpcheck/golden";
import type { Command } from "../command.ts";
import { uncertifiedText } from "../format/uncertified.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { lossPlotSvg } from "../format/loss-plot-svg.ts";
import { progressBar } from "../format/progress.ts";
import { sourceSymbolOrNull } from "../format/source-symbols.ts";
import { table, tableLimit } from "../format/table.ts";
import { terminalChart } from "../format/terminal-chart.ts";
import { checkOutputPath, loadCase } from "../load-case.ts";
import {
  MAX_EPOCHS_TEXT,
  MODE_OPTIONS,
  TRAINING_OPTIONS,
  digitsOption,
  modeList,
  parse,
  UsageError,
  withTraining,
} from "../options.ts";

const OPTIONS = {
  ...MODE_OPTIONS,
  ...TRAINING_OPTIONS,
  plot: { type: "string" },
  log: { type: "boolean", default: false },
} as const;

export const trainCommand: Command = {
  name: "train",
  summary: "train over epochs; the loss curve as a chart and an SVG plot",
  usage:
    "bpcheck train [case-file | -] [--mode m1,m2,…] [--digits N] [--epochs N] [--lr X] [--update-order simultaneous|sequential] [--plot FILE.svg] [--log] [--json]",
  details: [
    "Trains the case's network by gradient descent (its own epochs, learning rate and",
    "update order unless overridden) and prints the loss curve as a small chart, the",
    "first and last losses and the final parameters. Several modes, comma-separated,",
    "train one after the other and are shown side by side.",
    "",
    "  --mode          float32, float64, exact, or several: float32,float64 (default exact)",
    "  --digits        significant digits of the exact mode (10 to 2000; default 50); it",
    "                  trains in ball arithmetic and shows only the digits its error bounds prove",
    `  --epochs        epochs to train (1 to ${MAX_EPOCHS_TEXT}; default: the case's)`,
    "  --lr            learning rate, a decimal such as 0.5 (default: the case's)",
    "  --update-order  simultaneous or sequential (default: the case's)",
    "  --plot FILE     also write the loss curves as an SVG plot",
    "  --log           logarithmic loss axis in the plot",
    "  --json          { command, version, case, epochs, learningRate, updateOrder, plot,",
    "                  runs: [{ mode, digits, loss: [string per epoch],",
    "                  parameters: [{ name, symbol, value }] }] }",
  ],
  example: "bpcheck train --mode float32,float64 --epochs 1000 --lr 0.5 --plot loss.svg --log",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const modes = modeList(values);
    const digits = digitsOption(values);
    const plot = typeof values.plot === "string" ? values.plot : null;
    if (plot !== null && !plot.toLowerCase().endsWith(".svg")) {
      throw new UsageError(
        "--plot",
        `expected a file name ending in .svg (the plot is an SVG), got "${plot}"`,
      );
    }
    const c = withTraining(await loadCase(positionals, io), values);
    if (typeof values.plot === "string") checkOutputPath("--plot", values.plot, positionals);
    const { epochs, learningRate, updateOrder } = c.training;
    // The exact mode trains once, in ball arithmetic, which costs up to about twice a plain run.
    checkTraining(c, modes, digits, values);

    const progress = progressBar(io, trainingPasses(modes) * epochs, "training");
    const runs = trainModes(c, modes, digits, progress.update);
    progress.finish();
    const label = (mode: string) => (mode === "exact" ? `exact (${digits} digits)` : mode);
    const series = runs.map((r) => ({ label: label(r.mode), values: r.lossNumbers }));
    if (plot !== null) {
      const svg = lossPlotSvg(series, {
        title: `${c.id}: loss over ${epochs} epochs, learning rate ${learningRate}`,
        log: values.log === true,
      });
      await io.writeFile(plot, svg).catch((e: NodeJS.ErrnoException) => {
        throw new InputError(plot, "$", `expected a writable file (${e.code ?? e.message})`);
      });
    }

    if (values.json) {
      writeJson(io, "train", {
        case: c.id,
        epochs,
        learningRate,
        updateOrder,
        plot,
        runs: runs.map((r) => ({
          mode: r.mode,
          digits: r.mode === "exact" ? digits : null,
          loss: r.lossCurve,
          parameters: r.parameters.map((q) => ({
            name: q.name,
            symbol: sourceSymbolOrNull(c, q.name),
            value: q.value,
          })),
        })),
      });
      return EXIT.ok;
    }
    const names = runs[0]!.parameters.map((q) => q.name);
    const out = [
      c.title,
      `${c.id} · ${epochs} epochs · learning rate ${learningRate} · ${updateOrder} updates · ${c.training.batch}`,
      "",
      "Loss",
      ...terminalChart(series).map((l) => `  ${l}`),
      "",
      ...table(
        [
          ["", ...runs.map((r) => label(r.mode))],
          ["loss, epoch 1", ...runs.map((r) => r.lossCurve[0] ?? uncertifiedText())],
          [`loss, epoch ${epochs}`, ...runs.map((r) => r.lossCurve[epochs - 1] ?? uncertifiedText())],
        ],
        [],
        tableLimit(io.columns, 2),
      ).map((l) => `  ${l}`),
      "",
      `Parameters after ${epochs} epochs`,
      ...table(
        [
          ["name", "symbol", ...runs.map((r) => label(r.mode))],
          ...names.map((n, k) => [
            n,
            sourceSymbolOrNull(c, n) ?? "",
            ...runs.map((r) => r.parameters[k]!.value ?? uncertifiedText()),
          ]),
        ],
        [],
        tableLimit(io.columns, 2),
      ).map((l) => `  ${l}`),
    ];
    if (plot !== null) out.push("", `Wrote the loss plot to ${plot}`);
    io.stdout(`${out.join("\n")}\n`);
    return EXIT.ok;
  },
};

import { deriveFirstStep, instantiate } from "@bpcheck/core";
import { checkExactBudget, fieldFor } from "@bpcheck/exact";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { derivationText } from "../format/derivation-text.ts";
import { writeJson } from "../format/json.ts";
import { sourceSymbolOrNull } from "../format/source-symbols.ts";
import { loadCase } from "../load-case.ts";
import { MODE_OPTIONS, modeOptions, parse } from "../options.ts";

export const runCommand: Command = {
  name: "run",
  summary: "the worked example step by step in the source's own symbols",
  usage: "bpcheck run [case-file | -] [--mode float32|float64|exact] [--digits N] [--json]",
  details: [
    "Recomputes the first training step of the case (the one a hand calculation shows):",
    "forward pass, loss, backward pass, gradients and updated parameters, each with its",
    "formula in the source's symbols. Without a case file, runs the embedded seed example.",
    "",
    "  --mode    float32, float64 or exact (decimal arithmetic; the default)",
    "  --digits  significant digits of the exact mode (10 to 2000; default 50)",
    "  --json    one JSON document: { command, version, case, mode, digits,",
    "            quantities: [{ name, symbol, value }] }",
  ],
  example: "bpcheck run --mode float32",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, MODE_OPTIONS);
    const { mode, digits } = modeOptions(values);
    const c = await loadCase(positionals, io);
    if (mode === "exact") checkExactBudget(c, digits, 1, "the worked step");
    const F = fieldFor(mode, digits);
    const { quantities } = deriveFirstStep(F, instantiate(F, c));
    const shown = quantities.map((q) => ({ name: q.name, value: F.toString(q.value) }));
    if (values.json) {
      writeJson(io, "run", {
        case: c.id,
        mode,
        digits: mode === "exact" ? digits : null,
        quantities: shown.map((q) => ({
          name: q.name,
          symbol: sourceSymbolOrNull(c, q.name),
          value: q.value,
        })),
      });
      return EXIT.ok;
    }
    const precision = mode === "exact" ? `exact, ${digits} significant digits` : mode;
    io.stdout(`${c.title}\n${c.id} · first training step · ${precision}\n${derivationText(c, shown)}\n`);
    return EXIT.ok;
  },
};

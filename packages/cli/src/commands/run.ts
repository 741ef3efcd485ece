import { deriveWorkedExample, instantiate, type Field, type ProblemSpec } from "@bpcheck/core";
import { certify, checkExactBudget, fieldFor } from "@bpcheck/exact";
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
    "  --digits  significant digits of the exact mode (10 to 2000; default 50); each",
    "            exact value is shown to the digits that survive a rerun at twice as many",
    "  --json    one JSON document: { command, version, case, mode, digits,",
    "            quantities: [{ name, symbol, value, certifiedDigits }] }",
  ],
  example: "bpcheck run --mode float32",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, MODE_OPTIONS);
    const { mode, digits } = modeOptions(values);
    const c = await loadCase(positionals, io);
    if (mode === "exact") checkExactBudget(c, 2 * digits, 2, "the worked step");
    const shown = mode === "exact" ? certifiedStep(c, digits) : floatStep(c, fieldFor(mode, digits));
    if (values.json) {
      writeJson(io, "run", {
        case: c.id,
        mode,
        digits: mode === "exact" ? digits : null,
        quantities: shown.map((q) => ({
          name: q.name,
          symbol: sourceSymbolOrNull(c, q.name),
          value: q.value,
          certifiedDigits: q.certifiedDigits,
        })),
      });
      return EXIT.ok;
    }
    const precision =
      mode === "exact" ? `exact, ${digits}-digit arithmetic, each value to its certified digits` : mode;
    io.stdout(`${c.title}\n${c.id} · first training step · ${precision}\n${derivationText(c, shown)}\n`);
    return EXIT.ok;
  },
};

interface ShownQuantity {
  readonly name: string;
  readonly value: string;
  /** Digits that survive a rerun at twice the precision (exact mode), or null. */
  readonly certifiedDigits: number | null;
}

/** The worked step in a float mode: every value at the mode's full precision. */
function floatStep(c: ProblemSpec, F: Field<unknown>): ShownQuantity[] {
  return deriveWorkedExample(F, instantiate(F, c)).quantities.map((q) => ({
    name: q.name,
    value: F.toString(q.value),
    certifiedDigits: null,
  }));
}

/**
 * The worked step in the exact mode, each value shown to the digits that do not change
 * when the step is rerun at twice the precision, rounded from that more precise rerun, so
 * that no printed digit is an artefact of rounding in the working precision.
 */
function certifiedStep(c: ProblemSpec, digits: number): ShownQuantity[] {
  return certify((F) => deriveWorkedExample(F, instantiate(F, c)).quantities, digits).map((q) => ({
    name: q.name,
    value: q.reference.toSignificantDigits(Math.max(1, q.certifiedDigits)).toString(),
    certifiedDigits: q.certifiedDigits,
  }));
}

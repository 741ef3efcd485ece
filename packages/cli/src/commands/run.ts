import { deriveWorkedExample, instantiate, type Field, type ProblemSpec } from "@bpcheck/core";
import {
  certifiedString,
  certify,
  checkExactBudget,
  errorBoundString,
  fieldFor,
  uncertifiedReason,
} from "@bpcheck/exact";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { uncertifiedText } from "../format/uncertified.ts";
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
    "            exact value is shown to the digits its proven error bound certifies",
    "  --json    one JSON document: { command, version, case, mode, digits,",
    "            quantities: [{ name, symbol, value, certifiedDigits, errorBound }] }",
  ],
  example: "bpcheck run --mode float32",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, MODE_OPTIONS);
    const { mode, digits } = modeOptions(values);
    const c = await loadCase(positionals, io);
    if (mode === "exact") checkExactBudget(c, digits, 2, "the worked step");
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
          errorBound: q.errorBound,
        })),
      });
      return EXIT.ok;
    }
    const precision =
      mode === "exact" ? `exact, ${digits}-digit arithmetic, each value to its certified digits` : mode;
    const text = shown.map((q) => ({ ...q, value: q.value ?? uncertifiedText(q.uncertified) }));
    io.stdout(`${c.title}\n${c.id} · first training step · ${precision}\n${derivationText(c, text)}\n`);
    return EXIT.ok;
  },
};

interface ShownQuantity {
  readonly name: string;
  /** The value; in the exact mode to its certified digits, null when none is certified. */
  readonly value: string | null;
  /** Digits the exact mode's error bound certifies, or null in a float mode. */
  readonly certifiedDigits: number | null;
  /** The exact mode's proven bound on the working value's error (two digits), or null. */
  readonly errorBound: string | null;
  /** Why no digit is certified, or null. */
  readonly uncertified: string | null;
}

/** The worked step in a float mode: every value at the mode's full precision. */
function floatStep(c: ProblemSpec, F: Field<unknown>): ShownQuantity[] {
  return deriveWorkedExample(F, instantiate(F, c)).quantities.map((q) => ({
    name: q.name,
    value: F.toString(q.value),
    certifiedDigits: null,
    errorBound: null,
    uncertified: null,
  }));
}

/**
 * The worked step in the exact mode, in ball arithmetic: each value shown to the digits
 * its proven error bound certifies (correctly rounded), so that every printed digit is a
 * digit of the exact value; a value that cancelled below its bound shows none.
 */
function certifiedStep(c: ProblemSpec, digits: number): ShownQuantity[] {
  return certify((F) => deriveWorkedExample(F, instantiate(F, c)).quantities, digits).map((q) => ({
    name: q.name,
    value: certifiedString(q),
    certifiedDigits: q.certifiedDigits,
    errorBound: errorBoundString(q),
    uncertified: uncertifiedReason(q),
  }));
}

import {
  deriveWorkedExample,
  domainChecked,
  instantiate,
  maxOf,
  type Field,
  type ProblemSpec,
} from "@bpcheck/core";
import {
  certify,
  errorBoundString,
  fieldFor,
  namingUndefinedQuantity,
  uncertifiedReason,
} from "@bpcheck/exact";
import { checkStep } from "../budget.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { uncertifiedText } from "../format/uncertified.ts";
import { asPrintedStep } from "../format/as-printed-step.ts";
import { derivationText } from "../format/derivation-text.ts";
import { writeJson } from "../format/json.ts";
import { sourceSymbolOrNull } from "../format/source-symbols.ts";
import { loadCase } from "../load-case.ts";
import { MODE_OPTIONS, modeOptions, parse } from "../options.ts";

const OPTIONS = { ...MODE_OPTIONS, "as-printed": { type: "boolean", default: false } } as const;

export const runCommand: Command = {
  name: "run",
  summary: "the worked example step by step in the source's own symbols",
  usage: "bpcheck run [case-file | -] [--mode float32|float64|exact] [--digits N] [--as-printed] [--json]",
  details: [
    "Recomputes the first training step of the case (the one a hand calculation shows):",
    "forward pass, loss, backward pass, gradients and updated parameters, each with its",
    "formula in the source's symbols. Without a case file, runs the embedded seed example.",
    "",
    "  --mode    float32, float64 or exact (decimal arithmetic; the default)",
    "  --digits  significant digits of the exact mode (10 to 2000; default 50); each",
    "            exact value is shown to the digits its proven error bound certifies",
    "  --as-printed  each value rounded as the source prints it (the digits of its",
    "            published entry, otherwise the digits the source typically keeps), with",
    "            the formula written out in numbers (h_1 = 0.1·0.35 + 0.8·0.9 = 0.755) and",
    "            the printed number beside it (✓ when it agrees at its digits)",
    "  --json    one JSON document: { command, version, case, mode, digits,",
    "            quantities: [{ name, symbol, value, certifiedDigits, errorBound }] }; with",
    "            --as-printed each quantity also has { formula, printed, agrees }",
  ],
  example: "bpcheck run --mode float32",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const { mode, digits } = modeOptions(values);
    const c = await loadCase(positionals, io);
    checkStep(c, mode, digits, values);
    const shown = namingUndefinedQuantity(c, digits, () =>
      mode === "exact" ? certifiedStep(c, digits) : floatStep(c, domainChecked(fieldFor(mode, digits))),
    );
    if (values["as-printed"]) {
      const text = shown.map((q) => ({ ...q, value: q.value ?? uncertifiedText(q.uncertified) }));
      const step = asPrintedStep(c, text);
      if (values.json) {
        writeJson(io, "run", {
          case: c.id,
          mode,
          digits: mode === "exact" ? digits : null,
          asPrinted: true,
          quantities: step.map((q, n) => ({ ...q, certifiedDigits: shown[n]!.certifiedDigits })),
        });
        return EXIT.ok;
      }
      const width = maxOf(step.map((q) => [...q.line].length));
      const byName = new Map(step.map((q) => [q.name, q]));
      const element = ({ name }: { name: string }) => {
        const q = byName.get(name)!;
        const mark = q.printed === null ? "" : `  printed ${q.printed} ${q.agrees ? "✓" : "✗"}`;
        return `${q.line}${" ".repeat(width - [...q.line].length)}${mark}`.trimEnd();
      };
      const precision = mode === "exact" ? "exact" : mode;
      io.stdout(
        `${c.title}\n${c.id} · first training step · ${precision}, each value rounded as the source prints it\n${derivationText(c, text, element)}\n`,
      );
      return EXIT.ok;
    }
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

export interface ShownQuantity {
  readonly name: string;
  /** The value; in the exact mode to its certified digits, null when none is certified. */
  readonly value: string | null;
  /** The value at the working precision, unrounded (to round as the source prints it). */
  readonly full: string;
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
    full: F.toString(q.value),
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
  const step = <T>(F: Field<T>) => deriveWorkedExample(F, instantiate(F, c)).quantities;
  return certify((F) => step(domainChecked(F)), digits).map((q) => ({
    name: q.name,
    value: q.certifiedText,
    full: q.value.toString(),
    certifiedDigits: q.certifiedDigits,
    errorBound: errorBoundString(q),
    uncertified: uncertifiedReason(q),
  }));
}

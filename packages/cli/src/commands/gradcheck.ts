import { defaultGradientTolerance, gradientReport } from "@bpcheck/exact";
import { checkGradients } from "../budget.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { sourceSymbolOrNull } from "../format/source-symbols.ts";
import { styleFor } from "../format/style.ts";
import { table, tableLimit } from "../format/table.ts";
import { loadCase } from "../load-case.ts";
import { MODE_OPTIONS, decimalOption, modeOptions, parse } from "../options.ts";

const OPTIONS = { ...MODE_OPTIONS, tolerance: { type: "string" } } as const;

export const gradcheckCommand: Command = {
  name: "gradcheck",
  summary: "backprop gradients against central finite differences",
  usage:
    "bpcheck gradcheck [case-file | -] [--mode float32|float64|exact] [--digits N] [--tolerance X] [--json]",
  details: [
    "Compares every parameter's backprop gradient of the mean loss over all samples",
    "with a five-point central difference (step 10^(−⌈P/5⌉) for P digits), reporting the",
    "relative error |backprop − numeric| / max(|backprop|, |numeric|). Exits 1 when any",
    "parameter's error exceeds the tolerance and the two differ by more than the",
    "difference's resolution 2ε·|L|/h (a gradient zero to working precision, or one the",
    "mode cannot resolve, is marked `ok ≈`). These are the gradients ∂L/∂W whatever the",
    "case's update order (run and graph show what a sequential update uses instead).",
    "",
    "  --mode       float32, float64 or exact (default exact)",
    "  --digits     significant digits of the exact mode (10 to 2000; default 50)",
    "  --tolerance  largest accepted relative error (default 10^(−⌊P/2⌋): 1e-3 in",
    "               float32, 1e-7 in float64, 1e-25 in exact at 50 digits)",
    "  --json       { command, version, case, mode, digits, tolerance, passed,",
    "               parameters: [{ name, symbol, backprop, numeric, relativeError,",
    "               resolution, ok, withinResolutionOnly }] }",
  ],
  example: "bpcheck gradcheck --mode float32",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const { mode, digits } = modeOptions(values);
    const tolerance = decimalOption(values, "tolerance") ?? defaultGradientTolerance(mode, digits);
    const c = await loadCase(positionals, io);
    checkGradients(c, mode, digits, values);
    const rows = gradientReport(c, mode, digits, tolerance);
    const passed = rows.every((r) => r.ok);
    if (values.json) {
      writeJson(io, "gradcheck", {
        case: c.id,
        mode,
        digits: mode === "exact" ? digits : null,
        tolerance,
        passed,
        parameters: rows.map(({ name, ...rest }) => ({ name, symbol: sourceSymbolOrNull(c, name), ...rest })),
      });
      return passed ? EXIT.ok : EXIT.checkFailed;
    }
    const s = styleFor(io);
    const failed = rows.filter((r) => !r.ok).length;
    const precision = mode === "exact" ? `exact, ${digits} digits` : mode;
    const out = [
      c.title,
      `${c.id} · gradient check · ${precision} · tolerance ${tolerance} (relative error)`,
      "",
      ...table(
        [
          ["parameter", "symbol", "backprop", "central difference", "rel. error", ""],
          ...rows.map((r) => [
            r.name,
            sourceSymbolOrNull(c, r.name) ?? "",
            r.backprop,
            r.numeric,
            shortError(r.relativeError),
            r.withinResolutionOnly ? s.good("ok ≈") : r.ok ? s.good("ok") : s.bad("FAIL"),
          ]),
        ],
        [],
        tableLimit(io.columns),
      ),
      "",
      passed
        ? s.good(`All ${rows.length} gradients agree within ${tolerance}${resolvedOnly(rows)}.`)
        : s.bad(
            `${failed} of ${rows.length} gradients differ by more than ${tolerance} and the central difference's resolution.`,
          ),
    ];
    if (c.training.updateOrder === "sequential" && c.network.layers.length > 1) {
      out.push(
        "",
        "The case updates sequentially: these are the gradients ∂L/∂W of its loss, which its",
        "updates below the output layer do not follow (bpcheck run and graph show those as dW, d(W)).",
      );
    }
    io.stdout(`${out.join("\n")}\n`);
    return passed ? EXIT.ok : EXIT.checkFailed;
  },
};

/** Three significant digits are enough to read an error (the verdict was reached in the mode's own arithmetic). */
function shortError(e: string): string {
  const x = Number(e);
  return x === 0 || !Number.isFinite(x) ? e : x.toExponential(2);
}

/** The summary's note on the gradients accepted only within the central difference's resolution. */
function resolvedOnly(rows: readonly { readonly withinResolutionOnly: boolean }[]): string {
  const n = rows.filter((r) => r.withinResolutionOnly).length;
  return n === 0 ? "" : ` (${n} of them, ok ≈, only to the central difference's resolution 2ε·|L|/h)`;
}

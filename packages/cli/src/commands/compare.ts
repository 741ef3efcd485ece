import { uncertifiedText } from "../format/uncertified.ts";
import { compareFirstStep, compareTraining, type FloatError } from "@bpcheck/exact";
import { checkComparison } from "../budget.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { printedPrecision, roundAsPrinted } from "../format/as-printed.ts";
import { progressBar } from "../format/progress.ts";
import { sourceSymbolOrNull } from "../format/source-symbols.ts";
import { table, tableLimit } from "../format/table.ts";
import { MAX_DIGITS } from "@bpcheck/exact";
import {
  MAX_EPOCHS,
  MAX_EPOCHS_TEXT,
  MODE_OPTIONS,
  digitsOption,
  integerOption,
  modeList,
  parse,
} from "../options.ts";
import { loadCase } from "../load-case.ts";

const OPTIONS = {
  ...MODE_OPTIONS,
  mode: { type: "string", default: "float32,float64,exact" },
  epochs: { type: "string" },
  "as-printed": { type: "boolean", default: false },
} as const;

/** Epochs shown in the text table of a long run: 1, 2, 5, 10, 20, 50, … and the last. */
export function milestones(epochs: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= epochs; p *= 10) for (const m of [1, 2, 5]) if (m * p <= epochs) out.push(m * p);
  if (out[out.length - 1] !== epochs) out.push(epochs);
  return out;
}

export const compareCommand: Command = {
  name: "compare",
  summary: "every quantity in float32, float64 and exact, with each float's error",
  usage:
    "bpcheck compare [case-file | -] [--mode float32,float64] [--digits N] [--epochs N] [--as-printed] [--json]",
  details: [
    "Recomputes the worked step in the three precision modes and measures each float",
    "result against the exact value: its distance in ULPs from the correctly rounded",
    "exact value (0 = the best the format can hold) and its correct significant digits.",
    "Exact values are certified by ball arithmetic (proven error bounds). With --epochs, the three",
    "modes also train side by side and the table shows how the error grows: the loss and",
    "the parameter with the most ULPs after each epoch.",
    "",
    "  --mode    the float modes to show, comma-separated (default all; exact is the reference)",
    "  --digits  significant digits of the exact mode (10 to 1000; default 50)",
    `  --epochs  also compare N epochs of training (1 to ${MAX_EPOCHS_TEXT})`,
    "  --as-printed  every value rounded as the source prints it (the digits of its published",
    "            entry, otherwise the digits the source typically keeps), beside the printed",
    "            number: does each mode print what the source printed? (ulps and digits",
    "            still measure the unrounded floats)",
    "  --json    { command, version, case, digits, quantities: [{ name, symbol, exact,",
    "            certifiedDigits, errorBound, float64: { value, ulps, digits }, float32: {…} }],",
    "            training: null | [{ epoch, loss: { exact, float64, float32 },",
    "            worst: { float64: { name, ulps, digits }, float32: {…} } }] }",
  ],
  example: "bpcheck compare --epochs 200",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    const floats = modeList(values).filter((m) => m !== "exact") as ("float64" | "float32")[];
    // Kept at half the exact mode's range: a comparison undecided in ball arithmetic reruns at more digits.
    const digits = digitsOption(values, MAX_DIGITS / 2);
    const epochs = integerOption(values, "epochs", 1, MAX_EPOCHS);
    const c = await loadCase(positionals, io);
    checkComparison(c, digits, epochs, values);
    const measured = compareFirstStep(c, digits);
    // As printed: each value rounded like the source's printed number (the measures stay).
    const precisionOf = printedPrecision(c);
    const asPrinted = values["as-printed"] === true;
    const rows = asPrinted
      ? measured.map((r) => {
          const p = precisionOf(r.name);
          const round = (e: FloatError) => ({ ...e, value: roundAsPrinted(e.value, p) });
          return {
            ...r,
            exact: r.exact === null ? null : roundAsPrinted(r.exact, p),
            float64: round(r.float64),
            float32: round(r.float32),
          };
        })
      : measured;
    const printedOf = (name: string) => precisionOf(name).printed;
    const progress = progressBar(io, epochs ?? 0, "comparing");
    const training = epochs === undefined ? null : compareTraining(c, digits, epochs, progress.update);
    progress.finish();

    if (values.json) {
      writeJson(io, "compare", {
        case: c.id,
        digits,
        quantities: rows.map((r) => ({
          name: r.name,
          symbol: sourceSymbolOrNull(c, r.name),
          exact: r.exact,
          certifiedDigits: r.certifiedDigits,
          errorBound: r.errorBound,
          ...(asPrinted ? { printed: printedOf(r.name) } : {}),
          ...Object.fromEntries(floats.map((f) => [f, r[f]])),
        })),
        training:
          training?.map((e) => ({
            epoch: e.epoch,
            loss: { exact: e.loss.exact, ...Object.fromEntries(floats.map((f) => [f, e.loss[f]])) },
            worst: Object.fromEntries(floats.map((f) => [f, e.worst[f]])),
          })) ?? null,
      });
      return EXIT.ok;
    }

    const ulps = (u: number) => (Number.isFinite(u) ? String(u) : "∞");
    // A float equal to the exact value agrees in every certified digit: "all".
    const cells = (e: FloatError, cap: number) => [
      e.value,
      ulps(e.ulps),
      e.digits === cap ? "all" : String(e.digits),
    ];
    const head = [
      "quantity",
      "symbol",
      ...(asPrinted ? ["printed", "exact, as printed"] : [`exact (${digits} digits)`]),
      "cert.",
    ];
    for (const f of floats) head.push(f, "ulps", "digits");
    const lines = table(
      [
        head,
        ...rows.map((r) => [
          r.name,
          sourceSymbolOrNull(c, r.name) ?? "",
          ...(asPrinted ? [printedOf(r.name) ?? ""] : []),
          r.exact ?? uncertifiedText(r.uncertified),
          String(r.certifiedDigits),
          ...floats.flatMap((f) => cells(r[f], r.certifiedDigits)),
        ]),
      ],
      // Right-aligned: cert., and each float's ulps and digits (one column further as printed).
      ((shift) => [3 + shift, ...floats.flatMap((_, k) => [5 + shift + 3 * k, 6 + shift + 3 * k])])(
        asPrinted ? 1 : 0,
      ),
      tableLimit(io.columns),
    );
    const out = [
      c.title,
      `${c.id} · the first training step in ${[...floats, "exact"].join(", ")}`,
      "ulps: distance from the correctly rounded exact value; digits: correct significant digits;",
      "cert.: digits of the exact value certified by its proven error bound (ball arithmetic)",
      "",
      ...lines,
    ];
    if (training !== null) {
      const shown = new Set(milestones(training.length));
      const th = ["epoch", "loss (exact, certified digits)"];
      for (const f of floats) th.push(`${f}: loss ulps`, "digits", "worst parameter", "ulps");
      out.push(
        "",
        `Error growth over ${training.length} epochs: the loss, and the parameter farthest from exact after each epoch`,
        "",
        ...table(
          [
            th,
            ...training
              .filter((e) => shown.has(e.epoch))
              .map((e) => [
                String(e.epoch),
                e.loss.exact ?? uncertifiedText(),
                ...floats.flatMap((f) => [
                  ulps(e.loss[f].ulps),
                  String(e.loss[f].digits),
                  e.worst[f].name,
                  ulps(e.worst[f].ulps),
                ]),
              ]),
          ],
          [0, ...floats.flatMap((_, k) => [2 + 4 * k, 3 + 4 * k, 5 + 4 * k])],
          tableLimit(io.columns),
        ),
      );
    }
    io.stdout(`${out.join("\n")}\n`);
    return EXIT.ok;
  },
};

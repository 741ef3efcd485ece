import { checkErrata } from "../budget.ts";
import {
  placementsOf,
  VERDICTS,
  classifyCase,
  loadErrataFile,
  type CaseFile,
  type Erratum,
} from "@bpcheck/golden";
import { loadProgramOutput, type CodeErratum } from "@bpcheck/replay";
import { loadCompanion, shownPath } from "../case-folder.ts";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { errataMarkdown, errataText, type ErrataReport, type JudgedNumber } from "../format/errata-report.ts";
import { writeJson } from "../format/json.ts";
import { loadCase } from "../load-case.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

const FORMATS = ["text", "md"] as const;
const OPTIONS = {
  ...COMMON_OPTIONS,
  format: { type: "string", default: "text" },
  strict: { type: "boolean", default: false },
  // Accepted only to be refused with a reason: the verdicts are always decided exactly.
  mode: { type: "string" },
  digits: { type: "string" },
} as const;

export const errataCommand: Command = {
  name: "errata",
  summary: "the verdict on every published number, and the formula and code errata",
  usage: "bpcheck errata [case-file | -] [--format text|md] [--strict] [--json]",
  details: [
    "First infers the source's conventions from all its printed numbers (update order,",
    "learning rate, sign of δ and of gradients, index convention, loss, rounding habit),",
    "then gives every number a verdict — ok, convention, rounding-drift, erratum or",
    "unexplained — with its cause, a sentence saying what reproduces it and the other",
    "explanations that also do, then lists",
    "the formula, notation, index and terminology errata of the case's errata.json and",
    "the code errata of its program-output.json (each with the location and the written",
    "and corrected form). errata.json and program-output.json are read from the case",
    "file's folder (for a case on stdin, from fixtures/<id>/). Exits 1 when a verdict or",
    "cause differs from the one errata.json records, or, with --strict, when any",
    "published number is not ok. The verdicts are always decided in exact decimal",
    "arithmetic (60 digits), so --mode and --digits are refused (exit 2).",
    "",
    "  --format  text (the default) or md (Markdown tables, for an issue or a comment)",
    "  --strict  also exit 1 when any published number is not ok",
    "  --json    { command, version, case, expectations, strict, conventions: [{ key,",
    "            cause, description, explains: [id] }], summary: { ok, convention,",
    "            rounding-drift, erratum, unexplained }, differences, numbers: [{ id,",
    "            location: { section, line, text }, symbol, quantity, published, verdict,",
    "            cause, conventions, detail, reference, alternatives: [{ verdict, cause,",
    "            conventions, detail }], expected: null | { verdict, cause, note },",
    "            agrees }], unknownExpectations, errata: [{ id, kind, location, written,",
    "            corrected, explanation }], codeErrata: [same fields], placed: [{ id, line,",
    "            symbol, printed, quantity, by, candidates }] (numbers the case gives",
    "            without a quantity, placed by value; see bpcheck locate) }",
  ],
  example: "bpcheck errata --format md",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    for (const flag of ["mode", "digits"] as const) {
      if (values[flag] !== undefined) {
        throw new UsageError(`--${flag}`, "errata always judges in exact decimal arithmetic (60 digits)");
      }
    }
    const format = String(values.format);
    if (!(FORMATS as readonly string[]).includes(format)) {
      throw new UsageError("--format", `unknown format "${format}" (expected: ${FORMATS.join(", ")})`);
    }
    if (values.json && format !== "text") throw new UsageError("--format", "not with --json");
    const c = await loadCase(positionals, io);
    checkErrata(c, values);
    const report = errataReport(c, positionals, values.strict === true);
    // Numbers the case gives by symbol and value only were placed when it loaded: say where.
    const placements = placementsOf(c) ?? [];
    const placed = c.published.flatMap((p, n) => {
      const how = placements[n];
      return how === undefined || how.by === "quantity"
        ? []
        : [{ id: p.id, line: p.location.line, symbol: p.symbol, printed: p.asPrinted, ...how }];
    });
    if (values.json) {
      writeJson(io, "errata", {
        case: report.case.id,
        expectations: report.expectations,
        strict: report.strict,
        conventions: report.conventions,
        summary: report.summary,
        differences: report.differences,
        numbers: report.numbers,
        unknownExpectations: report.unknownExpectations,
        errata: report.errata,
        codeErrata: report.codeErrata,
        placed,
      });
    } else {
      io.stdout(format === "md" ? errataMarkdown(report) : errataText(report, io));
      if (placed.length > 0 && format === "text") {
        const others = (q: { candidates: readonly string[] }) =>
          q.candidates.length > 1 ? ` (also ${q.candidates.slice(1).join(", ")})` : "";
        io.stdout(
          `\nPlaced by ${placed.some((q) => q.by === "symbol") ? "value or symbol" : "value"} (the case gives no quantity; \`bpcheck locate\` lists the candidates):\n${placed
            .map(
              (q) =>
                `  line ${q.line}  ${q.symbol} ${q.printed} → ${q.quantity}${q.by === "symbol" ? " (named by its symbol)" : others(q)}`,
            )
            .join("\n")}\n`,
        );
      }
    }
    const failed =
      report.differences > 0 || (report.strict && report.numbers.some((n) => n.verdict !== "ok"));
    return failed ? EXIT.checkFailed : EXIT.ok;
  },
};

/** The classifier's verdicts held against the case's errata.json, with the catalogued errata. */
function errataReport(c: CaseFile, positionals: readonly string[], strict: boolean): ErrataReport {
  const errata = loadCompanion(positionals, c, "errata.json", loadErrataFile);
  const catalogue = errata?.value ?? null;
  const expected = new Map(catalogue?.published.map((p) => [p.id, p]) ?? []);
  const classification = classifyCase(c);
  const numbers: JudgedNumber[] = classification.verdicts.map((v) => {
    const e = expected.get(v.id);
    return {
      id: v.id,
      location: v.location,
      symbol: v.symbol,
      quantity: v.quantity,
      published: v.published,
      verdict: v.verdict,
      cause: v.cause,
      conventions: v.conventions,
      detail: v.detail,
      reference: v.reference,
      alternatives: v.alternatives,
      expected: e === undefined ? null : { verdict: e.verdict, cause: e.cause, note: e.note },
      agrees: catalogue === null ? null : e !== undefined && e.verdict === v.verdict && e.cause === v.cause,
    };
  });
  const known = new Set(c.published.map((p) => p.id));
  const unknownExpectations = catalogue?.published.map((p) => p.id).filter((id) => !known.has(id)) ?? [];
  const program = loadCompanion(positionals, c, "program-output.json", loadProgramOutput);
  return {
    case: c,
    expectations: errata === null ? null : shownPath(errata.file),
    program: program === null ? null : shownPath(program.file),
    strict,
    conventions: classification.conventions,
    summary: Object.fromEntries(VERDICTS.map((v) => [v, numbers.filter((n) => n.verdict === v).length])),
    differences: numbers.filter((n) => n.agrees === false).length + unknownExpectations.length,
    numbers,
    unknownExpectations,
    errata: catalogue?.errata.map(erratumEntry) ?? [],
    codeErrata: program?.value.errata.map(erratumEntry) ?? [],
  };
}

const erratumEntry = (e: Erratum | CodeErratum) => ({
  id: e.id,
  kind: e.kind,
  location: e.location,
  written: e.written,
  corrected: e.corrected,
  explanation: e.explanation,
});

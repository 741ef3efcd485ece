import { maxOf } from "@bpcheck/core";
import type {
  CaseFile,
  Cause,
  Explanation,
  SourceConvention,
  SourceLocation,
  Verdict,
} from "@bpcheck/golden";
import type { Io } from "../io.ts";
import { styleFor } from "./style.ts";
import { table, tableLimit } from "./table.ts";

/** One published number: the classifier's verdict and, when the case records one, the expected verdict. */
export interface JudgedNumber {
  readonly id: string;
  readonly location: SourceLocation;
  readonly symbol: string;
  readonly quantity: string;
  readonly published: string;
  readonly verdict: Verdict;
  readonly cause: Cause | null;
  /** Keys of the source's conventions the verdict relies on. */
  readonly conventions: readonly string[];
  readonly detail: string;
  readonly reference: string;
  /** Other explanations that reproduce the number, most plausible first. */
  readonly alternatives: readonly Explanation[];
  readonly expected: {
    readonly verdict: Verdict;
    readonly cause: Cause | null;
    readonly note: string;
  } | null;
  /** null without an errata.json; false when the verdict or cause differs or none is recorded. */
  readonly agrees: boolean | null;
}

/** A catalogued erratum of the text or of the code, as the report shows it. */
export interface ErratumEntry {
  readonly id: string;
  readonly kind: string;
  readonly location: SourceLocation;
  readonly written: string;
  readonly corrected: string;
  readonly explanation: string;
}

export interface ErrataReport {
  readonly case: CaseFile;
  /** The errata.json the verdicts are held against (as shown), or null. */
  readonly expectations: string | null;
  /** The program-output.json the code errata come from (as shown), or null. */
  readonly program: string | null;
  readonly strict: boolean;
  /** The source's conventions inferred from all its printed numbers (shown first). */
  readonly conventions: readonly SourceConvention[];
  readonly summary: Readonly<Record<string, number>>;
  /** Numbers whose verdict or cause differs from errata.json, plus its expectations for unknown ids. */
  readonly differences: number;
  readonly numbers: readonly JudgedNumber[];
  readonly unknownExpectations: readonly string[];
  readonly errata: readonly ErratumEntry[];
  readonly codeErrata: readonly ErratumEntry[];
}

const verdictAndCause = (v: { verdict: string; cause: string | null }) =>
  v.cause === null ? v.verdict : `${v.verdict} (${v.cause})`;

function summaryLine(r: ErrataReport): string {
  const counts = Object.entries(r.summary).map(([v, n]) => `${n} ${v}`);
  return `${r.numbers.length} published numbers: ${counts.join(", ")}`;
}

/** The closing lines: agreement with errata.json and, with --strict, the numbers that are not ok. */
function outcome(r: ErrataReport): string[] {
  const lines: string[] = [];
  if (r.expectations === null) {
    lines.push("No errata.json for this case: the verdicts are not checked against expectations.");
  } else if (r.differences === 0) {
    lines.push(`Every verdict and cause agrees with ${r.expectations}.`);
  } else {
    for (const id of r.unknownExpectations) {
      lines.push(`${r.expectations} expects a verdict for "${id}", which the case does not publish.`);
    }
    lines.push(`${r.differences} difference${r.differences === 1 ? "" : "s"} from ${r.expectations}.`);
  }
  const notOk = r.numbers.filter((n) => n.verdict !== "ok").length;
  if (r.strict && notOk > 0) lines.push(`--strict: ${notOk} published numbers are not ok.`);
  return lines;
}

/** Code and formulas on one line: lines joined by " ↵ " (indentation kept: it can be the erratum). */
const oneLine = (s: string) =>
  s
    .split("\n")
    .map((l) => l.trimEnd())
    .join(" ↵ ");

function errataLines(title: string, entries: readonly ErratumEntry[]): string[] {
  if (entries.length === 0) return [];
  const width = maxOf(entries.map((e) => e.kind.length));
  const lineWidth = maxOf(entries.map((e) => String(e.location.line).length));
  const indent = " ".repeat(2 + 5 + lineWidth + 2 + width + 2);
  return [
    "",
    title,
    ...entries.flatMap((e) => [
      `  line ${String(e.location.line).padStart(lineWidth)}  ${e.kind.padEnd(width)}  ${oneLine(e.written) || "(nothing)"}`,
      `${indent}→ ${oneLine(e.corrected) || "(removed)"}`,
    ]),
  ];
}

/** "The source's conventions" lines: each convention with the numbers only it explains. */
function conventionLines(r: ErrataReport): string[] {
  const lineOf = new Map(r.numbers.map((n) => [n.id, n.location.line]));
  if (r.conventions.length === 0) {
    return [
      "The source's conventions",
      "  as declared by the case (no departure explains more of its numbers)",
    ];
  }
  return [
    "The source's conventions",
    ...r.conventions.map(
      (c) =>
        `  ${c.description} (${c.key}): explains ${c.explains.length} number${c.explains.length === 1 ? "" : "s"}` +
        (c.explains.length === 0
          ? ""
          : `, lines ${[...new Set(c.explains.map((id) => lineOf.get(id)))].join(", ")}`),
    ),
  ];
}

/** An alternative explanation in one line. */
const alternative = (a: Explanation) =>
  `also ${a.verdict}${a.cause === null ? "" : ` (${a.cause})`}: ${a.detail}`;

/** The readable report: a table of verdicts (with the detail of every number that is not ok), then the errata. */
export function errataText(r: ErrataReport, io: Io): string {
  const s = styleFor(io);
  const checked = r.expectations !== null;
  const head = ["line", "symbol", "published", "verdict", "cause", ...(checked ? ["errata.json"] : [])];
  const rows = r.numbers.map((n) => [
    String(n.location.line),
    n.symbol,
    n.published,
    n.verdict,
    n.cause ?? "",
    ...(checked
      ? [
          n.agrees === true
            ? "✓"
            : `✗ expected ${n.expected === null ? "nothing" : verdictAndCause(n.expected)}`,
        ]
      : []),
  ]);
  const lines = table([head, ...rows], [0], tableLimit(io.columns));
  const body = [lines[0]!];
  r.numbers.forEach((n, k) => {
    const row = lines[k + 1]!;
    body.push(n.agrees === false ? s.bad(row) : n.verdict === "ok" ? row : s.bold(row));
    if (n.verdict !== "ok") body.push(s.dim(`        ${n.detail}`));
    for (const a of n.alternatives) body.push(s.dim(`          ${alternative(a)}`));
  });
  const out = [
    r.case.title,
    `${r.case.id} · ${summaryLine(r)} · judged in exact decimal arithmetic`,
    "",
    ...conventionLines(r),
    "",
    "Published numbers",
    ...body,
    ...errataLines(`Formula, notation, index and terminology errata (${r.expectations})`, r.errata),
    ...errataLines(`Code errata of the published program (${r.program})`, r.codeErrata),
    "",
    ...outcome(r).map((l) => (r.differences > 0 || l.startsWith("--strict") ? s.bad(l) : s.good(l))),
  ];
  return `${out.join("\n")}\n`;
}

/** A Markdown table cell: pipes escaped, line breaks as <br>. */
const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
/** Code in a table cell: one code span per line (a span cannot hold a line break). */
const code = (s: string) =>
  s
    .split("\n")
    .map((l) => (l.trim() === "" ? "" : l.includes("`") ? `\`\` ${cell(l)} \`\`` : `\`${cell(l)}\``))
    .join("<br>");
const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

function errataTable(title: string, entries: readonly ErratumEntry[]): string[] {
  if (entries.length === 0) return [];
  return [
    "",
    `#### ${title}`,
    "",
    row(["Line", "Kind", "Written", "Corrected", "Why"]),
    row(["---:", "---", "---", "---", "---"]),
    ...entries.map((e) =>
      row([String(e.location.line), e.kind, code(e.written), code(e.corrected), cell(e.explanation)]),
    ),
  ];
}

/** The report as GitHub-flavoured Markdown, for pasting into an issue or a comment. */
export function errataMarkdown(r: ErrataReport): string {
  const checked = r.expectations !== null;
  const out = [
    `### Errata: ${cell(r.case.title)}`,
    "",
    `Case \`${r.case.id}\`: ${summaryLine(r)} (judged in exact decimal arithmetic).`,
    "",
    "#### The source's conventions",
    "",
    ...(r.conventions.length === 0
      ? ["As declared by the case (no departure explains more of its numbers)."]
      : r.conventions.map(
          (c) =>
            `- ${cell(c.description)} (\`${c.key}\`): explains ${c.explains.length === 0 ? "no number alone" : c.explains.map((id) => `\`${id}\``).join(", ")}`,
        )),
    "",
    "#### Published numbers",
    "",
    row(["Line", "Symbol", "Published", "Verdict", "Cause", "Detail", ...(checked ? ["errata.json"] : [])]),
    row(["---:", "---", "---:", "---", "---", "---", ...(checked ? ["---"] : [])]),
    ...r.numbers.map((n) =>
      row([
        String(n.location.line),
        code(n.symbol),
        code(n.published),
        n.verdict === "ok" ? "ok" : `**${n.verdict}**`,
        n.cause ?? "",
        cell([n.detail, ...n.alternatives.map(alternative)].join("\n")),
        ...(checked
          ? [
              n.agrees === true
                ? "✓"
                : `✗ expected ${n.expected === null ? "nothing" : verdictAndCause(n.expected)}`,
            ]
          : []),
      ]),
    ),
    ...errataTable("Formula, notation, index and terminology errata", r.errata),
    ...errataTable("Code errata of the published program", r.codeErrata),
    "",
    ...outcome(r).map((l) => `${l}  `),
  ];
  return `${out.join("\n").replace(/ {2}$/, "")}\n`;
}

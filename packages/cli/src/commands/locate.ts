import { readFileSync } from "node:fs";
import { caseFormatOf, loadCaseFile, placementsOf, writePlacedQuantities } from "@bpcheck/golden";
import type { Command } from "../command.ts";
import { EXIT } from "../exit-codes.ts";
import { writeJson } from "../format/json.ts";
import { table } from "../format/table.ts";
import { COMMON_OPTIONS, UsageError, parse } from "../options.ts";

const OPTIONS = { ...COMMON_OPTIONS, write: { type: "boolean", default: false } } as const;

export const locateCommand: Command = {
  name: "locate",
  summary:
    "place published numbers given by symbol and value only; --write puts their quantities in the file",
  usage: "bpcheck locate CASE [--write] [--json]",
  details: [
    "A published number may be entered with its symbol and printed value only. Each is",
    "placed at the quantity whose exact value, at the printed digits, is the printed",
    "number: among those its symbol points at when it names one (h_1, or h for the",
    "vector h_j), else among every quantity of the case. A number no quantity matches",
    "stays at the quantity its symbol names, for `bpcheck errata` to judge; one that",
    "nothing places is refused (exit 2). Lists each placement and, when several",
    "quantities match, every candidate.",
    "",
    "  --write  write each placed quantity into CASE (YAML keeps its comments and layout;",
    "           the file is replaced whole, never half-written)",
    "  --json   { command, version, case, file, placements: [{ index, id, symbol, printed,",
    "           quantity, by, candidates }], written }",
  ],
  example: "bpcheck locate my-case.yaml --write",
  async execute(argv, io) {
    const { values, positionals } = parse(argv, OPTIONS);
    if (positionals.length !== 1 || positionals[0] === "-") {
      throw new UsageError("arguments", "expected one case file (locate reads and may rewrite it)");
    }
    const file = positionals[0]!;
    const c = loadCaseFile(file);
    const placements = placementsOf(c) ?? [];
    const rows = c.published
      .map((p, index) => ({ index, p, placed: placements[index] }))
      .filter((r) => r.placed !== undefined && r.placed.by !== "quantity");
    let written = false;
    if (values.write && rows.length > 0) {
      const text = readFileSync(file, "utf8");
      const quantities = new Map(rows.map((r) => [r.index, r.placed!.quantity]));
      await io.writeFile(file, writePlacedQuantities(text, caseFormatOf(file, text), quantities));
      written = true;
    }
    if (values.json) {
      writeJson(io, "locate", {
        case: c.id,
        file,
        placements: rows.map((r) => ({
          index: r.index,
          id: r.p.id,
          symbol: r.p.symbol,
          printed: r.p.printed,
          quantity: r.placed!.quantity,
          by: r.placed!.by,
          candidates: r.placed!.candidates,
        })),
        written,
      });
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.stdout(`${file}: every published number has its quantity; nothing to place.\n`);
      return EXIT.ok;
    }
    // The same quantity at later steps often rounds alike: only other quantities make a choice.
    const quantitiesIn = (names: readonly string[]) => new Set(names.map((n) => n.replace(/^-|@.*$/g, "")));
    const how = (by: string, candidates: readonly string[]) => {
      if (by === "symbol") {
        const others = candidates.length > 0 ? ` (it is the value of ${candidates.join(", ")})` : "";
        return `named by its symbol; no quantity it names has this value${others}`;
      }
      if (quantitiesIn(candidates).size === 1) {
        return candidates.length === 1
          ? "by value, the only match"
          : "by value, the only match (the same at later steps)";
      }
      return `by value; ${candidates.length} candidates: ${candidates.join(", ")}`;
    };
    const lines = table(
      [
        ["line", "symbol", "printed", "quantity", "placed"],
        ...rows.map((r) => [
          String(r.p.location.line),
          r.p.symbol,
          r.p.printed,
          r.placed!.quantity,
          how(r.placed!.by, r.placed!.candidates),
        ]),
      ],
      [0],
    );
    const tail = written
      ? `Wrote the ${rows.length} quantities into ${file}.`
      : `${rows.length} number${rows.length === 1 ? "" : "s"} placed; --write puts the quantities into ${file}.`;
    io.stdout(`${lines.join("\n")}\n\n${tail}\n`);
    return EXIT.ok;
  },
};

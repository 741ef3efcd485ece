import { InputError } from "@bpcheck/golden";
import { programLines, type PublishedProgram } from "./program-output.ts";

/**
 * The program text with the named patches applied, in the order given: each edit puts
 * its corrected text in place of its written text on its line, where the written text
 * must stand exactly once (after the patches before it). Anything else is an InputError
 * naming the patch in program-output.json: a patch is data about the text, and one that
 * does not fit the text would replay another program.
 */
export function applyPatches(program: PublishedProgram, patchIds: readonly string[]): string {
  const { output, outputFile } = program;
  const { firstLine, lastLine } = output.source.program;
  const lines = programLines(program.text);
  for (const id of patchIds) {
    const k = output.patches.findIndex((p) => p.id === id);
    if (k < 0) throw new InputError(outputFile, "$.patches", `expected a patch with id "${id}"`);
    output.patches[k]!.edits.forEach((edit, j) => {
      const path = `$.patches[${k}].edits[${j}]`;
      if (edit.line < firstLine || edit.line > lastLine) {
        throw new InputError(
          outputFile,
          `${path}.line`,
          `expected a line of the program (${firstLine}–${lastLine}), got ${edit.line}`,
        );
      }
      const line = lines[edit.line - firstLine]!;
      const at = line.indexOf(edit.written);
      if (at < 0 || line.indexOf(edit.written, at + 1) >= 0) {
        const after = patchIds.slice(0, patchIds.indexOf(id));
        throw new InputError(
          outputFile,
          `${path}.written`,
          `expected "${edit.written}" ${at < 0 ? "" : "only once "}on line ${edit.line} of ${output.source.program.file}${after.length > 0 ? ` (after ${after.join(", ")})` : ""}, the line is "${line.trim()}"`,
        );
      }
      lines[edit.line - firstLine] =
        line.slice(0, at) + edit.corrected + line.slice(at + edit.written.length);
    });
  }
  return `${lines.join("\n")}\n`;
}

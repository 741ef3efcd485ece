import { setFlagsFromString } from "node:v8";

/**
 * V8's optimising compiler inlines Array.prototype.map and its kin, and the inlined map
 * builds holey arrays where the interpreter builds packed ones. Training in the exact mode
 * runs its generic step once an epoch, so the step is optimised only after hundreds of
 * epochs; from then on every function optimised before meets arrays of a second kind,
 * deoptimises and is compiled again, for thousands of epochs. Without that inlining every
 * array keeps one kind: `bpcheck train --mode exact --digits 50 --epochs 5000` takes
 * 13-26% less time, and no command measured takes more (`pnpm bench`, `pnpm bench:startup`).
 *
 * Called before any command is loaded (the compiler reads the flag when it optimises a
 * function), by the bin and by the scripts that time commands in-process.
 */
export function applyV8Flags(): void {
  setFlagsFromString("--no-turbo-inline-array-builtins");
}

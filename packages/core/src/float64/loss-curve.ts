/**
 * The kernel's loss curve: an array of `epochs` numbers allocated once, at its final
 * length, which the trainers fill by index. Pushing a loss per epoch instead called V8's
 * push out of the optimised loop and grew the array 26 times on the way to a million
 * epochs, each time copying it into fresh memory: on the seed network, 10–20 ns more per
 * epoch than these stores, of about 130 ns (alternating runs of two million epochs on a
 * loaded machine). Filled with NaN (a double) so that the array already holds unboxed
 * doubles, and the loop's stores never change its kind.
 */
export function lossCurveOf(epochs: number): number[] {
  // The one argument is the length (`Array.from({ length })` would build the array element by element).
  // oxlint-disable-next-line unicorn/no-new-array
  return new Array<number>(epochs).fill(NaN);
}

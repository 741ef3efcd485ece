/**
 * The kernel's loss curve: an array of `epochs` doubles allocated once, at its final
 * length, which the trainers fill by index. Filled with NaN first so that V8 stores it as
 * unboxed doubles from the start (an array of a few thousand entries and more made by
 * `new Array(n)` alone holds no elements yet, and filling it with a small integer would
 * store integers, converted again at the first loss). Pushing a loss per epoch instead
 * calls V8's push outside the optimised loop and grows the array about 35 times on the
 * way to a million epochs, copying it each time: on the seed network that cost more than
 * a third of an epoch.
 */
export function lossCurveOf(epochs: number): number[] {
  return new Array<number>(epochs).fill(NaN);
}

/**
 * The largest and smallest of many numbers, in one pass. `Math.max(...xs)` passes every
 * element as an argument and fails beyond about 120,000 of them; these take any length.
 * Of an empty list: `empty` (default -Infinity for maxOf, Infinity for minOf, as Math's).
 */
export function maxOf(xs: Iterable<number>, empty = -Infinity): number {
  let best = -Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x > best || Number.isNaN(x)) best = x;
    if (Number.isNaN(best)) return NaN;
  }
  return any ? best : empty;
}

export function minOf(xs: Iterable<number>, empty = Infinity): number {
  let best = Infinity;
  let any = false;
  for (const x of xs) {
    any = true;
    if (x < best || Number.isNaN(x)) best = x;
    if (Number.isNaN(best)) return NaN;
  }
  return any ? best : empty;
}

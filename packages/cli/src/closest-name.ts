/** Edit distance (insertions, deletions, substitutions, and swaps of two neighbours). */
function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The name most like `given` (a typo, a prefix, or its initials), or null when none is
 * close enough to be a plausible meaning: at most a third of its letters wrong.
 */
export function closestName(given: string, names: readonly string[]): string | null {
  // "learning-rate" also stands for its initials, "lr".
  const initials = given.includes("-")
    ? given
        .split("-")
        .map((w) => w[0] ?? "")
        .join("")
    : null;
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const name of names) {
    const d =
      (name.startsWith(given) && given.length >= 2) || name === initials ? 0.5 : distance(given, name);
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  return bestDistance <= Math.max(1, Math.floor(Math.max(given.length, 3) / 3)) ? best : null;
}

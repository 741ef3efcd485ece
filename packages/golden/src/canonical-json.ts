/**
 * The one serialisation of every generated fixture: keys in the order the generator
 * built them, 2-space indent, a trailing newline. Numbers in fixtures are strings, so
 * nothing here depends on how an engine prints doubles.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + "\n";
}

/**
 * The JSONPath of the first place where two JSON values differ (in document order), or
 * null when they are equal. Used to say which field of a stale fixture changed.
 */
export function firstDifference(committed: unknown, fresh: unknown, path = "$"): string | null {
  if (Object.is(committed, fresh)) return null;
  if (Array.isArray(committed) && Array.isArray(fresh)) {
    for (let i = 0; i < Math.max(committed.length, fresh.length); i++) {
      const d = firstDifference(committed[i], fresh[i], `${path}[${i}]`);
      if (d !== null) return d;
    }
    return null;
  }
  if (isObject(committed) && isObject(fresh)) {
    const keys = [...new Set([...Object.keys(fresh), ...Object.keys(committed)])];
    for (const k of keys) {
      const d = firstDifference(
        committed[k],
        fresh[k],
        /^[A-Za-z_$][\w$]*$/.test(k) ? `${path}.${k}` : `${path}[${JSON.stringify(k)}]`,
      );
      if (d !== null) return d;
    }
    // Same keys and values in another order: the bytes differ, the key order is the change.
    return Object.keys(committed).join() === Object.keys(fresh).join() ? null : `${path} (key order)`;
  }
  return path;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The CLI's exit codes, in one place. */
export const EXIT = {
  /** Everything checked out. */
  ok: 0,
  /** A check failed: a mismatch, an unexplained erratum, a stale fixture. */
  checkFailed: 1,
  /** Bad input or usage. */
  badInput: 2,
} as const;

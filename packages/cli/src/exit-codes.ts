/**
 * The CLI's exit codes, in one place (README "Bad input" and `bpcheck --help` list them
 * from here).
 */
export const EXIT = {
  /** Everything checked out. */
  ok: 0,
  /** A check failed: a mismatch, an unexplained erratum, a stale fixture, a value outside its function's domain. */
  checkFailed: 1,
  /** Bad input, bad usage, or a request over its budget: one line naming what to fix. */
  badInput: 2,
  /** A bug in bpcheck: one line asking for a report (the stack with --debug or BPCHECK_DEBUG=1). */
  internalError: 70,
  /** Standard output could not be written (a full disk, a closed device). */
  outputError: 74,
} as const;

/** The exit codes as help text lines. */
export const EXIT_CODE_LINES: readonly string[] = [
  `  ${EXIT.ok}   all good`,
  `  ${EXIT.checkFailed}   a check failed, or a value left its function's domain`,
  `  ${EXIT.badInput}   bad input, bad usage, or over the time or memory budget (one line says what)`,
  `  ${EXIT.internalError}  a bug in bpcheck: please report it (--debug shows the stack)`,
  `  ${EXIT.outputError}  standard output could not be written`,
];

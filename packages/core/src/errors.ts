/**
 * The errors a user can act on. The CLI prints their message as one line and exits 2;
 * anything else that is thrown is a bug in bpcheck (exit 70, asking for a report). A
 * failure that is not the user's doing must never be one of these, and these are the only
 * errors mapped to exit 2 (no guessing from an error's class or message).
 */
export abstract class UserError extends Error {
  abstract readonly kind: "input" | "usage" | "budget";
}

/** A mistake in a file the user gave: the file, where in it (a JSONPath or line:column), what was expected. */
export class InputError extends UserError {
  override readonly name = "InputError";
  readonly kind = "input";
  constructor(
    readonly file: string,
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${file}: ${path}: ${expected}`);
  }
}

/** A mistake on the command line: the flag or argument, and what was expected. */
export class UsageError extends UserError {
  override readonly name = "UsageError";
  readonly kind = "usage";
  constructor(
    readonly flag: string,
    readonly expected: string,
  ) {
    super(`${flag}: ${expected}`);
  }
}

/**
 * A request that is valid but would exceed a budget (time or memory), refused before any
 * work: what was asked, the estimate, the limit and the ways out.
 */
export class BudgetError extends UserError {
  override readonly name = "BudgetError";
  readonly kind = "budget";
  constructor(
    readonly what: string,
    readonly estimate: string,
    readonly limit: string,
    readonly remedies: string,
    readonly resource: "time" | "memory" = "time",
  ) {
    const needs = resource === "time" ? `take about ${estimate}` : `need about ${estimate} of memory`;
    super(`${what} would ${needs} (limit ${limit}): ${remedies}`);
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/**
 * A valid case whose arithmetic leaves a function's domain in one mode (ln of 0 or of a
 * negative number, a division by zero, exp overflowing a float format). Not the user's
 * mistake and not a bug: a result, reported as one line naming the mode, the operation
 * and why (exit 1).
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    /** The number system: a field's name (`exact`, `float64`, `float32`). */
    readonly mode: string,
    readonly operation: string,
    readonly why: string,
    /** The canonical name of the quantity whose computation left the domain, once found. */
    readonly quantity: string | null = null,
  ) {
    const system = mode === "exact" ? "the exact mode" : mode;
    super(`in ${system}, ${quantity === null ? "" : `${quantity}: `}${operation} is undefined: ${why}`);
  }

  /** The same error naming the quantity it arose in. */
  at(quantity: string): DomainError {
    return new DomainError(this.mode, this.operation, this.why, quantity);
  }
}

/**
 * The limits on what a case may ask for, beyond those its schema states (layers ≤ 16,
 * units and inputs ≤ 256, samples ≤ 10,000, epochs ≤ 1,000,000). Each keeps an allowed
 * input within the time and memory budgets; the README's "Bad input" section lists them
 * and the Python check (scripts/crosscheck/bpref/limits.py) holds the same numbers.
 */
export const LIMITS = {
  /** Largest magnitude of a case number, so that every mode (float32 too) can hold it. */
  maxMagnitude: 1e30,
  /** Longest decimal string of a weight, bias, input, target or learning rate (the exact mode's 2000 digits and some). */
  maxNumberChars: 2100,
  /** Longest printed number (a source prints a handful of digits). */
  maxPrintedChars: 64,
  /** Published numbers: at most this many decimals, and at least this many (negative: tens, hundreds). */
  maxPrintedDecimals: 60,
  minPrintedDecimals: -30,
  /** Published numbers and symbols a case may hold. */
  maxPublished: 10_000,
  maxSymbols: 10_000,
} as const;

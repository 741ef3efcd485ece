/** Where a command reads and writes: injected, so tests need no spies on process. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for a case file given as "-"). */
  readonly readStdin: () => Promise<string>;
  /** Writes a file a command was asked to produce (`--plot`, `--output`), whole or not at all. */
  readonly writeFile: (path: string, text: string) => Promise<void>;
  /** Whether a file exists (so that a command can refuse to overwrite it). */
  readonly exists: (path: string) => boolean;
  /** Asks a question on the terminal and returns the answer (undefined at end of input); null when stdin is not a terminal. */
  readonly ask: ((question: string) => Promise<string | undefined>) | null;
  /** Whether stdout and stderr are terminals (colour on stdout, a progress bar on stderr). */
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  /** Whether stdin is a terminal (a case read from it is typed by hand: say so on stderr). */
  readonly stdinIsTTY: boolean;
  /** The width of the terminal stdout is, in columns, or null when it is not one. */
  readonly columns: number | null;
  /** The environment (for NO_COLOR and TERM). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Milliseconds from an arbitrary origin (for the progress bar's delay and pacing). */
  readonly now: () => number;
}

/**
 * An Io for running commands inside another program (the bench and docs scripts): no
 * terminal, no environment, empty stdin, nothing written and no file existing, no one to
 * answer a question; `overrides` supplies what the caller collects or provides.
 */
export function inProcessIo(overrides: Partial<Io> = {}): Io {
  return {
    stdout: () => {},
    stderr: () => {},
    readStdin: async () => "",
    writeFile: async () => {},
    exists: () => false,
    ask: null,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    stdinIsTTY: false,
    columns: null,
    env: {},
    now: () => performance.now(),
    ...overrides,
  };
}

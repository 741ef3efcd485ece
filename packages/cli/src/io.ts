/** Where a command reads and writes: injected, so tests need no spies on process. */
export interface Io {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Reads all of standard input (for a case file given as "-"). */
  readonly readStdin: () => Promise<string>;
}

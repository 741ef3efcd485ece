/**
 * The text shown in place of an exact value none of whose digits is certified (it
 * cancelled or underflowed below its proven error bound, or a branch was undecided):
 * never a digit that might be wrong. `reason` says why, when known.
 */
export function uncertifiedText(reason?: string | null): string {
  return reason === undefined || reason === null ? "no certified digit" : `no certified digit (${reason})`;
}

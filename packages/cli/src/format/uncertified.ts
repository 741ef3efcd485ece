/**
 * The text shown in place of an exact value none of whose digits is certified (it
 * cancelled or underflowed below its proven error bound, or a branch was undecided):
 * never a digit that might be wrong.
 */
export function uncertifiedText(errorBound?: string): string {
  return errorBound === undefined
    ? "no certified digit"
    : `no certified digit (the exact value is within ${errorBound} of 0 or of the working value)`;
}

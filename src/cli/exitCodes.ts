/** Exit statuses, one per kind of outcome; documented in the README. */
export const Exit = {
  verified: 0,
  violated: 1,
  deadlock: 2,
  incomplete: 3,
  /** The command line was wrong (unknown spec, bad --set, an unwritable --out, ...). */
  usage: 64,
  /** A trace file given to `replay` is malformed or does not check out. */
  badTrace: 65,
  /** The spec itself is wrong: an action threw, a value left its domain, an update is not deterministic. */
  specError: 70,
  /** The checker contradicted itself (a replayed trace does not reach the stored state): a bug to report. */
  internal: 71,
} as const

export const exitOf = (verdict: 'verified' | 'violated' | 'deadlock' | 'incomplete' | 'spec-error'): number =>
  verdict === 'spec-error' ? Exit.specError : Exit[verdict]

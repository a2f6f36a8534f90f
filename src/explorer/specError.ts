/**
 * A bug in the spec, not in the checker and not in the user's command line:
 * an action or property that throws, a value outside its domain, an update
 * that is not deterministic. Carries the state it happened in and, lazily,
 * the behaviour that reached it.
 */
export class SpecError extends Error {
  readonly state: unknown
  readonly trace: (() => unknown) | undefined

  constructor(message: string, at: { state?: unknown; trace?: () => unknown } = {}) {
    super(message)
    this.name = 'SpecError'
    this.state = at.state
    this.trace = at.trace
  }
}

/** One-line rendering of a state for messages. */
export const describeState = (s: unknown): string => {
  try { return JSON.stringify(s) } catch { return String(s) }
}

/**
 * A bug in the spec, not in the checker and not in the user's command line:
 * an action or property that throws, a value outside its domain, an update
 * that is not deterministic, a write to the current state, a name that does
 * not exist. Carries the state it happened in (when there is one).
 */
export class SpecError extends Error {
  readonly state: unknown

  constructor(message: string, at: { state?: unknown } = {}) {
    super(message)
    this.name = 'SpecError'
    this.state = at.state
  }
}

/**
 * The checker contradicted itself: a replayed trace does not reach the state
 * the store recorded. Never a user's mistake; reported loudly, never as a
 * wrong trace.
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InternalError'
  }
}

/** One-line rendering of a state for messages. */
export const describeState = (s: unknown): string => {
  try {
    return JSON.stringify(s, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))
  } catch {
    return String(s)
  }
}

export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/**
 * Properties along a whole behaviour, outside the search's hot loop: which
 * properties a trace violates and where (replay, trace shortening, tests).
 * It uses the same compiled checks as the search, in the same order: at each
 * step the transition properties of that step come before the invariants of
 * the state it reaches.
 */
import type { Trace } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'

export interface Occurrence {
  readonly property: string
  readonly kind: 'invariant' | 'property' | 'liveness'
  /** The trace index of the first state (or step) that violates it; 0 is the initial state. */
  readonly at: number
}

/** Every property the behaviour violates, each at its first violation, in the order they occur. */
export function violationsAlong<S>(sys: TransitionSystem<S>, trace: Trace<S>): Occurrence[] {
  const found = new Map<string, Occurrence>()
  const note = (property: string, kind: Occurrence['kind'], at: number) => { if (!found.has(property)) found.set(property, { property, kind, at }) }
  trace.forEach((step, at) => {
    if (at > 0) {
      for (const p of sys.propsOf[step.instance]!) {
        if (!sys.holdsStep(p, step.instance, trace[at - 1]!.state, step.state)) note(sys.properties[p]!.name, 'property', at)
      }
    }
    sys.invariants.forEach((inv, k) => { if (!sys.holdsInvariant(k, step.state)) note(inv.name, 'invariant', at) })
  })
  return [...found.values()]
}

/** The first violation along a behaviour, if any. */
export const firstViolation = <S>(sys: TransitionSystem<S>, trace: Trace<S>): Occurrence | undefined => violationsAlong(sys, trace)[0]

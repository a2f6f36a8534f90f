/**
 * A counterexample found by simulation is a real behaviour but usually a long
 * one. Shortening drops steps while what is left is still a behaviour of the
 * spec that ends in the same violation (or deadlock): first blocks of
 * consecutive steps, in halves, then quarters, and so on down to single steps
 * (ddmin's order); then runs of one thread's own steps, wherever the other
 * threads' steps fall between them (a thread that went round its loop and
 * back is often removable only as a whole). Until no step can go. The result
 * is shorter, not always shortest: only the exhaustive search finds a
 * shortest one.
 */
import type { Trace, TraceStep } from '../explorer/result.js'
import type { Walk } from '../explorer/simulate.js'
import type { PropertyRef, TransitionSystem } from '../semantics/system.js'

/** The walk replayed with the reference semantics; undefined if a step is not enabled. */
export function walkTrace<S>(sys: TransitionSystem<S>, walk: Walk, inits = sys.initial()): Trace<S> | undefined {
  let s = inits[walk.init]!.state
  const out: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
  for (const i of walk.steps) {
    const next = sys.applyReference(i, s)
    if (next === undefined) return undefined
    s = next
    out.push({ action: sys.instances[i]!.action.name, params: sys.instances[i]!.params, instance: i, state: s })
  }
  return out
}

/** Where the target is first violated along the trace (its index), or -1. */
function firstHit<S>(sys: TransitionSystem<S>, trace: Trace<S>, target: PropertyRef | 'deadlock'): number {
  if (target === 'deadlock') {
    const last = trace[trace.length - 1]!.state
    const stuck = sys.instances.every((_, i) => sys.applyReference(i, last) === undefined) && !sys.isFinal(last)
    return stuck ? trace.length - 1 : -1
  }
  for (let k = 0; k < trace.length; k++) {
    const st = trace[k]!
    if (target.kind === 'invariant' ? !sys.holdsInvariant(target.index, st.state)
      : k > 0 && sys.propsOf[st.instance]!.includes(target.index) && !sys.holdsStep(target.index, st.instance, trace[k - 1]!.state, st.state)) return k
  }
  return -1
}

export function shorten<S>(sys: TransitionSystem<S>, walk: Walk, target: PropertyRef | 'deadlock'): Trace<S> {
  const inits = sys.initial()
  const attempt = (steps: readonly number[]): Trace<S> | undefined => {
    const t = walkTrace(sys, { init: walk.init, steps }, inits)
    if (t === undefined) return undefined
    const k = firstHit(sys, t, target)
    return k < 0 ? undefined : t.slice(0, k + 1)
  }
  let best = attempt(walk.steps)
  if (best === undefined) throw new Error('the walk does not reproduce its own violation')
  const drop = (positions: ReadonlySet<number>): boolean => {
    const steps = best!.slice(1).map(st => st.instance).filter((_, k) => !positions.has(k))
    const shorter = attempt(steps)
    if (shorter === undefined || shorter.length >= best!.length) return false
    best = shorter
    return true
  }
  for (let progress = true; progress;) {
    progress = false
    for (let chunk = Math.max(1, (best.length - 1) >> 1); chunk >= 1; chunk >>= 1) {
      for (let at = 0; at + chunk <= best.length - 1; at++) {
        if (drop(new Set(Array.from({ length: chunk }, (_, k) => at + k)))) { progress = true; at-- }
      }
    }
    // Runs of one actor's own steps, longest first.
    const actors = new Map<string, number[]>()
    best.slice(1).forEach((st, k) => { const a = sys.instances[st.instance]!.actor ?? ''; (actors.get(a) ?? actors.set(a, []).get(a)!).push(k) })
    for (const own of actors.values()) {
      for (let len = own.length; len >= 2 && !progress; len--) {
        for (let at = 0; at + len <= own.length && !progress; at++) progress = drop(new Set(own.slice(at, at + len)))
      }
      if (progress) break
    }
  }
  return best
}

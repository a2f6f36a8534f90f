/**
 * Among shortest counterexamples, prefer one with fewer switches between
 * threads: long ping-pong traces are hard to read (tlaplus issue 1084).
 *
 * BFS gives some shortest trace. This pass moves one step (or a run of one
 * thread's steps) at a time to another position whenever the reordered trace
 * is still a valid behaviour to the same final state, violates the property
 * only at its end, and has fewer switches; until no move helps. The length
 * and the final state never change, so the trace stays shortest. (A local
 * search: fewer switches, not always the fewest.)
 */
import type { Trace, TraceStep } from '../explorer/result.js'
import type { PropertyRef, TransitionSystem } from '../semantics/system.js'

export function fewerSwitches<S>(
  sys: TransitionSystem<S>, trace: Trace<S>,
  /**
   * The violated property: an invariant must keep holding in every state but
   * the last; a transition property on every step but the last, which stays put.
   */
  target: PropertyRef | undefined,
): Trace<S> {
  const actorOf = (st: TraceStep<S>) => (st.instance < 0 ? undefined : sys.instances[st.instance]!.actor)
  if (trace.length < 3 || trace.slice(1).some(st => actorOf(st) === undefined)) return trace
  const key = (x: S) => sys.encode(x).join(',')
  const goal = key(trace[trace.length - 1]!.state)
  const property = target?.kind === 'property' ? target.index : -1
  const invariant = target?.kind === 'invariant' ? target.index : -1
  /** Replays a reordering; undefined unless it is a valid behaviour to the same state that violates only at the end. */
  const replay = (order: readonly TraceStep<S>[]): TraceStep<S>[] | undefined => {
    const out: TraceStep<S>[] = [trace[0]!]
    for (let i = 1; i < order.length; i++) {
      const pre = out[i - 1]!.state
      const next = sys.applyReference(order[i]!.instance, pre)
      if (next === undefined) return undefined
      const last = i === order.length - 1
      if (!last && invariant >= 0 && !sys.holdsInvariant(invariant, next)) return undefined
      if (!last && property >= 0 && sys.propsOf[order[i]!.instance]!.includes(property) && !sys.holdsStep(property, order[i]!.instance, pre, next)) return undefined
      out.push({ ...order[i]!, state: next })
    }
    return key(out[out.length - 1]!.state) === goal ? out : undefined
  }
  // Move a run of one actor's steps (or a prefix of it) to wherever that lowers the switch count, until no move does.
  let best: TraceStep<S>[] = [...trace]
  let bestSwitches = countSwitches(sys, best)
  const lastMovable = property >= 0 ? best.length - 2 : best.length - 1
  for (let improved = true; improved;) {
    improved = false
    for (let i = 1; i <= lastMovable && !improved; i++) {
      let run = 1
      while (i + run <= lastMovable && actorOf(best[i + run]!) === actorOf(best[i]!)) run++
      for (let len = 1; len <= run && !improved; len++) for (let j = 1; j + len - 1 <= lastMovable && !improved; j++) {
        if (j === i) continue
        const order = [...best]
        const moved = order.splice(i, len)
        order.splice(j, 0, ...moved)
        if (countSwitches(sys, order) >= bestSwitches) continue
        const replayed = replay(order)
        if (replayed === undefined) continue
        best = replayed
        bestSwitches = countSwitches(sys, best)
        improved = true
      }
    }
  }
  return best
}

/** How many times consecutive steps are taken by different actors. */
export function countSwitches<S>(sys: TransitionSystem<S>, trace: Trace<S>): number {
  let n = 0
  for (let i = 2; i < trace.length; i++) {
    if (sys.instances[trace[i - 1]!.instance]!.actor !== sys.instances[trace[i]!.instance]!.actor) n++
  }
  return n
}

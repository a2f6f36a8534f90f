/**
 * Among shortest counterexamples, prefer one with fewer switches between
 * threads: long ping-pong traces are hard to read (tlaplus issue 1084).
 *
 * BFS gives some shortest trace. This pass moves one step at a time to
 * another position whenever the reordered trace is still a valid behaviour to
 * the same final state, violates the property only at its end, and has fewer
 * switches; until no move helps. The length and the final state never change,
 * so the trace stays shortest. (A local search: fewer switches, not always
 * the fewest.)
 */
import type { Codec } from '../model/codec.js'
import type { Invariant, TransitionProperty } from '../model/spec.js'
import { applyReference } from './executor.js'
import type { Instance } from './instances.js'
import { stepHolds } from '../invariants/check.js'
import type { Trace, TraceStep } from './result.js'

export function fewerSwitches<S>(
  codec: Codec<S>, table: readonly Instance<S>[], trace: Trace<S>,
  /**
   * The violated property: an invariant must keep holding in every state but
   * the last; a transition property on every step but the last, which stays put.
   */
  target: { invariant: Invariant<S> } | { property: TransitionProperty<S> } | undefined,
): Trace<S> {
  const property = target && 'property' in target ? target.property : undefined
  const invariant = target && 'invariant' in target ? target.invariant : undefined
  const actorOf = (st: TraceStep<S>) => (st.instance < 0 ? undefined : table[st.instance]!.action.actor?.(st.params as never))
  if (trace.length < 3 || trace.slice(1).some(st => actorOf(st) === undefined)) return trace
  const key = (x: S) => { const w = new Uint32Array(codec.words); codec.encode(x, w, 0); return w.join(',') }
  const goal = key(trace[trace.length - 1]!.state)
  const switches = (seq: readonly TraceStep<S>[]) => {
    let n = 0
    for (let i = 2; i < seq.length; i++) if (actorOf(seq[i - 1]!) !== actorOf(seq[i]!)) n++
    return n
  }
  /** Replays a reordering; undefined unless it is a valid behaviour to the same state that violates only at the end. */
  const replay = (order: readonly TraceStep<S>[]): TraceStep<S>[] | undefined => {
    const out: TraceStep<S>[] = [trace[0]!]
    for (let i = 1; i < order.length; i++) {
      const pre = out[i - 1]!.state
      const next = applyReference(table[order[i]!.instance]!, pre)
      if (next === undefined) return undefined
      const last = i === order.length - 1
      if (!last && invariant && !invariant.holds(next)) return undefined
      if (!last && property && !stepHolds(property, pre, { action: order[i]!.action, params: order[i]!.params }, next)) return undefined
      out.push({ ...order[i]!, state: next })
    }
    return key(out[out.length - 1]!.state) === goal ? out : undefined
  }
  // Move a run of one actor's steps (or a prefix of it) to wherever that lowers the switch count, until no move does.
  let best: TraceStep<S>[] = [...trace]
  let bestSwitches = switches(best)
  const lastMovable = property ? best.length - 2 : best.length - 1
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
        if (switches(order) >= bestSwitches) continue
        const replayed = replay(order)
        if (replayed === undefined) continue
        best = replayed
        bestSwitches = switches(best)
        improved = true
      }
    }
  }
  return best
}

/** How many times consecutive steps are taken by different actors. */
export function countSwitches<S>(table: readonly Instance<S>[], trace: Trace<S>): number {
  let n = 0
  for (let i = 2; i < trace.length; i++) {
    const x = table[trace[i - 1]!.instance]!.action.actor?.(trace[i - 1]!.params as never)
    const y = table[trace[i]!.instance]!.action.actor?.(trace[i]!.params as never)
    if (x !== y) n++
  }
  return n
}

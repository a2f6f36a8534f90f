/**
 * A path of store ids -> a trace of states, by replaying the recorded action
 * instances from the recorded initial state with the reference (immer)
 * semantics. Every replayed state must be the one the store recorded for
 * that id (its key must match, as TLC checks fingerprints when it rebuilds a
 * trace): a mismatch means the checker contradicts itself, and is reported
 * loudly, never as a wrong trace.
 */
import type { Path, Trace, TraceStep } from '../explorer/result.js'
import type { StateStore } from '../explorer/store.js'
import { InternalError, SpecError } from '../semantics/specError.js'
import type { TransitionSystem } from '../semantics/system.js'

export function rebuild<S>(sys: TransitionSystem<S>, store: StateStore, path: Path): Trace<S> {
  const [root, ...rest] = path.ids
  if (root === undefined) throw new InternalError('an empty path')
  const inits = sys.initial()
  const init = inits[store.viaOf(root)]
  if (init === undefined || !store.matches(root, init.words, 0)) {
    throw new InternalError(`the trace's initial state is not the one the store recorded as state ${root}`)
  }
  let s = init.state
  const out: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
  const step = (instance: number, check: (w: Uint32Array) => boolean, what: string) => {
    const inst = sys.instances[instance]!
    const next = sys.applyReference(instance, s)
    if (next === undefined) {
      throw new SpecError(`replaying the search's step ${out.length} (${inst.label}): the action is not enabled where the search took it, so the spec is not deterministic`, { state: s })
    }
    if (!check(sys.encode(next))) {
      throw new InternalError(`replaying step ${out.length} (${inst.label}) reaches a state other than the ${what}: the spec is not deterministic, or the checker is wrong`)
    }
    s = next
    out.push({ action: inst.action.name, params: inst.params, instance, state: s })
  }
  for (const id of rest) step(store.viaOf(id), w => store.matches(id, w, 0), `state the store recorded as ${id}`)
  const last = path.last
  if (last !== undefined) step(last.instance, w => w.every((x, k) => x === last.words[k]), 'successor the search checked')
  return out
}

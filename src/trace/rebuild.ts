/**
 * A path of store ids -> a trace of states, by replaying the recorded action
 * instances from the recorded initial state with the reference (immer)
 * semantics. Every replayed state must be the one the store recorded for
 * that id (its key must match, as TLC checks fingerprints when it rebuilds a
 * trace): a mismatch means the checker contradicts itself, and is reported
 * loudly, never as a wrong trace.
 *
 * Under symmetry reduction the store holds one normal form per orbit, and a
 * recorded instance was taken from that normal form, not from the state the
 * replay has reached. So each step looks for an instance whose successor
 * normalises to the recorded key (the recorded one first): the trace is a
 * real behaviour of the unreduced model, which `replay` re-checks as it is.
 */
import type { Path, Trace, TraceStep } from '../explorer/result.js'
import type { StoreReader } from '../explorer/store.js'
import { InternalError, SpecError } from '../semantics/specError.js'
import type { TransitionSystem } from '../semantics/system.js'

/** `lastStep`, when given, must also accept the final step of a path that has one (the step that violates a transition property). */
export function rebuild<S>(sys: TransitionSystem<S>, store: StoreReader, path: Path, lastStep?: (instance: number, s: S, next: S) => boolean): Trace<S> {
  const [root, ...rest] = path.ids
  if (root === undefined) throw new InternalError('an empty path')
  const canon = sys.canonical
  const key = (w: Uint32Array): Uint32Array => {
    if (canon === undefined) return w
    const c = w.slice()
    canon.canonicalise(c)
    return c
  }
  /** Whether the replayed state w is (under symmetry: is in the orbit of) the state that `isIt` recognises. */
  const same = (w: Uint32Array, isIt: (c: Uint32Array) => boolean): boolean => {
    if (canon === undefined) return isIt(w)
    const c = new Uint32Array(w.length)
    return canon.renamings.some(r => {
      canon.permute(w, r, c)
      canon.canonicalise(c)
      return isIt(c)
    })
  }
  const storedAs = (id: number) => (c: Uint32Array) => store.matches(id, c, 0)
  const inits = sys.initial()
  const init = inits[store.viaOf(root)]
  if (init === undefined || !same(init.words, storedAs(root))) {
    throw new InternalError(`the trace's initial state is not the one the store recorded as state ${root}`)
  }
  let s = init.state
  const out: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
  const step = (recorded: number, fits: (w: Uint32Array, instance: number, next: S) => boolean, what: string) => {
    const tryInstance = (i: number): S | undefined => {
      const next = sys.applyReference(i, s)
      return next !== undefined && fits(sys.encode(next), i, next) ? next : undefined
    }
    let instance = recorded
    let next = tryInstance(recorded)
    if (next === undefined && canon !== undefined) {
      for (let i = 0; i < sys.instances.length && next === undefined; i++) if (i !== recorded) { next = tryInstance(i); instance = i }
    }
    if (next === undefined) {
      const inst = sys.instances[recorded]!
      if (sys.applyReference(recorded, s) === undefined) {
        throw new SpecError(`replaying the search's step ${out.length} (${inst.label}): the action is not enabled where the search took it, so the spec is not deterministic`, { state: s })
      }
      throw new InternalError(`replaying step ${out.length} (${inst.label}) reaches a state other than the ${what}: the spec is not deterministic, or the checker is wrong`)
    }
    s = next
    const inst = sys.instances[instance]!
    out.push({ action: inst.action.name, params: inst.params, instance, state: s })
  }
  for (const id of rest) step(store.viaOf(id), w => same(w, storedAs(id)), `state the store recorded as ${id}`)
  const last = path.last
  if (last !== undefined) {
    const target = key(last.words)
    const prev = () => out[out.length - 1]!.state
    step(last.instance, (w, i, next) => same(w, c => c.every((x, k) => x === target[k])) && (lastStep?.(i, prev(), next) ?? true), 'successor the search checked')
  }
  return out
}

/**
 * A lasso by store ids as a trace: replayed from its initial state like a
 * path, each state checked against the store; then the closing step must lead
 * back to the state where the loop starts (or, without one, the last state
 * stutters). Returns the trace of the prefix and the loop, without repeating
 * the loop's first state.
 */
export function rebuildLasso<S>(sys: TransitionSystem<S>, store: StoreReader, lasso: { states: readonly number[]; instances: readonly number[]; loop: number; closing: number | undefined }): Trace<S> {
  const inits = sys.initial()
  const root = lasso.states[0]!
  const init = inits[store.viaOf(root)]
  if (init === undefined || !store.matches(root, init.words, 0)) throw new InternalError(`the lasso's initial state is not the one the store recorded as state ${root}`)
  let s = init.state
  const out: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
  lasso.instances.forEach((i, k) => {
    const next = sys.applyReference(i, s)
    if (next === undefined || !store.matches(lasso.states[k + 1]!, sys.encode(next), 0)) {
      throw new InternalError(`replaying the lasso's step ${k + 1} (${sys.instances[i]!.label}) does not reach the state the search recorded`)
    }
    s = next
    out.push({ action: sys.instances[i]!.action.name, params: sys.instances[i]!.params, instance: i, state: s })
  })
  if (lasso.closing !== undefined) {
    const back = sys.applyReference(lasso.closing, s)
    if (back === undefined || !store.matches(lasso.states[lasso.loop]!, sys.encode(back), 0)) {
      throw new InternalError(`the lasso's closing step (${sys.instances[lasso.closing]!.label}) does not lead back to the start of its loop`)
    }
  }
  return out
}

/**
 * Rebuilds a behaviour by replaying recorded action instances from an initial
 * state with the reference (immer) semantics. Each replayed step must be
 * enabled and must encode to a state in the declared domains; a failure means
 * an action is impure or not deterministic, which is a spec error.
 */
import type { Codec } from '../model/codec.js'
import { applyReference } from './executor.js'
import type { Instance } from './instances.js'
import { showInstance } from './instances.js'
import type { Trace, TraceStep } from './result.js'
import { SpecError } from './specError.js'

export function reconstruct<S>(codec: Codec<S>, table: readonly Instance<S>[], init: S, steps: readonly number[]): Trace<S> {
  let s = init
  const out: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
  const scratch = new Uint32Array(codec.words)
  for (const i of steps) {
    const inst = table[i]!
    const next = applyReference(inst, s)
    if (next === undefined) {
      throw new SpecError(`replay: ${showInstance(inst.action.name, inst.params)} is not enabled where the search took it; the spec is not deterministic`, { state: s })
    }
    if (codec.encode(next, scratch, 0) !== -1) {
      throw new SpecError(`replay: ${showInstance(inst.action.name, inst.params)} left the declared domains: ${codec.findShapeError(next)}`, { state: s })
    }
    s = next
    out.push({ action: inst.action.name, params: inst.params, instance: i, state: s })
  }
  return out
}

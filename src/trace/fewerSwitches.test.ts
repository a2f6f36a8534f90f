import { describe, expect, test } from 'vitest'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import { check } from '../checker.js'
import type { Trace, TraceStep } from '../explorer/result.js'
import { compileVariant } from '../semantics/system.js'
import { countSwitches, fewerSwitches } from './fewerSwitches.js'

describe('fewer switches among shortest counterexamples', () => {
  const sys = compileVariant(tdpMmu, 'no-fix')
  // A shortest I1k trace with the most ping-pong BFS could give: alternate vCPUs wherever allowed.
  const pingPong = ['GuestAcceptExit', 'GuestAcceptExit', 'FaultLock', 'FaultLock', 'ReadLeaf', 'SetFreeze', 'SetExternalSpte', 'SetPublish', 'ReadLeaf', 'SetFreeze']
  const threads = [1, 0, 0, 1, 0, 0, 0, 0, 1, 1]
  const steps = pingPong.map((name, i) => sys.instances.findIndex(t => t.action.name === name &&
    (t.params['v'] ?? t.params['t']) === threads[i] && (t.params['fail'] ?? 'none') === 'none'))
  const replay = (instances: readonly number[]): Trace<any> => {
    let s = sys.initial()[0]!.state
    const out: TraceStep<any>[] = [{ action: 'Init', params: {}, instance: -1, state: s }]
    for (const i of instances) {
      s = sys.applyReference(i, s)!
      out.push({ action: sys.instances[i]!.action.name, params: sys.instances[i]!.params, instance: i, state: s })
    }
    return out
  }
  const trace = replay(steps)
  const prop = sys.propertyRef('property', sys.properties.findIndex(p => p.name === 'I1k_NoBugOnWasPresent'))

  test('reordering keeps the length and the final state, and the property is violated only by the last step', () => {
    const better = fewerSwitches(sys, trace, prop)
    expect(better).toHaveLength(trace.length)
    expect(better[better.length - 1]!.state).toEqual(trace[trace.length - 1]!.state)
    expect(countSwitches(sys, trace)).toBe(4)
    expect(countSwitches(sys, better)).toBe(2)
    // Replaying the reordered steps from the initial state gives the same states.
    expect(replay(better.slice(1).map(s => s.instance)).map(s => s.state)).toEqual(better.map(s => s.state))
  })

  test('the checker returns that low-switch form', () => {
    const r = check(sys)
    expect(r.verdict).toBe('violated')
    if (r.verdict === 'violated') expect(countSwitches(sys, r.trace)).toBe(2)
  })
})

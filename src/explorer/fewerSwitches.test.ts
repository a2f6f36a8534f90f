import { describe, expect, test } from 'vitest'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import { makeCodec } from '../model/codec.js'
import { resolveParams } from '../model/params.js'
import { explore } from './explore.js'
import { countSwitches, fewerSwitches } from './fewerSwitches.js'
import { instanceTable } from './instances.js'
import { reconstruct } from './trace.js'

describe('fewer switches among shortest counterexamples', () => {
  const r0 = resolveParams(tdpMmu, 'no-fix', [])
  if (r0._tag === 'Left') throw new Error(r0.left)
  const model = tdpMmu.build(r0.right.params)
  const table = instanceTable(model)
  const codec = makeCodec(model.vars)
  // A shortest I1k trace with the most ping-pong BFS could give: alternate vCPUs wherever allowed.
  const pingPong = ['GuestAcceptExit', 'GuestAcceptExit', 'FaultLock', 'FaultLock', 'ReadLeaf', 'SetFreeze', 'SetExternalSpte', 'SetPublish', 'ReadLeaf', 'SetFreeze']
  const threads = [1, 0, 0, 1, 0, 0, 0, 0, 1, 1]
  const steps = pingPong.map((name, i) => table.findIndex(t => t.action.name === name &&
    (t.params['v'] ?? t.params['t']) === threads[i] && (t.params['busy'] ?? false) === false))
  const trace = reconstruct(codec, table, model.init()[0]!, steps)
  const prop = model.properties!.find(p => p.name === 'I1k_NoBugOnWasPresent')!

  test('reordering keeps the length and the final state, and the property is violated only by the last step', () => {
    const better = fewerSwitches(codec, table, trace, { property: prop })
    expect(better).toHaveLength(trace.length)
    expect(better[better.length - 1]!.state).toEqual(trace[trace.length - 1]!.state)
    expect(countSwitches(table, trace)).toBe(4)
    expect(countSwitches(table, better)).toBe(2)
    // Replaying the reordered steps from the initial state gives the same states.
    expect(reconstruct(codec, table, model.init()[0]!, better.slice(1).map(s => s.instance)).map(s => s.state)).toEqual(better.map(s => s.state))
  })

  test('the explorer returns that low-switch form', () => {
    const r = explore(model)
    expect(r.verdict).toBe('violated')
    if (r.verdict === 'violated') expect(countSwitches(table, r.trace)).toBe(2)
  })
})

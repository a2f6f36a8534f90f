import { describe, expect, test } from 'vitest'
import { int, record } from '../model/domain.js'
import { actionsOf, model } from '../model/spec.js'
import { compileModel } from '../semantics/system.js'
import type { Trace } from '../explorer/result.js'
import { firstViolation } from './check.js'

type S = { x: number }
const action = actionsOf<S>()
const sys = compileModel(model({
  vars: record({ x: int(0, 9) }),
  init: () => [{ x: 0 }],
  actions: [
    action({ name: 'Inc', description: 'x grows by one.', params: {}, when: s => s.x < 9, then: (n, _w, _p, s) => { n.x = s.x + 1 } }),
    action({ name: 'Jump', description: 'x grows by two.', params: {}, when: s => s.x < 8, then: (n, _w, _p, s) => { n.x = s.x + 2 } }),
    action({ name: 'Leap', description: 'x grows by five.', params: {}, when: s => s.x < 5, then: (n, _w, _p, s) => { n.x = s.x + 5 } }),
  ],
  invariants: [{ name: 'Small', description: 'x stays below 3.', holds: s => s.x < 3 }],
  properties: [{ name: 'Up', description: 'Inc and Leap only go up by one.', actions: ['Inc', 'Leap'], holds: (s, _st, n) => n.x === s.x + 1 }],
}))
const trace = (...steps: [string, number][]): Trace<S> => [
  { action: 'Init', params: {}, instance: -1, state: { x: 0 } },
  ...steps.map(([a, x]) => ({ action: a, params: {}, instance: sys.instances.findIndex(i => i.action.name === a), state: { x } })),
]

describe('firstViolation', () => {
  test('none on a good behaviour', () => {
    expect(firstViolation(sys, trace(['Inc', 1], ['Inc', 2]))).toBeUndefined()
  })
  test('an invariant, at the state that breaks it', () => {
    expect(firstViolation(sys, trace(['Inc', 1], ['Inc', 2], ['Inc', 3]))).toEqual({ property: 'Small', kind: 'invariant', at: 3 })
  })
  test('a transition property before the invariant of the same state', () => {
    expect(firstViolation(sys, trace(['Leap', 5]))).toEqual({ property: 'Up', kind: 'property', at: 1 })
  })
  test('a property says nothing about actions it does not constrain', () => {
    expect(firstViolation(sys, trace(['Jump', 2]))).toBeUndefined()
  })
})

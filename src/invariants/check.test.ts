import { describe, expect, test } from 'vitest'
import { int, record } from '../model/domain.js'
import type { Model } from '../model/spec.js'
import { firstViolation, stepHolds } from './check.js'

type S = { x: number }
const model: Model<S> = {
  vars: record({ x: int(0, 9) }),
  init: () => [{ x: 0 }],
  actions: [],
  invariants: [{ name: 'Small', description: 'x stays below 3.', holds: s => s.x < 3 }],
  properties: [{ name: 'Up', description: 'Inc only goes up by one.', actions: ['Inc'], holds: (s, _st, n) => n.x === s.x + 1 }],
}
const inc = { action: 'Inc', params: {} }
const jump = { action: 'Jump', params: {} }

describe('firstViolation', () => {
  test('none on a good behaviour', () => {
    expect(firstViolation(model, [{ x: 0 }, { x: 1 }, { x: 2 }], [inc, inc])).toBeUndefined()
  })
  test('an invariant, at the state that breaks it', () => {
    expect(firstViolation(model, [{ x: 0 }, { x: 1 }, { x: 2 }, { x: 3 }], [inc, inc, inc])).toEqual({ property: 'Small', at: 3 })
  })
  test('a transition property before the invariant of the same state', () => {
    expect(firstViolation(model, [{ x: 0 }, { x: 5 }], [inc])).toEqual({ property: 'Up', at: 1 })
  })
  test('a property says nothing about actions it does not constrain', () => {
    expect(stepHolds(model.properties![0]!, { x: 0 }, jump, { x: 2 })).toBe(true)
    expect(firstViolation(model, [{ x: 0 }, { x: 2 }], [jump])).toBeUndefined()
  })
})

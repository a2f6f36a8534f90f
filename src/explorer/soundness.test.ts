import { describe, expect, test } from 'vitest'
import { array, bool, int, record } from '../model/domain.js'
import { actionsOf, range, type Model } from '../model/spec.js'
import { explore } from '../checker.js'

/**
 * Each test here is a way a verdict could be wrong without the engine noticing.
 * They were written against the engine before it was made to catch them, and
 * failed there.
 */
type C = { x: number; y: boolean }
const c = actionsOf<C>()
const counter = (over: Partial<Model<C>>): Model<C> => ({
  vars: record({ x: int(0, 9), y: bool }),
  init: () => [{ x: 0, y: false }],
  actions: [],
  invariants: [],
  ...over,
})

describe('a write to the current state is a spec error, whatever the executor', () => {
  const cheat = counter({
    actions: [
      c({ name: 'Inc', description: 'x grows.', params: {}, when: s => s.x < 9, then: (n, _w, _p, s) => { n.x = s.x + 1 } }),
      c({ name: 'Cheat', description: 'Writes s.', params: {}, when: s => s.x < 9, then: (n, _w, _p, s) => { (s as C).y = true; n.x = 1 } }),
      c({ name: 'Flip', description: 'y flips.', params: {}, when: () => true, then: (n, _w, _p, s) => { n.y = !s.y } }),
    ],
  })
  test.each(['fast', 'immer'] as const)('%s: then writes s', executor => {
    const r = explore(cheat, { executor, deadlock: false })
    expect(r.verdict).toBe('spec-error')
    expect(r.verdict === 'spec-error' && r.message).toMatch(/Cheat/)
  })

  type L = { held: number[]; n: number }
  const l = actionsOf<L>()
  const sorts: Model<L> = {
    vars: record({ held: array(int(0, 3), 3), n: int(0, 3) }),
    init: () => [{ held: [2, 0, 1], n: 0 }],
    actions: [
      // A realistic slip: sorting the current state's list in a guard.
      l({ name: 'Peek', description: 'Looks at the smallest.', params: {}, when: s => s.held.sort()[0] === 0 && s.n < 3, then: (n, _w, _p, s) => { n.n = s.n + 1 } }),
      l({ name: 'Rot', description: 'Rotates the list.', params: {}, when: s => s.n < 3, then: (n, _w, _p, s) => { n.held = [s.held[1]!, s.held[2]!, s.held[0]!]; n.n = s.n + 1 } }),
    ],
    invariants: [],
  }
  test.each(['fast', 'immer'] as const)('%s: a guard sorts a list of s in place', executor => {
    const r = explore(sorts, { executor, deadlock: false })
    expect(r.verdict).toBe('spec-error')
    expect(r.verdict === 'spec-error' && r.message).toMatch(/Peek/)
  })
})

describe('non-determinism is caught by the default check', () => {
  type B = { x: number }
  const b = actionsOf<B>()
  // Dice fires on one state only, among a thousand transitions.
  const dice: Model<B> = {
    vars: record({ x: int(0, 999) }),
    init: () => [{ x: 0 }],
    actions: [
      b({ name: 'Inc', description: 'x grows.', params: {}, when: s => s.x < 999, then: (n, _w, _p, s) => { n.x = s.x + 1 } }),
      b({ name: 'Dice', description: 'A random jump.', params: {}, when: s => s.x === 500, then: n => { n.x = Math.floor(Math.random() * 1000) } }),
    ],
    invariants: [],
  }
  test('Math.random in an update that fires once', () => {
    const r = explore(dice, { deadlock: false })
    expect(r.verdict).toBe('spec-error')
    expect(r.verdict === 'spec-error' && r.message).toMatch(/Dice is not deterministic/)
  })
})

describe('counterexamples start from the right initial state', () => {
  type X = { x: number }
  test('70,000 initial states, the last one violates', () => {
    const model: Model<X> = {
      vars: record({ x: int(0, 69999) }),
      init: () => Array.from({ length: 70000 }, (_, i) => ({ x: i })),
      actions: [],
      invariants: [{ name: 'NotLast', description: 'x is not 69999.', holds: s => s.x !== 69999 }],
    }
    const r = explore(model, { deadlock: false })
    expect(r.verdict).toBe('violated')
    expect(r.verdict === 'violated' && r.trace.map(st => st.state)).toEqual([{ x: 69999 }])
  })
})

describe('action names in properties are checked', () => {
  test('a misspelt action name is an error when the model is built', () => {
    const model = counter({
      actions: [c({ name: 'Inc', description: 'x grows.', params: {}, when: s => s.x < 9, then: (n, _w, _p, s) => { n.x = s.x + 1 } })],
      properties: [{ name: 'Small', description: 'Inc never reaches 5.', actions: ['Incc'], holds: (_s, _st, n) => n.x < 5 }],
    })
    const r = explore(model, { deadlock: false })
    expect(r.verdict).toBe('spec-error')
    expect(r.verdict === 'spec-error' && r.message).toMatch(/Small.*Incc/)
  })
})

describe('shapes outside the declared domains are spec errors', () => {
  type A = { ops: number[]; k: number }
  const a = actionsOf<A>()
  const ops = (then: (n: A, s: A) => void): Model<A> => ({
    vars: record({ ops: array(int(0, 3), 2), k: int(0, 3) }),
    init: () => [{ ops: [0, 0], k: 0 }],
    actions: [a({ name: 'Bad', description: 'Breaks the shape.', params: {}, when: s => s.k < 3, then: (n, _w, _p, s) => then(n, s) })],
    invariants: [],
  })
  test.each([
    ['push past the declared length', (n: A, s: A) => { n.ops.push(1); n.k = s.k + 1 }, /ops/],
    ['a new record field', (n: A, s: A) => { (n as A & { extra: number }).extra = 1; n.k = s.k + 1 }, /extra/],
    ['NaN', (n: A) => { n.k = Number.NaN }, /k = NaN/],
  ] as const)('%s', (_name, then, message) => {
    for (const executor of ['fast', 'immer'] as const) {
      const r = explore(ops(then), { executor, deadlock: false })
      expect([executor, r.verdict]).toEqual([executor, 'spec-error'])
      expect(r.verdict === 'spec-error' && r.message).toMatch(message)
    }
  })
  test('a whole container replaced by a longer one', () => {
    const r = explore(ops((n, s) => { n.ops = [1, 2, 3]; n.k = s.k + 1 }), { deadlock: false })
    expect(r.verdict === 'spec-error' && r.message).toMatch(/ops has length 3, expected 2/)
  })
})

describe('range() and a spec that reads nothing odd: the checks do not fire on a correct spec', () => {
  test('filter-like counter verifies', () => {
    const model = counter({
      actions: [c({ name: 'Inc', description: 'x grows.', params: { by: range(1, 3) }, when: (s, { by }) => s.x + by <= 9, then: (n, _w, { by }, s) => { n.x = s.x + by } })],
    })
    expect(explore(model, { deadlock: false }).verdict).toBe('verified')
  })
})

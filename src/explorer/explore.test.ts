import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { array, bool, int, record } from '../model/domain.js'
import { actionsOf, range, type Model } from '../model/spec.js'
import { compileModel } from '../semantics/system.js'
import { Bfs } from './bfs.js'
import { explore } from '../checker.js'

/** A random finite transition system: nodes 0..n-1, a multiset of edges, some initial nodes. */
interface Graph { n: number; edges: [number, number][]; inits: number[] }

const graphs = fc.integer({ min: 1, max: 40 }).chain(n => fc.record({
  n: fc.constant(n),
  edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1)), { maxLength: 120 }),
  inits: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 3 }),
}))

/** The reference: ten lines of textbook BFS returning each reachable node's distance. */
function referenceBfs({ edges, inits }: Graph): Map<number, number> {
  const dist = new Map<number, number>(inits.map(x => [x, 0]))
  let frontier = [...dist.keys()]
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = []
    for (const u of frontier) for (const [a, b] of edges) if (a === u && !dist.has(b)) { dist.set(b, d); next.push(b) }
    frontier = next
  }
  return dist
}

/** The same graph as a spec; a node is spread over a record and an array so the codec has work to do. */
type S = { lo: number; hi: number[] }
function graphModel(g: Graph): Model<S> {
  const action = actionsOf<S>()
  const node = (s: S) => s.lo + 5 * s.hi[0]!
  const put = (next: S, k: number) => { next.lo = k % 5; next.hi[0] = Math.floor(k / 5) }
  return {
    vars: record({ lo: int(0, 4), hi: array(int(0, 7), 1) }),
    init: () => g.inits.map(k => ({ lo: k % 5, hi: [Math.floor(k / 5)] })),
    actions: [action({
      name: 'Go', description: 'Follow edge e.', params: { e: range(0, g.edges.length) },
      when: (s, { e }) => node(s) === g.edges[e]![0],
      then: (next, _w, { e }) => put(next, g.edges[e]![1]),
    })],
    invariants: [],
  }
}

describe('explorer agrees with a reference BFS on random transition systems', () => {
  test.each(['fast', 'immer'] as const)('%s executor: same reachable set, same shortest distances, every edge counted', executor => {
    fc.assert(fc.property(graphs, g => {
      const seen = new Map<number, number>()
      const r = explore(graphModel(g), { executor, deadlock: false, observers: [{ onState: (_id, depth, s) => { seen.set(s.lo + 5 * s.hi[0]!, depth) } }] })
      const ref = referenceBfs(g)
      expect(r.verdict).toBe('verified')
      expect(seen).toEqual(ref)
      expect(r.stats.distinctStates).toBe(ref.size)
      expect(r.stats.depth).toBe(Math.max(...ref.values()))
      expect(r.stats.transitions).toBe(g.edges.filter(([a]) => ref.has(a)).length)
    }), { numRuns: 300 })
  })
})

// A counter that may run past its domain, to exercise limits and errors.
type C = { x: number; y: boolean }
const action = actionsOf<C>()
const counter = (over: Partial<Model<C>> & { bumpTo?: number } = {}): Model<C> => ({
  vars: record({ x: int(0, 9), y: bool }),
  init: () => [{ x: 0, y: false }],
  actions: [
    action({ name: 'Inc', description: 'x grows by one.', params: {}, when: s => s.x < (over.bumpTo ?? 9), then: (n, _w, _p, s) => { n.x = s.x + 1 } }),
    action({ name: 'Flip', description: 'y flips.', params: {}, when: () => true, then: (n, _w, _p, s) => { n.y = !s.y } }),
  ],
  invariants: [],
  ...over,
})

describe('limits give incomplete, never verified', () => {
  test('max states', () => {
    const r = explore(counter(), { maxStates: 5 })
    expect(r.verdict).toBe('incomplete')
    if (r.verdict === 'incomplete') expect(r.reason).toMatch(/state limit/)
  })
  test('max depth', () => {
    const r = explore(counter(), { maxDepth: 3 })
    expect(r.verdict).toBe('incomplete')
    expect(r.stats.depth).toBe(3)
  })
  test('a depth limit the search never reaches leaves the verdict alone', () => {
    expect(explore(counter(), { maxDepth: 50 }).verdict).toBe('verified')
  })
  test('max seconds', () => {
    const slow = counter({ invariants: [{ name: 'Slow', description: 'Takes its time.', holds: () => { const t = Date.now() + 3; while (Date.now() < t); return true } }] })
    const r = explore(slow, { maxSeconds: 0 })
    expect(r.verdict).toBe('incomplete')
  })
  test('interrupt (Ctrl-C) stops with incomplete', () => {
    const bfs = new Bfs(compileModel(counter()))
    bfs.interrupt('interrupted by Ctrl-C')
    const r = bfs.run()
    expect(r?.verdict).toBe('incomplete')
  })
  test('the state limit is exact: never more states than asked for', () => {
    for (const n of [1, 3, 5, 19]) {
      const r = explore(counter(), { maxStates: n })
      expect([n, r.verdict, r.stats.distinctStates]).toEqual([n, 'incomplete', n])
    }
    expect(explore(counter(), { maxStates: 20 }).verdict).toBe('verified')
  })
})

describe('verdicts and counterexamples', () => {
  test('the full counter space: 20 states, 10+20-1 = 38 transitions... counted exactly', () => {
    const r = explore(counter())
    expect(r.verdict).toBe('verified')
    expect(r.stats.distinctStates).toBe(20)
    expect(r.stats.transitions).toBe(18 + 20)
    expect(r.stats.outDegreeMin).toBe(1)
    expect(r.stats.outDegreeMax).toBe(2)
    expect(r.stats.collisionProbability).toBe(0)
    expect(r.stats.exact).toBe(true)
  })
  test('an invariant violated by an initial state gives a one-state trace', () => {
    const r = explore(counter({ invariants: [{ name: 'Never', description: 'Never holds.', holds: () => false }] }))
    expect(r.verdict).toBe('violated')
    if (r.verdict === 'violated') expect(r.trace).toHaveLength(1)
  })
  test('a shortest counterexample', () => {
    const r = explore(counter({ invariants: [{ name: 'Small', description: 'x stays below 4.', holds: s => s.x < 4 }] }))
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    expect(r.trace.map(t => t.action)).toEqual(['Init', 'Inc', 'Inc', 'Inc', 'Inc'])
    expect(r.kind).toBe('invariant')
  })
  test('a transition property is checked on the actions it names and its trace ends with the bad step', () => {
    const prop = { name: 'NoFlipAt2', description: 'Flip never fires at x=2.', actions: ['Flip'], holds: (s: C) => s.x !== 2 }
    const r = explore(counter({ properties: [prop] }))
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    expect(r.kind).toBe('property')
    expect(r.trace.map(t => t.action)).toEqual(['Init', 'Inc', 'Inc', 'Flip'])
    const onInc = { ...prop, actions: ['Inc'], holds: (s: C, _st: unknown, n: C) => n.x === s.x + 1 }
    expect(explore(counter({ properties: [onInc] })).verdict).toBe('verified')
  })
  test('deadlock, unless the model calls the state final', () => {
    const stuck = counter({ actions: counter().actions.slice(0, 1) })
    const r = explore(stuck)
    expect(r.verdict).toBe('deadlock')
    if (r.verdict === 'deadlock') expect(r.trace).toHaveLength(10)
    expect(explore({ ...stuck, isFinal: s => s.x === 9 }).verdict).toBe('verified')
    expect(explore(stuck, { deadlock: false }).verdict).toBe('verified')
  })
})

describe('spec errors name the action, its parameters and the state', () => {
  test('a value outside its domain', () => {
    const r = explore(counter({ bumpTo: 10 }))
    expect(r.verdict).toBe('spec-error')
    if (r.verdict !== 'spec-error') return
    expect(r.message).toMatch(/action Inc produced a state where x = 10 is outside its domain 0\.\.9/)
    expect(r.message).toMatch(/in state: \{"x":9/)
    expect(r.trace?.length).toBe(10)
  })
  test('a missing field', () => {
    const bad = counter({ actions: [action({ name: 'Drop', description: 'Deletes y.', params: { k: [7] }, when: () => true, then: n => { delete (n as Partial<C>).y } })] })
    const r = explore(bad)
    expect(r.verdict === 'spec-error' && r.message).toMatch(/action Drop\(k=7\) produced a state where y = undefined is outside its domain BOOLEAN/)
  })
  test('an action that throws', () => {
    const bad = counter({ actions: [action({ name: 'Boom', description: 'Throws.', params: {}, when: s => s.x === 0, then: () => { throw new Error('kaput') } })] })
    const r = explore(bad)
    expect(r.verdict === 'spec-error' && r.message).toMatch(/action Boom threw: kaput/)
  })
  test('an update that is not deterministic', () => {
    const bad = counter({ actions: [action({ name: 'Dice', description: 'Random.', params: {}, when: () => true, then: n => { n.x = Math.floor(Math.random() * 10) } })] })
    const r = explore(bad)
    expect(r.verdict === 'spec-error' && r.message).toMatch(/Dice is not deterministic/)
  })
  test('an initial state outside the domains', () => {
    const r = explore(counter({ init: () => [{ x: 12, y: false }] }))
    expect(r.verdict === 'spec-error' && r.message).toMatch(/initial state 0 .*x = 12/)
  })
  test('an invariant that returns something other than a boolean', () => {
    const r = explore(counter({ invariants: [{ name: 'Sloppy', description: 'Forgets to return.', holds: (() => undefined) as never }] }))
    expect(r.verdict === 'spec-error' && r.message).toMatch(/invariant Sloppy returned undefined, not a boolean/)
  })
})

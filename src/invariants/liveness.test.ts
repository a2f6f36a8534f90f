import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { explore } from '../checker.js'
import type { CheckResult } from '../explorer/result.js'
import { array, bool, enumOf, int, record } from '../model/domain.js'
import { actionsOf, alwaysEventually, eventually, leadsTo, model, range, type Fairness, type Liveness, type Model } from '../model/spec.js'
import { compileModel } from '../semantics/system.js'

const verdicts = (r: CheckResult<unknown>) => Object.fromEntries(((r.verdict === 'verified' || r.verdict === 'violated') && r.liveness ? r.liveness : []).map(l => [l.property, l.verdict]))

// Two processes and a lock: whoever holds it may leave and take it again at once.
type L = { pc: ('idle' | 'want' | 'crit')[]; lock: boolean }
const a = actionsOf<L>()
const lock = (fairness: readonly Fairness<'Want' | 'Take' | 'Leave'>[]): Model<L> => model({
  vars: record({ pc: array(enumOf('idle', 'want', 'crit'), 2), lock: bool }),
  init: () => [{ pc: ['idle', 'idle'], lock: false }],
  actions: [
    a({ name: 'Want', description: 'Process i wants the lock.', params: { i: [0, 1] }, actor: ({ i }) => `p${i}`, when: (s, { i }) => s.pc[i] === 'idle', then: (n, _w, { i }) => { n.pc[i] = 'want' } }),
    a({ name: 'Take', description: 'Process i takes the lock if it is free.', params: { i: [0, 1] }, actor: ({ i }) => `p${i}`, when: (s, { i }) => s.pc[i] === 'want' && !s.lock, then: (n, _w, { i }) => { n.pc[i] = 'crit'; n.lock = true } }),
    a({ name: 'Leave', description: 'Process i leaves and frees the lock.', params: { i: [0, 1] }, actor: ({ i }) => `p${i}`, when: (s, { i }) => s.pc[i] === 'crit', then: (n, _w, { i }) => { n.pc[i] = 'idle'; n.lock = false } }),
  ],
  invariants: [],
  liveness: [
    leadsTo<L>('P0Enters', { description: 'Process 0 wanting the lock leads to process 0 holding it.' }, s => s.pc[0] === 'want', s => s.pc[0] === 'crit'),
    alwaysEventually<L>('LockFreeOften', { description: 'The lock is free infinitely often.' }, s => !s.lock),
    eventually<L>('SomeoneEnters', { description: 'Some process eventually holds the lock.' }, s => s.lock),
  ],
  fairness,
})

describe('liveness under fairness: the textbook answers', () => {
  test('no fairness: every behaviour may stop anywhere, so nothing is guaranteed (stuttering lassos)', () => {
    const r = explore(lock([]), { liveness: true })
    expect(verdicts(r)).toEqual({ P0Enters: 'violated', LockFreeOften: 'violated', SomeoneEnters: 'violated' })
    const lassos = r.verdict === 'violated' ? r.violations.filter(v => v.kind === 'liveness') : []
    expect(lassos.every(l => l.loop?.closing === undefined)).toBe(true)
    expect(lassos[0]!.notes?.join(' ')).toMatch(/no fairness assumption covers them: an unfair scheduler may never run them/)
  })

  test('weak fairness per process: process 1 can starve process 0, whose Take is disabled in part of the loop', () => {
    const r = explore(lock([{ kind: 'weak', per: 'actor' }]), { liveness: true })
    expect(verdicts(r)).toEqual({ P0Enters: 'violated', LockFreeOften: 'holds', SomeoneEnters: 'holds' })
    const l = r.verdict === 'violated' ? r.violations.find(v => v.property === 'P0Enters') : undefined
    expect(l?.loop?.closing).toBeDefined()
    expect(l?.notes?.join(' ')).toMatch(/p0 is enabled in the loop but never runs: WF\(p0: every action\) is satisfied because it is disabled somewhere in the loop/)
    // The loop never lets process 0 in.
    expect(l!.trace.slice(l!.loop!.at).every(st => st.state.pc[0] !== 'crit')).toBe(true)
  })

  test('strong fairness per process: everything holds', () => {
    expect(verdicts(explore(lock([{ kind: 'strong', per: 'actor' }]), { liveness: true }))).toEqual({ P0Enters: 'holds', LockFreeOften: 'holds', SomeoneEnters: 'holds' })
  })
})

/**
 * The liveness check against a brute-force reference on random small graphs:
 * a property is violated iff, within the bad region reachable from a start,
 * some state stutters fairly (no fairness group enabled there) or some set
 * of edges forms a strongly connected, fair loop. The reference tries every
 * subset of edges.
 */
interface G { n: number; edges: [number, number, 'W' | 'S' | 'N', number][]; inits: number[]; p: boolean[]; q: boolean[] }
const graphs = fc.integer({ min: 1, max: 5 }).chain(n => fc.record({
  n: fc.constant(n),
  edges: fc.array(fc.tuple(fc.nat(n - 1), fc.nat(n - 1), fc.constantFrom('W', 'S', 'N') as fc.Arbitrary<'W' | 'S' | 'N'>, fc.nat(1)), { maxLength: 9 }),
  inits: fc.array(fc.nat(n - 1), { minLength: 1, maxLength: 2 }),
  p: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
  q: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
}))

type N = { x: number }
const g = actionsOf<N>()
function graphModel(gr: G): Model<N> {
  const go = (kind: 'W' | 'S' | 'N') => g({
    name: `Go${kind}`, description: `Follow an edge of kind ${kind}.`, params: { e: range(0, gr.edges.length) },
    actor: ({ e }) => `a${gr.edges[e]![3]}`,
    when: (s, { e }) => gr.edges[e]![2] === kind && s.x === gr.edges[e]![0],
    then: (nx, _w, { e }) => { nx.x = gr.edges[e]![1] },
  })
  return {
    vars: record({ x: int(0, gr.n - 1) }),
    init: () => gr.inits.map(x => ({ x })),
    actions: [go('W'), go('S'), go('N')],
    invariants: [],
    liveness: [
      eventually<N>('Ev', { description: 'Eventually p.' }, s => gr.p[s.x]!),
      leadsTo<N>('To', { description: 'p leads to q.' }, s => gr.p[s.x]!, s => gr.q[s.x]!),
      alwaysEventually<N>('Inf', { description: 'p infinitely often.' }, s => gr.p[s.x]!),
    ] as Liveness<N>[],
    fairness: [{ kind: 'weak', actions: ['GoW'], per: 'actor' }, { kind: 'strong', actions: ['GoS'], per: 'actor' }],
  }
}

function reference(gr: G): Record<string, 'holds' | 'violated'> {
  const reach = new Set<number>(gr.inits)
  for (let grew = true; grew;) { grew = false; for (const [u, v] of gr.edges) if (reach.has(u) && !reach.has(v)) { reach.add(v); grew = true } }
  const groups = [0, 1].flatMap(actor => (['W', 'S'] as const).map(kind => ({ kind, has: (e: number) => gr.edges[e]![2] === kind && gr.edges[e]![3] === actor })))
  const enabled = (grp: typeof groups[number], x: number) => gr.edges.some((ed, e) => ed[0] === x && grp.has(e))
  const violated = (bad: (x: number) => boolean, starts: number[]) => {
    const region = new Set(starts.filter(x => reach.has(x) && bad(x)))
    for (let grew = true; grew;) { grew = false; for (const [u, v] of gr.edges) if (region.has(u) && bad(v) && !region.has(v)) { region.add(v); grew = true } }
    if ([...region].some(x => groups.every(grp => !enabled(grp, x)))) return true
    const inside = gr.edges.map((ed, e) => [ed, e] as const).filter(([ed]) => region.has(ed[0]) && region.has(ed[1]))
    for (let mask = 1; mask < 1 << inside.length; mask++) {
      const chosen = inside.filter((_, k) => mask & (1 << k))
      const nodes = [...new Set(chosen.flatMap(([ed]) => [ed[0], ed[1]]))]
      const reachesAll = (from: number) => {
        const seen = new Set([from])
        for (let grew = true; grew;) { grew = false; for (const [ed] of chosen) if (seen.has(ed[0]) && !seen.has(ed[1])) { seen.add(ed[1]); grew = true } }
        return nodes.every(x => seen.has(x))
      }
      if (!nodes.every(reachesAll)) continue
      const fair = groups.every(grp => chosen.some(([, e]) => grp.has(e)) ||
        (grp.kind === 'W' ? nodes.some(x => !enabled(grp, x)) : nodes.every(x => !enabled(grp, x))))
      if (fair) return true
    }
    return false
  }
  const all = range(0, gr.n)
  const v = (b: boolean) => (b ? 'violated' as const : 'holds' as const)
  return {
    Ev: v(violated(x => !gr.p[x], gr.inits)),
    To: v(violated(x => !gr.q[x], all.filter(x => gr.p[x]))),
    Inf: v(violated(x => !gr.p[x], all)),
  }
}

describe('liveness agrees with a brute-force reference on random graphs', () => {
  test('eventually, leads-to and always-eventually, under weak and strong fairness per actor', () => {
    fc.assert(fc.property(graphs, gr => {
      const r = explore(graphModel(gr), { liveness: true, deadlock: false })
      expect(verdicts(r)).toEqual(reference(gr))
      // Every lasso closes and stays in the property's bad region.
      for (const l of r.verdict === 'violated' ? r.violations : []) {
        const sys = compileModel(graphModel(gr))
        const last = l.trace[l.trace.length - 1]!.state
        if (l.loop?.closing !== undefined) expect(sys.applyReference(l.loop.closing, last)).toEqual(l.trace[l.loop.at]!.state)
      }
    }), { numRuns: 400 })
  })
})

import { describe, expect, test } from 'vitest'
import { check } from '../../checker.js'
import { builtinSpecs } from '../../cli/load.js'
import { compileVariant } from '../../semantics/system.js'
import { ExploreSession } from './exploreSession.js'

const spec = async (name: string) => (await builtinSpecs()).find(s => s.name === name)!

describe('the explorer session steps the transition system the checker searches', () => {
  test('following a checker counterexample reaches the violation it names, at its last step', async () => {
    const sys = compileVariant(await spec('tdp-mmu'), 'no-fix')
    const r = check(sys, { continue: true })
    if (r.verdict !== 'violated') throw new Error(`expected a violation, got ${r.verdict}`)
    for (const v of r.violations) {
      const s = new ExploreSession(sys)
      expect(s.follow(v.trace.slice(1).map(t => ({ action: t.action, params: t.params })))).toBeUndefined()
      expect([s.cursor, s.steps]).toEqual([v.trace.length - 1, v.trace.length - 1])
      expect(s.properties().filter(p => p.status === 'violated').map(p => p.ref.name)).toContain(v.property)
      // Shortest: the property holds on the way (others may break there: the I1 trace passes I4 and I1k).
      for (let k = 0; k < s.steps; k++) expect([k, s.properties(k).find(p => p.ref.name === v.property)!.status]).not.toEqual([k, 'violated'])
    }
  })

  test('the choices are the enabled instances, each marked with what taking it would violate', async () => {
    const sys = compileVariant(await spec('filter'), 'bug', { N: 2 })
    const r = check(sys)
    if (r.verdict !== 'violated') throw new Error(`expected a violation, got ${r.verdict}`)
    const s = new ExploreSession(sys)
    const steps = r.trace.slice(1)
    steps.slice(0, -1).forEach(t => s.choose(t.instance))
    const last = steps[steps.length - 1]!
    const choice = s.choices().find(c => c.instance === last.instance)!
    expect(choice.violates.map(v => v.name)).toEqual([r.property])
    for (const c of s.choices()) expect(sys.instances[c.instance]!.label).toBe(c.label)
  })

  test('going back keeps the path ahead until another action is taken', async () => {
    const sys = compileVariant(await spec('philosophers'), undefined, { N: 3 })
    const s = new ExploreSession(sys)
    const [a, b] = s.choices()
    s.choose(a!.instance)
    s.choose(s.choices()[0]!.instance)
    expect(s.steps).toBe(2)
    s.goTo(0)
    s.choose(a!.instance)
    expect([s.cursor, s.steps]).toEqual([1, 2])
    s.goTo(0)
    s.choose(b!.instance)
    expect([s.cursor, s.steps]).toEqual([1, 1])
    expect(s.instances).toEqual([b!.instance])
  })

  test('a deadlock: no choice, and not a final state', async () => {
    const sys = compileVariant(await spec('philosophers'), undefined, { N: 2 })
    const r = check(sys)
    if (r.verdict !== 'deadlock') throw new Error(`expected a deadlock, got ${r.verdict}`)
    const s = new ExploreSession(sys)
    expect(s.follow(r.trace.slice(1))).toBeUndefined()
    expect(s.choices()).toEqual([])
    expect(s.isFinal()).toBe(false)
  })

  test('a path that does not replay says which step and why', async () => {
    const sys = compileVariant(await spec('philosophers'), undefined, { N: 2 })
    const s = new ExploreSession(sys)
    expect(s.follow([{ action: 'PutDown', params: { i: 0 } }])).toBe('step 1: PutDown(i=0) is not enabled there')
    expect(s.follow([{ action: 'Teleport', params: {} }])).toMatch(/step 1: Teleport with these parameters is not an action instance/)
    expect(s.cursor).toBe(0)
  })
})

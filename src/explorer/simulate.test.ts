import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { violationsAlong } from '../invariants/check.js'
import { compileVariant } from '../semantics/system.js'
import { shorten, walkTrace } from '../trace/shorten.js'
import { Simulator, type SimulationResult } from './simulate.js'

const spec = (name: string) => specs.find(s => s.name === name)!
const simulate = (name: string, variant: string | undefined, set: Record<string, unknown>, seed: number, runs = 200, depth = 80) => {
  const sys = compileVariant(spec(name), variant, set)
  const sim = new Simulator(sys, { seed, runs, depth })
  const r = sim.step()! as SimulationResult
  sim.currentStats()
  return { sys, r }
}

describe('simulation', () => {
  test('finds the no-fix race; the walk is a real behaviour, and shortening keeps it one', () => {
    const { sys, r } = simulate('tdp-mmu', 'no-fix', {}, 1)
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    const walked = walkTrace(sys, r.walk)!
    expect(violationsAlong(sys, walked).map(v => v.property)).toContain(r.property.name)
    const short = shorten(sys, r.walk, r.property)
    expect(short.length).toBeLessThanOrEqual(walked.length)
    const along = violationsAlong(sys, short).find(v => v.property === r.property.name)
    expect(along?.at).toBe(short.length - 1)
  })

  test('the same seed gives the same runs; another seed other runs', () => {
    const a = simulate('filter', 'correct', { N: 4 }, 42, 50, 40).r
    const b = simulate('filter', 'correct', { N: 4 }, 42, 50, 40).r
    const c = simulate('filter', 'correct', { N: 4 }, 43, 50, 40).r
    expect(a.stats.steps).toBe(b.stats.steps)
    expect(JSON.stringify(a.stats.actions)).toBe(JSON.stringify(b.stats.actions))
    expect(JSON.stringify(c.stats.actions)).not.toBe(JSON.stringify(a.stats.actions))
  })

  test('upstream: nothing found in the same budget that finds the no-fix race', () => {
    const { r } = simulate('tdp-mmu', 'upstream', {}, 1)
    expect(r.verdict).toBe('no-violation-found')
  })

  test('a deadlock is found and shortened to a deadlocked state', () => {
    const { sys, r } = simulate('philosophers', 'default', { N: 4 }, 3)
    expect(r.verdict).toBe('deadlock')
    if (r.verdict !== 'deadlock') return
    const short = shorten(sys, r.walk, 'deadlock')
    const last = short[short.length - 1]!.state
    expect(sys.instances.every((_, i) => sys.applyReference(i, last) === undefined)).toBe(true)
    expect(short.length - 1).toBe(4) // every philosopher takes the left fork
  })
})

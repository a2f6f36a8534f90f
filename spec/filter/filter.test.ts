import { describe, expect, test } from 'vitest'
import { explore } from '../../src/checker.js'
import { filter } from './filter.js'

// Figures SPIN, Rumur and TLC agree on (deadlock checking off).
describe('filter lock: state counts agree with the peers', () => {
  test.each([
    [2, 20, 34],
    [3, 288, 651],
    [4, 4_752, 13_080],
    [5, 88_560, 286_985],
  ])('N=%i: %i distinct states, %i transitions', (N, distinct, transitions) => {
    const r = explore(filter.build({ N, bug: false }), { deadlock: false })
    expect(r.verdict).toBe('verified')
    expect(r.stats.distinctStates).toBe(distinct)
    expect(r.stats.transitions).toBe(transitions)
  })

  test.each([[2, 6], [3, 10]])('bug variant, N=%i: shortest violation in %i steps', (N, steps) => {
    const r = explore(filter.build({ N, bug: true }), { deadlock: false })
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    expect(r.property).toBe('MutualExclusion')
    expect(r.trace.length - 1).toBe(steps)
    expect(r.trace[r.trace.length - 1]!.state.pc.filter(x => x === 'cs')).toHaveLength(2)
  })

  test('the filter lock never deadlocks', () => {
    expect(explore(filter.build({ N: 3, bug: false })).verdict).toBe('verified')
  })
})

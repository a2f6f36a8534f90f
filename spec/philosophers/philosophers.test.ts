import { describe, expect, test } from 'vitest'
import { explore } from '../../src/checker.js'
import { philosophers } from './philosophers.js'

describe('dining philosophers: state counts agree with the peers', () => {
  test.each([
    [5, 82, 265],
    [8, 1_154, 5_968],
    [12, 39_202, 304_104],
  ])('N=%i: %i distinct states, %i transitions', (N, distinct, transitions) => {
    const r = explore(philosophers.build({ N }), { deadlock: false })
    expect(r.verdict).toBe('verified')
    expect(r.stats.distinctStates).toBe(distinct)
    expect(r.stats.transitions).toBe(transitions)
  })

  test('N=5 with deadlock checking: every philosopher holds the left fork after 5 steps', () => {
    const r = explore(philosophers.build({ N: 5 }))
    expect(r.verdict).toBe('deadlock')
    if (r.verdict !== 'deadlock') return
    expect(r.trace.length - 1).toBe(5)
    const last = r.trace[5]!.state
    expect(last.pc.every(x => x === 'hasleft')).toBe(true)
    expect(last.fork.every(Boolean)).toBe(true)
  })
})

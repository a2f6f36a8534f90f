import { describe, expect, test } from 'vitest'
import { fingerprint } from './fingerprint.js'
import { FULL, NO_PARENT, StateStore } from './store.js'

const w = (...xs: number[]) => Uint32Array.from(xs)

describe('StateStore', () => {
  test('ids in order of discovery; a state seen before answers ~id', () => {
    const st = new StateStore(2, { instances: 3 })
    expect(st.add(w(1, 2), 0, NO_PARENT, 0)).toBe(0)
    expect(st.add(w(3, 4), 0, 0, 2)).toBe(1)
    expect(st.add(w(1, 2), 0, 1, 1)).toBe(~0)
    expect(st.size).toBe(2)
    expect(st.parentOf(1)).toBe(0)
    expect(st.viaOf(1)).toBe(2)
    expect(st.idOf(w(3, 4), 0)).toBe(1)
    expect(st.idOf(w(9, 9), 0)).toBe(-1)
  })

  test('states up to four words are stored whole: exact, and readable by id', () => {
    const st = new StateStore(4, { instances: 1 })
    expect(st.exact).toBe(true)
    st.add(w(0, 0, 0, 7), 0, NO_PARENT, 0)
    expect([...st.chunkOf(0).subarray(st.offsetOf(0), st.offsetOf(0) + 4)]).toEqual([0, 0, 0, 7])
    expect(st.matches(0, w(0, 0, 0, 7), 0)).toBe(true)
    expect(st.matches(0, w(0, 0, 0, 8), 0)).toBe(false)
    expect(st.collisionProbability()).toBe(0)
  })

  test('larger states are stored as fingerprints, with a collision estimate', () => {
    const st = new StateStore(5, { instances: 1 })
    expect(st.exact).toBe(false)
    for (let i = 0; i < 1000; i++) st.add(w(i, 0, 0, 0, 1), 0, NO_PARENT, i)
    expect(st.size).toBe(1000)
    expect(st.collisionProbability()).toBeGreaterThan(0)
    expect(st.matches(999, w(999, 0, 0, 0, 1), 0)).toBe(true)
  })

  test('initial states keep their init index, however many there are (no 16-bit wrap)', () => {
    const st = new StateStore(1, { instances: 2 })
    for (let i = 0; i < 70_000; i++) st.add(w(i), 0, NO_PARENT, i)
    expect(st.viaOf(69_999)).toBe(69_999)
    expect(st.pathTo(69_999)).toEqual([69_999])
  })

  test('a limit refuses new states, not known ones', () => {
    const st = new StateStore(1, { instances: 1, limit: 2 })
    st.add(w(1), 0, NO_PARENT, 0)
    st.add(w(2), 0, 0, 0)
    expect(st.add(w(3), 0, 0, 0)).toBe(FULL)
    expect(st.add(w(2), 0, 0, 0)).toBe(~1)
  })

  test('a parent chain longer than the store is reported as corrupt', () => {
    const st = new StateStore(1, { instances: 1 })
    st.add(w(1), 0, NO_PARENT, 0)
    st.add(w(2), 0, 0, 0)
    // Corrupt it on purpose: state 0's parent becomes 1, a cycle.
    ;(st as unknown as { parents: Int32Array[] }).parents[0]![0] = 1
    expect(() => st.pathTo(1)).toThrow(/longer than/)
  })

  test('fingerprints spread over both halves', () => {
    const out = new Uint32Array(2)
    const his = new Set<number>()
    for (let a = 0; a < 2000; a++) {
      fingerprint(Uint32Array.of(a, 0, 0, 7, 1), 0, 5, out)
      his.add(out[0]!)
    }
    expect(his.size).toBe(2000)
  })
})

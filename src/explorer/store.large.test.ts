import { describe, expect, test } from 'vitest'
import { NO_PARENT, StateStore } from './store.js'

const w = (...xs: number[]) => Uint32Array.from(xs)

/** Seconds, not milliseconds: in the full tier only. */
describe('StateStore at scale', () => {
  test('holds more than 2^24 states (where a V8 Set stops), growing its index as it goes', () => {
    const st = new StateStore(1, { instances: 1 })
    const n = (1 << 24) + 1000
    for (let i = 0; i < n; i++) if (st.add(w(i * 2654435761 >>> 0), 0, NO_PARENT, 0) !== i) throw new Error(`state ${i} not new`)
    expect(st.size).toBe(n)
    expect(st.add(w(5 * 2654435761 >>> 0), 0, NO_PARENT, 0)).toBe(~5)
    expect(st.idOf(w(12345 * 2654435761 >>> 0), 0)).toBe(12345)
  })

})

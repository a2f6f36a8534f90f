import { describe, expect, test } from 'vitest'
import { FingerprintSet, fingerprint } from './fingerprintSet.js'

describe('FingerprintSet', () => {
  test('holds more than 2^24 fingerprints (where a V8 Set stops)', () => {
    const set = new FingerprintSet(false)
    const n = (1 << 24) + 1000
    for (let i = 0; i < n; i++) expect_(set.add(i * 2654435761 >>> 0 | 1, i))
    expect(set.size).toBe(n)
    expect(set.add(1, 0)).toBe(false) // i = 0
    expect(set.add(5 * 2654435761 >>> 0 | 1, 5)).toBe(false)
    expect(set.add(5 * 2654435761 >>> 0 | 1, 6)).toBe(true)
  })

  test('exact fingerprints are the encoding itself, so distinct states never collide', () => {
    const out = new Uint32Array(2)
    const seen = new Set<string>()
    for (let a = 0; a < 300; a++) for (let b = 0; b < 300; b++) {
      fingerprint(Uint32Array.of(a, b), 0, 2, true, out)
      seen.add(`${out[0]},${out[1]}`)
    }
    expect(seen.size).toBe(90_000)
  })

  test('hashed fingerprints are never the empty marker and spread over both lanes', () => {
    const out = new Uint32Array(2)
    const his = new Set<number>()
    for (let a = 0; a < 2000; a++) {
      fingerprint(Uint32Array.of(a, 0, 0, 7), 0, 4, false, out)
      expect(out[0] === 0 && out[1] === 0).toBe(false)
      his.add(out[0]!)
    }
    expect(his.size).toBe(2000)
  })
})

function expect_(b: boolean): void { if (!b) throw new Error('duplicate reported for a new fingerprint') }

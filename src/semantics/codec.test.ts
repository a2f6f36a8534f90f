import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { makeCodec } from './codec.js'
import { array, bool, enumOf, int, record } from '../model/domain.js'

const vars = record({
  mode: enumOf('GUEST', 'EXITED', 'KVM', 'DONE'),
  big: enumOf(...Array.from({ length: 20 }, (_, i) => `v${i}`)),
  n: int(-3, 40),
  one: int(5, 5),
  flags: array(bool, 9),
  rows: array(record({ a: int(0, 1000), b: enumOf('x', 'y') }), 3),
})
const codec = makeCodec(vars)
const values = fc.record({
  mode: fc.constantFrom('GUEST', 'EXITED', 'KVM', 'DONE'),
  big: fc.constantFrom(...Array.from({ length: 20 }, (_, i) => `v${i}`)),
  n: fc.integer({ min: -3, max: 40 }),
  one: fc.constant(5),
  flags: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
  rows: fc.array(fc.record({ a: fc.integer({ min: 0, max: 1000 }), b: fc.constantFrom('x', 'y') }), { minLength: 3, maxLength: 3 }),
})

describe('codec', () => {
  test('layout: slots never straddle a word', () => {
    for (const s of codec.slots) expect(s.shift + s.bits).toBeLessThanOrEqual(32)
    expect(codec.slots.find(s => s.path === 'rows[2].b')).toBeDefined()
  })

  test('decode(encode(s)) = s, fresh and into a reused skeleton', () => {
    const sk = codec.newSkeleton()
    fc.assert(fc.property(values, s => {
      const w = new Uint32Array(codec.words)
      expect(codec.encode(s as never, w, 0)).toBe(-1)
      expect(codec.decodeFresh(w, 0)).toEqual(s)
      expect(codec.decodeInto(w, 0, sk)).toEqual(s)
    }))
  })

  test('injective: different states, different words (random pairs)', () => {
    fc.assert(fc.property(values, values, (a: unknown, b: unknown) => {
      const wa = new Uint32Array(codec.words)
      const wb = new Uint32Array(codec.words)
      codec.encode(a as never, wa, 0)
      codec.encode(b as never, wb, 0)
      expect(wa.join() === wb.join()).toBe(JSON.stringify(a) === JSON.stringify(b))
    }))
  })

  test('injective on neighbours: changing any one scalar changes the words', () => {
    const s = fc.sample(values, 1)[0]! as Record<string, unknown>
    const base = new Uint32Array(codec.words)
    expect(codec.encode(s as never, base, 0)).toBe(-1)
    for (const slot of codec.slots) {
      const d = slot.domain
      const other = structuredClone(s)
      const segs = [...slot.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(m => m[1] ?? Number(m[2]))
      const parent = segs.slice(0, -1).reduce<any>((o, k) => o[k], other)
      const k = segs[segs.length - 1]!
      const v = parent[k]
      parent[k] = d.kind === 'bool' ? !v : d.kind === 'int' ? (v === d.max ? d.min : v + 1) : d.values[(d.values.indexOf(v) + 1) % d.values.length]
      if (parent[k] === v) continue // a one-value domain has no neighbour
      const w = new Uint32Array(codec.words)
      expect(codec.encode(other as never, w, 0)).toBe(-1)
      expect([slot.path, w.join()]).not.toEqual([slot.path, base.join()])
    }
  })

  test('a state must have exactly its declared shape', () => {
    const s = fc.sample(values, 1)[0]!
    const w = new Uint32Array(codec.words)
    expect(codec.encode({ ...s, flags: [...s.flags, true] } as never, w, 0)).toBe(-2)
    expect(codec.encode({ ...s, extra: 1 } as never, w, 0)).toBe(-2)
    expect(codec.encode({ ...s, rows: s.rows.map(r => ({ ...r, c: 1 })) } as never, w, 0)).toBe(-2)
  })

  test('a field added to the skeleton is found by the audit; the frozen decode is frozen', () => {
    const s = fc.sample(values, 1)[0]!
    const w = new Uint32Array(codec.words)
    codec.encode(s as never, w, 0)
    const sk = codec.newSkeleton()
    const a = codec.decodeInto(w, 0, sk)
    expect(codec.auditSkeleton(sk)).toBe(true)
    ;(a.rows[2] as Record<string, unknown>)['extra'] = 1
    expect(codec.auditSkeleton(sk)).toBe(false)
    a.flags.push(true)
    expect(codec.encode(a as never, w, 0, sk)).toBe(-2)
    const f = codec.decodeFrozen(w, 0)
    expect(f).toEqual(s)
    expect(() => { (f as { n: number }).n = 0 }).toThrow(TypeError)
    expect(() => { (f.rows[0] as { a: number }).a = 0 }).toThrow(TypeError)
  })

  test('the skeleton takes back containers a spec replaced', () => {
    const sk = codec.newSkeleton()
    const w = new Uint32Array(codec.words)
    const s = fc.sample(values, 1)[0]!
    codec.encode(s as never, w, 0)
    const a = codec.decodeInto(w, 0, sk)
    const foreign = { a: 1, b: 'x' as const }
    a.rows[1] = foreign
    const b = codec.decodeInto(w, 0, sk)
    expect(b.rows[1]).not.toBe(foreign)
    expect(foreign).toEqual({ a: 1, b: 'x' })
  })

  test('out-of-domain values are located', () => {
    const w = new Uint32Array(codec.words)
    const s = { ...fc.sample(values, 1)[0]!, n: 41 }
    expect(codec.slots[codec.encode(s as never, w, 0)]!.path).toBe('n')
    expect(codec.findShapeError(s)).toBe('n = 41 is outside its domain -3..40')
    expect(codec.findShapeError({ ...s, n: 1, extra: 1 })).toMatch(/undeclared field 'extra'/)
    expect(codec.findShapeError({ ...s, n: 1, flags: [true] })).toMatch(/flags has length 1, expected 9/)
  })
})

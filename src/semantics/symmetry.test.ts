import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { array, bool, enumOf, int, record } from '../model/domain.js'
import type { Symmetry } from '../model/spec.js'
import { makeCodec } from './codec.js'
import { compileSymmetry, type Canonicaliser } from './symmetry.js'

const N = 4
const vars = record({
  pc: array(enumOf('a', 'b', 'c'), N),
  flag: array(bool, N),
  owner: int(0, N), // N means none
  shared: int(0, 3),
})
const codec = makeCodec(vars)
const states = fc.record({
  pc: fc.array(fc.constantFrom('a', 'b', 'c'), { minLength: N, maxLength: N }),
  flag: fc.array(fc.boolean(), { minLength: N, maxLength: N }),
  owner: fc.integer({ min: 0, max: N }),
  shared: fc.integer({ min: 0, max: 3 }),
})
const enc = (s: unknown) => { const w = new Uint32Array(codec.words); expect(codec.encode(s as never, w, 0)).toBe(-1); return w }
const compiled = (sym: Symmetry[]): Canonicaliser => {
  const c = compileSymmetry(codec, sym)
  if (typeof c === 'string') throw new Error(c)
  return c
}
const normal = (c: Canonicaliser, w: Uint32Array) => { const x = w.slice(); c.canonicalise(x); return x }

describe.each([
  ['members only (sorted: canonical)', [{ name: 'p', size: N, arrays: ['pc', 'flag'] }]],
  ['a value names a member (least renaming: canonical)', [{ name: 'p', size: N, arrays: ['pc', 'flag'], values: ['owner'] }]],
] as [string, Symmetry[]][])('%s', (_name, sym) => {
  const c = compiled(sym)
  test('the normal form is a renaming of the state (it stays in its orbit)', () => {
    fc.assert(fc.property(states, s => {
      const w = enc(s)
      const n = normal(c, w)
      const out = new Uint32Array(codec.words)
      expect(c.renamings.some(r => { c.permute(w, r, out); return out.every((x, i) => x === n[i]) })).toBe(true)
    }))
  })
  test('every renaming of a state has the same normal form (canonical), and normalising twice changes nothing', () => {
    fc.assert(fc.property(states, s => {
      const w = enc(s)
      const n = normal(c, w)
      expect(normal(c, n)).toEqual(n)
      const out = new Uint32Array(codec.words)
      for (const r of c.renamings) { c.permute(w, r, out); expect(normal(c, out)).toEqual(n) }
    }), { numRuns: 60 })
  })
})

test('a value that does not name a member (none) is left alone', () => {
  const c = compiled([{ name: 'p', size: N, arrays: ['pc'], values: ['owner'] }])
  const w = enc({ pc: ['c', 'b', 'a', 'a'], flag: [false, false, false, false], owner: N, shared: 1 })
  expect(codec.decodeFresh(normal(c, w), 0)).toMatchObject({ owner: N, shared: 1 })
  const v = enc({ pc: ['c', 'b', 'a', 'a'], flag: [false, false, false, false], owner: 0, shared: 1 })
  // The owner is renamed with its member: it still points at the member whose pc is c.
  const n = codec.decodeFresh(normal(c, v), 0)
  expect(n.pc[n.owner]).toBe('c')
  expect([...n.pc].sort()).toEqual(['a', 'a', 'b', 'c'])
})

test.each([
  [[{ name: 'p', size: N, arrays: ['nope'] }], /nope\[0\] is not an element of the state/],
  [[{ name: 'p', size: N, arrays: ['pc'], values: ['flag[*]'] }], /flag\[0\] cannot hold every member/],
  [[{ name: 'p', size: 0, arrays: ['pc'] }], /size 0 must be a positive integer/],
] as [Symmetry[], RegExp][])('a declaration that does not fit the state is refused: %j', (sym, message) => {
  expect(String(compileSymmetry(codec, sym))).toMatch(message)
})

describe('the generated sorter computes the general loop\'s normal form', () => {
  const sym: Symmetry[] = [{ name: 'p', size: N, arrays: ['pc', 'flag'] }]
  const generated = compiled(sym)
  const general = compileSymmetry(codec, sym, { generated: false }) as Canonicaliser
  test('on random states', () => {
    fc.assert(fc.property(states, s => { const w = enc(s); expect(normal(generated, w)).toEqual(normal(general, w)) }), { numRuns: 500 })
  })
  test('on the TDP MMU model at 4 vCPUs (members straddle words)', async () => {
    const { specs } = await import('../../spec/index.js')
    const { compileVariant } = await import('./system.js')
    const { check } = await import('../checker.js')
    const sys = compileVariant(specs.find(x => x.name === 'tdp-mmu')!, 'upstream', { vcpus: 4, gfns: 2, depth: 2, prefetch: true, zap: true })
    const decl = sys.model.symmetry!
    const fast = compileSymmetry(sys.codec, decl) as Canonicaliser
    const slow = compileSymmetry(sys.codec, decl, { generated: false }) as Canonicaliser
    const out = new Uint32Array(sys.words)
    let compared = 0
    check(sys, { maxStates: 20_000, deadlock: false, observers: [{ onState: (id, _d, st) => {
      if (id % 13 !== 0) return
      const w = sys.encode(st)
      for (const r of fast.renamings.filter((_, k) => k % 5 === id % 5)) {
        fast.permute(w, r, out)
        const a = out.slice(), b = out.slice()
        fast.canonicalise(a); slow.canonicalise(b)
        expect(Array.from(a)).toEqual(Array.from(b))
        compared++
      }
    } }] })
    expect(compared).toBeGreaterThan(5000)
  })
})

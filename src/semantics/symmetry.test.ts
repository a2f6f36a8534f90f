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

import { describe, expect, test } from 'vitest'
import { resolveParams } from '../src/model/params.js'
import type { Model, Spec } from '../src/model/spec.js'
import { specs } from './index.js'

/** What every shipped spec promises its readers, checked for every variant. */
const models = specs.flatMap(spec => Object.keys(spec.variants ?? { '': null }).map(v => {
  const r = resolveParams(spec, v === '' ? undefined : v, [])
  if (r._tag === 'Left') throw new Error(r.left)
  return [`${spec.name}/${v}`, spec, spec.build(r.right.params)] as [string, Spec, Model<unknown>]
}))
/** One sentence: starts with a word (a kernel identifier is fine), ends with a full stop. */
const sentence = /^\S.{10,}[.)]$/s

describe.each(models)('%s', (_name, spec, model) => {
  test('names are unique', () => {
    const names = [...model.actions.map(a => a.name), ...model.invariants.map(i => i.name), ...(model.properties ?? []).map(p => p.name)]
    expect(new Set(names).size).toBe(names.length)
  })
  test('every action, invariant and property carries a one-sentence description', () => {
    for (const x of [...model.actions, ...model.invariants, ...(model.properties ?? [])]) expect([x.name, x.description]).toEqual([x.name, expect.stringMatching(sentence)])
  })
  test('every parameter is described; every variant sets only declared parameters', () => {
    for (const [k, d] of Object.entries(spec.params)) expect([k, d.description.length > 10]).toEqual([k, true])
    for (const v of Object.values(spec.variants ?? {})) for (const k of Object.keys(v.set)) expect(Object.keys(spec.params)).toContain(k)
  })
  test('transition properties constrain only actions that exist in some configuration', () => {
    for (const p of model.properties ?? []) expect(p.actions?.length ?? 1).toBeGreaterThan(0)
  })
})

describe('tdp-mmu: every action cites the kernel (or TDX module) function it models', () => {
  const full = specs.find(s => s.name === 'tdp-mmu')!
  const r = resolveParams(full, 'upstream', ['depth=2', 'prefetch=true', 'zap=true', 'dirtyLog=true'])
  if (r._tag === 'Left') throw new Error(r.left)
  test.each(full.build(r.right.params).actions.map(a => [a.name, a.source ?? '']))('%s', (_n, source) => {
    expect(source).toMatch(/\(\)|TDX module|TDH\.|tdh_|TDG\./)
  })
})

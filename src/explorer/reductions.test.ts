import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { check } from '../checker.js'
import { violationsAlong } from '../invariants/check.js'
import { resolveParams } from '../model/params.js'
import { array, int, record } from '../model/domain.js'
import { actionsOf, defineSpec, model, type Spec } from '../model/spec.js'
import { lintSpec } from '../cli/lint.js'
import { compile, compileVariant, type CompileOptions } from '../semantics/system.js'
import type { CheckResult } from './result.js'

/**
 * A reduction must not change a verdict: on every shipped spec that declares
 * a symmetry, for every variant at its default bounds and every small matrix
 * row, the reduced search gives the same verdict, the same violated
 * properties and traces of the same (shortest) length as the plain one, and
 * every reduced trace is a real behaviour of the unreduced model.
 */
const shape = (r: CheckResult<unknown>) => ({
  verdict: r.verdict,
  violations: r.verdict === 'violated' ? r.violations.map(v => [v.property, v.trace.length]) : [],
  deadlock: r.verdict === 'deadlock' ? r.trace.length : undefined,
})

type Config = [string, Spec, string | undefined, Record<string, unknown>]
const configs: Config[] = specs.flatMap(spec => {
  const probe = compileVariant(spec, undefined)
  if (!probe.model.symmetry?.length) return []
  const variants = Object.keys(spec.variants ?? {}).map(v => [`${spec.name}/${v}`, spec, v, {}] as Config)
  const rows = (spec.matrix?.rows ?? []).filter(r => !r.large && !r.heavy).map(r => [`${spec.name} row ${r.id}`, spec, r.variant, { ...r.set }] as Config)
  return [...variants, ...rows]
})

export function compareReduced(spec: Spec, variant: string | undefined, set: Record<string, unknown>, reduced: CompileOptions, tamper?: (sys: ReturnType<typeof compile>) => void) {
  const r = resolveParams(spec, variant, set)
  if (r._tag === 'Left') throw new Error(r.left)
  const plainSys = compile(spec, r.right.params, { variant })
  const redSys = compile(spec, r.right.params, { variant, ...reduced })
  tamper?.(redSys)
  const plain = check(plainSys, { continue: true, maxStates: 2_000_000 })
  const red = check(redSys, { continue: true, maxStates: 2_000_000 })
  return { plain, red, plainSys, redSys }
}

describe('symmetry reduction gives the verdicts of the plain search', () => {
  test('there are symmetric specs to compare', () => expect(configs.length).toBeGreaterThan(5))
  test.each(configs)('%s', (_name, spec, variant, set) => {
    const { plain, red, redSys } = compareReduced(spec, variant, set, { symmetry: true })
    expect(plain.verdict).not.toBe('incomplete')
    expect(shape(red)).toEqual(shape(plain))
    expect(red.stats.distinctStates).toBeLessThanOrEqual(plain.stats.distinctStates)
    // In force for every declared set of two members or more (a one-vCPU row has nothing to rename).
    expect(red.stats.symmetry.length).toBe(redSys.model.symmetry!.filter(x => x.size > 1).length)
    // Every trace is a behaviour of the unreduced model that ends in its violation.
    for (const v of red.verdict === 'violated' ? red.violations : []) {
      const along = violationsAlong(redSys, v.trace).find(o => o.property === v.property)
      expect([v.property, along?.at]).toEqual([v.property, v.trace.length - 1])
    }
  })
})

/** Partial-order reduction keeps the verdict and the violated properties; its traces are real but may be longer. */
const verdictOnly = (r: CheckResult<unknown>) => ({
  verdict: r.verdict,
  violations: r.verdict === 'violated' ? r.violations.map(v => v.property).sort() : [],
})
const porConfigs: Config[] = specs.flatMap(spec => [
  ...Object.keys(spec.variants ?? {}).map(v => [`${spec.name}/${v}`, spec, v, {}] as Config),
  ...(spec.matrix?.rows ?? []).filter(r => !r.large && !r.heavy).map(r => [`${spec.name} row ${r.id}`, spec, r.variant, { ...r.set }] as Config),
  ...(spec.name === 'counter' ? [[`counter N=5`, spec, 'cas', { N: 5 }], [`counter bug N=4`, spec, 'bug', { N: 4 }]] as Config[] : []),
])

describe('partial-order reduction gives the verdicts of the plain search', () => {
  test.each(porConfigs)('%s', (_name, spec, variant, set) => {
    for (const reduced of [{ por: true }, ...(compileVariant(spec, undefined).model.symmetry?.length ? [{ por: true, symmetry: true }] : [])]) {
      const { plain, red, redSys } = compareReduced(spec, variant, set, reduced)
      expect([reduced, verdictOnly(red)]).toEqual([reduced, verdictOnly(plain)])
      expect(red.stats.distinctStates).toBeLessThanOrEqual(plain.stats.distinctStates)
      for (const v of red.verdict === 'violated' ? red.violations : []) {
        const along = violationsAlong(redSys, v.trace).find(o => o.property === v.property)
        expect([v.property, along?.at]).toEqual([v.property, v.trace.length - 1])
      }
    }
  })
  test('the lock-free counter is reduced', () => {
    const counter = specs.find(s => s.name === 'counter')!
    const { plain, red } = compareReduced(counter, 'cas', { N: 5 }, { por: true })
    expect(red.stats.distinctStates).toBeLessThan(plain.stats.distinctStates * 0.8)
  })
})

describe('partial-order reduction that cannot reduce costs nothing', () => {
  test('a spec that declares no footprints: --por evaluates each guard as often as the plain search, and says it reduced nothing', () => {
    // Two threads with no footprints: no instance can be ample, so --por must be the plain search, not a second pass over the guards.
    type C = { pc: number[] }
    const act = actionsOf<C>()
    let guards = 0
    const plainSpec = defineSpec({
      name: 'nofootprints', description: 'Two threads counting to three, with no footprints.', params: {},
      build: () => model({
        vars: record({ pc: array(int(0, 3), 2) }),
        init: () => [{ pc: [0, 0] }],
        actions: [act({ name: 'Step', description: 'Thread t counts one up.', params: { t: [0, 1] }, actor: ({ t }) => `t${t}`,
          when: (s, { t }) => { guards++; return s.pc[t]! < 3 }, then: (n, _w, { t }) => { n.pc[t]!++ } })],
        invariants: [{ name: 'Bounded', description: 'Nothing counts past three.', holds: s => s.pc.every(x => x <= 3) }],
        isFinal: () => true,
      }),
    }) as Spec
    const count = (opts: CompileOptions) => {
      guards = 0
      const r = check(compile(plainSpec, {}, opts), { deadlock: false })
      return { verdict: r.verdict, states: r.stats.distinctStates, guards, por: r.stats.por }
    }
    const plain = count({})
    const por = count({ por: true })
    expect(por).toEqual({ ...plain, por: { reduced: 0, candidates: 0 } })
  })
})

describe('partial-order reduction is only as sound as the footprints: what catches a wrong one', () => {
  test('a footprint that hides a read makes the reduction miss a reachable violation (lint finds the lie)', () => {
    // Thread 0 sets y; thread 1 raises a flag if it still sees y = 0. Thread 1's footprint hides that it reads y.
    type Y = { y: number; z: number; pc: number[] }
    const act = actionsOf<Y>()
    const tiny = (honest: boolean): Spec => defineSpec({
      name: 'tiny', description: 'A write and a read that race.', params: {},
      build: () => model({
        vars: record({ y: int(0, 1), z: int(0, 1), pc: array(int(0, 1), 2) }),
        init: () => [{ y: 0, z: 0, pc: [0, 0] }],
        actions: [
          act({ name: 'Set', description: 'Thread 0 sets y.', params: {}, actor: () => 't0', footprint: () => ({ reads: ['pc[0]'], writes: ['y', 'pc[0]'] }),
            when: s => s.pc[0] === 0, then: n => { n.y = 1; n.pc[0] = 1 } }),
          act({ name: 'Look', description: 'Thread 1 raises z if y is still 0.', params: {}, actor: () => 't1',
            footprint: () => ({ reads: honest ? ['pc[1]', 'y'] : ['pc[1]'], writes: ['z', 'pc[1]'] }),
            when: s => s.pc[1] === 0, then: (n, _w, _p, s) => { if (s.y === 0) n.z = 1; n.pc[1] = 1 } }),
        ],
        invariants: [{ name: 'NoFlag', description: 'z is never raised.', reads: ['z'], holds: s => s.z === 0 }],
        isFinal: () => true,
      }),
    }) as Spec
    const honest = compareReduced(tiny(true), undefined, {}, { por: true })
    expect(verdictOnly(honest.red)).toEqual(verdictOnly(honest.plain))
    const lying = compareReduced(tiny(false), undefined, {}, { por: true })
    expect(lying.plain.verdict).toBe('violated')
    expect(lying.red.verdict).toBe('verified')
    expect(lintSpec(tiny(false)).problems.join('\n')).toMatch(/the footprint of Look: it reads y, which the footprint does not declare/)
    expect(lintSpec(tiny(true)).problems).toEqual([])
  })
  test('a footprint that hides a write is a spec error on the first step that makes it', () => {
    const counter = specs.find(s => s.name === 'counter')!
    const lying = {
      ...counter,
      build: (p: never) => {
        const m = counter.build(p)
        return { ...m, actions: m.actions.map(a => (a.name === 'Inc' ? { ...a, footprint: ({ t }: { t: number }) => ({ reads: [`pc[${t}]`, `old[${t}]`], writes: [`pc[${t}]`] }) } : a)) }
      },
    } as Spec
    const { red } = compareReduced(lying, 'cas', { N: 2 }, { por: true })
    expect(red.verdict === 'spec-error' && red.message).toMatch(/Inc\(t=\d\) wrote val\[\d\], which its footprint does not declare/)
  })
})

describe('the comparison can fail: a normal form that leaves the orbit is caught', () => {
  test('forgetting to rename the victims of the buggy filter lock: a different verdict, or a trace the store refutes', () => {
    const filter = specs.find(s => s.name === 'filter')!
    // Rename pc and level but not victim[]: a state outside the orbit.
    let outcome: string
    try {
      const { plain, red } = compareReduced(filter, 'bug', { N: 3 }, { symmetry: true }, sys => {
        const good = sys.canonical!
        ;(sys as { canonical: unknown }).canonical = {
          ...good,
          canonicalise: (w: Uint32Array) => { const keep = w.slice(); good.canonicalise(w); victims(sys, keep, w) },
        }
      })
      outcome = JSON.stringify(shape(red)) === JSON.stringify(shape(plain)) ? 'not caught' : 'verdicts differ'
    } catch (e) {
      outcome = (e as Error).name === 'InternalError' ? 'trace refuted' : `other: ${(e as Error).message}`
    }
    expect(['verdicts differ', 'trace refuted']).toContain(outcome)
  })
})

/** Copies the victim slots of `from` into `to`: undoes their renaming. */
function victims(sys: ReturnType<typeof compile>, from: Uint32Array, to: Uint32Array): void {
  sys.codec.slots.forEach(sl => {
    if (!sl.path.startsWith('victim')) return
    const mask = ((2 ** sl.bits - 1) * 2 ** sl.shift) | 0
    to[sl.word] = (to[sl.word]! & ~mask) | (from[sl.word]! & mask)
  })
}

import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { check } from '../checker.js'
import { violationsAlong } from '../invariants/check.js'
import { resolveParams } from '../model/params.js'
import type { Spec } from '../model/spec.js'
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
  const rows = (spec.matrix?.rows ?? []).filter(r => !r.large).map(r => [`${spec.name} row ${r.id}`, spec, r.variant, { ...r.set }] as Config)
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
    expect(red.stats.symmetry.length).toBeGreaterThan(0)
    // Every trace is a behaviour of the unreduced model that ends in its violation.
    for (const v of red.verdict === 'violated' ? red.violations : []) {
      const along = violationsAlong(redSys, v.trace).find(o => o.property === v.property)
      expect([v.property, along?.at]).toEqual([v.property, v.trace.length - 1])
    }
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

import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { compileVariant } from '../semantics/system.js'
import { check } from '../checker.js'

/**
 * The fast executor must give the state graph immer's reference semantics
 * gives, for every shipped spec and every variant at its default bounds:
 * same verdict, counts, depth, discovery order and counterexample.
 */
const cases = specs.flatMap(spec =>
  Object.keys(spec.variants ?? { '': null }).map(v => [spec.name, v, spec] as const))

describe('fast executor = immer reference, for every shipped spec and variant', () => {
  test.each(cases)('%s / %s', (_name, variant, spec) => {
    const run = (executor: 'fast' | 'immer') => {
      let order = ''
      const sys = compileVariant(spec, variant === '' ? undefined : variant, {}, { executor })
      const res = check(sys, { maxStates: 300_000, observers: [{ onState: (id, d) => { if (id < 2000) order += `${id}@${d},` } }] })
      return { res, order }
    }
    const fast = run('fast')
    const ref = run('immer')
    const shape = ({ res }: typeof fast) => ({
      verdict: res.verdict,
      distinct: res.stats.distinctStates,
      transitions: res.stats.transitions,
      depth: res.stats.depth,
      coverage: res.stats.actions,
      property: 'property' in res ? res.property : undefined,
      trace: 'trace' in res && res.trace ? res.trace.map(t => [t.action, t.params, t.state]) : undefined,
    })
    expect(shape(fast)).toEqual(shape(ref))
    expect(fast.order).toEqual(ref.order)
  })
})

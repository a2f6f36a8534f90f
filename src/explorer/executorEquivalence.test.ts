import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { resolveParams } from '../model/params.js'
import { explore } from './explore.js'

/**
 * The fast executor must give the state graph immer's reference semantics
 * gives, for every shipped spec and every variant at its default bounds:
 * same verdict, counts, depth and counterexample.
 */
const cases = specs.flatMap(spec =>
  Object.keys(spec.variants ?? { '': null }).map(v => [spec.name, v, spec] as const))

describe('fast executor = immer reference, for every shipped spec and variant', () => {
  test.each(cases)('%s / %s', (_name, variant, spec) => {
    const r = resolveParams(spec, variant === '' ? undefined : variant, [])
    if (r._tag === 'Left') throw new Error(r.left)
    const run = (executor: 'fast' | 'immer') => {
      let order = ''
      const res = explore(spec.build(r.right.params), { executor, maxStates: 300_000, onState: (_s, id, d) => { if (id < 2000) order += `${id}@${d},` } })
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

import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { resolveParams } from '../model/params.js'
import type { Spec } from '../model/spec.js'
import { compile } from '../semantics/system.js'
import { ParallelSimulator } from './parallelSimulate.js'
import { Simulator, type SimulationResult } from './simulate.js'

/**
 * A simulation on two threads answers what one thread answers, for the same
 * seed: the same verdict, from the same run, by the same walk; and when
 * nothing is found, the same runs, steps and successors checked. The worker
 * threads run the compiled engine (dist/), built before the tests.
 */
const script = new URL('../../dist/src/cli/simulateWorker.js', import.meta.url)
const shape = (r: SimulationResult) => ({
  verdict: r.verdict,
  run: 'run' in r ? r.run : undefined,
  walk: 'walk' in r ? JSON.stringify(r.walk) : undefined,
  property: r.verdict === 'violated' ? r.property.name : undefined,
  ...(r.verdict === 'no-violation-found' ? { runs: r.stats.runs, steps: r.stats.steps, transitions: r.stats.transitions } : {}),
})

async function both(spec: Spec, variant: string | undefined, set: Record<string, unknown>, opts: { seed: number; runs: number; depth: number }, module?: string) {
  const r = resolveParams(spec, variant, set)
  if (r._tag === 'Left') throw new Error(r.left)
  const one = new Simulator(compile(spec, r.right.params, { variant }), opts).step()!
  const par = new ParallelSimulator(compile(spec, r.right.params, { variant }), {
    ...opts, workers: 2, script, spec: { ...(module ? { module } : { name: spec.name }), params: r.right.params, ...(variant ? { variant } : {}) },
  })
  return { one, two: await par.run() }
}

const spec = (name: string) => specs.find(s => s.name === name)!

describe('two simulation threads = one', () => {
  test.each([1, 2, 3, 4, 5, 6])('tdp-mmu no-fix, seed %i: the same violating run and walk', async seed => {
    const { one, two } = await both(spec('tdp-mmu'), 'no-fix', {}, { seed, runs: 400, depth: 60 })
    expect(one.verdict).toBe('violated')
    expect(shape(two)).toEqual(shape(one))
  })
  test('philosophers: the same deadlocking run', async () => {
    const { one, two } = await both(spec('philosophers'), 'default', { N: 5 }, { seed: 9, runs: 300, depth: 60 })
    expect(one.verdict).toBe('deadlock')
    expect(shape(two)).toEqual(shape(one))
  })
  test('upstream: nothing found, and the same runs, steps and successors', async () => {
    const { one, two } = await both(spec('tdp-mmu'), 'upstream', {}, { seed: 1, runs: 300, depth: 60 })
    expect(one.verdict).toBe('no-violation-found')
    expect(shape(two)).toEqual(shape(one))
  })
})

describe('the least run wins, not the first found', () => {
  test('the second thread finds run 1 first; run 0, found later, is the answer', async () => {
    const file = fileURLToPath(new URL('./testing/slowFirstThread.mjs', import.meta.url))
    const mod = (await import(file)).default as Spec
    const { one, two } = await both(mod, undefined, {}, { seed: 1, runs: 50, depth: 10 }, file)
    expect(shape(one)).toMatchObject({ verdict: 'violated', run: 0 })
    expect(shape(two)).toEqual(shape(one))
  })
})

describe('the comparison can fail: a spec that walks differently in a worker thread is caught', () => {
  test('the steps differ', async () => {
    const file = fileURLToPath(new URL('./testing/threadDependent.mjs', import.meta.url))
    const mod = (await import(file)).default as Spec
    const { one, two } = await both(mod, undefined, {}, { seed: 1, runs: 20, depth: 40 }, file)
    expect(shape(two)).not.toEqual(shape(one))
  })
})

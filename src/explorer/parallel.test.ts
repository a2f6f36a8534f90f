import { isMainThread } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { specs } from '../../spec/index.js'
import { check, materialise } from '../checker.js'
import type { CheckResult } from './result.js'
import { resolveParams } from '../model/params.js'
import { actionsOf, defineSpec, model, type Spec } from '../model/spec.js'
import { int, record } from '../model/domain.js'
import { compile } from '../semantics/system.js'
import { CONTROL, ParallelBfs, workerLoop, type FromWorker } from './parallel.js'
import { SharedStateStore, sharedBuffers } from './sharedStore.js'
import { NO_PARENT } from './store.js'

/**
 * Two worker threads give what one thread gives: the same distinct states,
 * transitions and depth, the same verdict and violated properties, traces of
 * the same (shortest) length. On every shipped spec's variants and small
 * matrix rows, with and without symmetry. The worker threads run the
 * compiled engine (dist/), built before the tests.
 */
const script = new URL('../../dist/src/cli/searchWorker.js', import.meta.url)
const shape = (r: CheckResult<unknown>) => ({
  verdict: r.verdict, distinct: r.stats.distinctStates, transitions: r.stats.transitions, depth: r.stats.depth,
  violations: r.verdict === 'violated' ? r.violations.map(v => [v.property, v.trace.length]).sort() : [],
  deadlock: r.verdict === 'deadlock' ? r.trace.length : undefined,
})

async function both(spec: Spec, variant: string | undefined, set: Record<string, unknown>, symmetry: boolean, module?: string, indexSlots?: number) {
  const r = resolveParams(spec, variant, set)
  if (r._tag === 'Left') throw new Error(r.left)
  const opts = { variant, ...(symmetry ? { symmetry: true } : {}) }
  const one = check(compile(spec, r.right.params, opts), { continue: true })
  const sys = compile(spec, r.right.params, opts)
  const par = new ParallelBfs(sys, { workers: 2, continue: true, script, ...(indexSlots ? { indexSlots } : {}), spec: { ...(module ? { module } : { name: spec.name }), params: r.right.params, ...(variant ? { variant } : {}), symmetry } })
  const two = materialise(sys, par.store, await par.run())
  return { one, two }
}

const configs = specs.flatMap(spec => [
  ...Object.keys(spec.variants ?? {}).map(v => [`${spec.name}/${v}`, spec, v, {}] as const),
  ...(spec.matrix?.rows ?? []).filter(r => !r.large && !r.heavy).map(r => [`${spec.name} row ${r.id}`, spec, r.variant, { ...r.set }] as const),
])

describe('two workers = one thread', () => {
  test.each(configs)('%s', async (_name, spec, variant, set) => {
    const { one, two } = await both(spec, variant, set, false)
    expect(shape(two)).toEqual(shape(one))
  })
  test.each(configs.filter(([, spec]) => spec.name !== 'philosophers'))('%s, with symmetry', async (_name, spec, variant, set) => {
    const { one, two } = await both(spec, variant, set, true)
    expect(shape(two)).toEqual(shape(one))
  })
  test('a bigger space: filter N=5 (88,560 states), the id table starting small and rebuilt many times, mid-level too', async () => {
    const filter = specs.find(s => s.name === 'filter')!
    const { one, two } = await both(filter, 'correct', { N: 5 }, false, undefined, 1 << 10)
    expect(shape(two)).toEqual(shape(one))
    expect(two.stats.distinctStates).toBe(88_560)
  })
})

describe('the comparison can fail: a spec that computes differently in a worker thread is caught', () => {
  test('the counts differ', async () => {
    const file = fileURLToPath(new URL('./testing/threadDependent.mjs', import.meta.url))
    const spec = (await import(file)).default as Spec
    expect(isMainThread).toBe(true)
    const { one, two } = await both(spec, undefined, {}, false, file)
    expect(shape(two)).not.toEqual(shape(one))
  })
})

describe('without --continue the answer does not depend on the order states are reached in', () => {
  // Two invariants first fail at depth 9; without --continue a search reports one. It must be the same one on one
  // thread and on any number of threads, every run: the least by length, then declaration order.
  test('one thread and two workers report the first-declared of the invariants broken at the least depth, every run', async () => {
    const file = fileURLToPath(new URL('./testing/twoAtOneDepth.mjs', import.meta.url))
    const spec = (await import(file)).default as Spec
    const firstOf = (r: CheckResult<unknown>) => (r.verdict === 'violated' ? r.violations.map(v => [v.property, v.trace.length]) : r.verdict)
    const one = check(compile(spec, {}), {})
    expect(firstOf(one)).toEqual([['HighThreeNotFull', 10]])
    for (const workers of [2, 3, 2, 3]) {
      const sys = compile(spec, {})
      const par = new ParallelBfs(sys, { workers, script, spec: { module: file, params: {} } })
      expect([workers, firstOf(materialise(sys, par.store, await par.run()))]).toEqual([workers, [['HighThreeNotFull', 10]]])
    }
  })
})

describe('a worker that compiled another system is refused before it touches the store', () => {
  test('one action instance more on this thread than in the workers: a spec error naming both', async () => {
    const file = fileURLToPath(new URL('./testing/threadShape.mjs', import.meta.url))
    const spec = (await import(file)).default as Spec
    const sys = compile(spec, {})
    const r = await new ParallelBfs(sys, { workers: 2, script, spec: { module: file, params: {} } }).run()
    expect(r.verdict === 'spec-error' && r.message).toMatch(/worker thread \d compiled another transition system \(1 state words, 1 action instances, invariants none\) than this thread \(1 state words, 2 action instances/)
  })
})

describe('every way out of a level answers for it (the coordinator waits for one done per worker)', () => {
  // The test plays the coordinator: when the worker says it is ready, the level is started and, in the same
  // breath, stopped (as when another worker filled the store before this one woke). Before the fix the worker
  // returned without 'done' and the CLI hung about one run in two at a state limit.
  function playLevel(spec: Spec, set: Record<string, unknown>, onReady: (control: Int32Array) => void): FromWorker[] {
    const r = resolveParams(spec, undefined, set)
    if (r._tag === 'Left') throw new Error(r.left)
    const sys = compile(spec, r.right.params)
    const buffers = sharedBuffers(sys.words, 4, 1 << 10, undefined)
    const store = new SharedStateStore(buffers)
    for (const { words } of sys.initial()) store.add(words, 0, NO_PARENT, 0)
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL.words))
    const sent: FromWorker[] = []
    const port = {
      postMessage: (m: FromWorker) => { sent.push(m); if (m.type === 'ready') onReady(control) },
      receive: () => undefined,
    }
    const stats = new SharedArrayBuffer(8 * (4 + 2 * sys.model.actions.length))
    Atomics.store(control, CONTROL.END, store.size)
    workerLoop(sys, { spec: { name: spec.name, params: r.right.params }, buffers, control: control.buffer as SharedArrayBuffer, stats, deadlock: true, worker: 0 }, port)
    return sent
  }
  const stoppedBeforeWaking = (control: Int32Array) => {
    Atomics.store(control, CONTROL.STATE, CONTROL.STOP)
    Atomics.add(control, CONTROL.LEVEL, 1)
  }
  test('woken for a level that was already stopped', () => {
    const sent = playLevel(specs.find(s => s.name === 'philosophers')!, { N: 3 }, stoppedBeforeWaking)
    expect(sent.map(m => m.type)).toEqual(['ready', 'done'])
  })
  test('an action that throws: the error, then done', () => {
    let calls = 0
    const act = actionsOf<{ x: number }>()
    const throwing = defineSpec({
      name: 'throws', description: 'An action that throws on its second call.', params: {},
      build: () => model({
        vars: record({ x: int(0, 3) }),
        init: () => [{ x: 0 }],
        actions: [act({ name: 'Step', description: 'Counts, and throws the second time.', params: {},
          when: s => s.x < 3, then: (n, _w, _p, s) => { if (++calls === 2) throw new Error('boom'); n.x = s.x + 1 } })],
        invariants: [],
      }),
    }) as Spec
    const sent = playLevel(throwing, {}, control => {
      Atomics.add(control, CONTROL.LEVEL, 1)
      // The second level is never started: a worker that answers the first and waits again would hang the test, so it must stop.
      Atomics.store(control, CONTROL.STATE, CONTROL.RUN)
    })
    expect(sent.map(m => m.type)).toEqual(['ready', 'error', 'done'])
  })
})


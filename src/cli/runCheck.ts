/**
 * Runs one search in slices so that progress prints and Ctrl-C / SIGTERM are
 * honoured (a synchronous search would never let a signal handler run), then
 * materialises the behaviours found.
 */
import { Bfs } from '../explorer/bfs.js'
import { BehaviourGraph } from '../explorer/graph.js'
import { ParallelBfs } from '../explorer/parallel.js'
import type { StoreReader } from '../explorer/store.js'
import { materialise, searchOptions, withLiveness, type CheckOptions } from '../checker.js'
import type { CheckResult } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { Progress } from '../report/progress.js'
import { onStop } from './signals.js'
import { workerScript } from './workers.js'

export interface Checked<S> {
  readonly result: CheckResult<S>
  readonly store: StoreReader
}

/** How worker threads find the spec: its name (shipped) or its bundle (a spec file). */
export interface SpecRef { readonly name?: string; readonly module?: string; readonly params: Record<string, unknown>; readonly variant?: string; readonly symmetry?: boolean; readonly por?: boolean }

export async function runCheck<S>(sys: TransitionSystem<S>, opts: CheckOptions<S>, progress: { show: boolean; label?: string }, parallel?: { workers: number; spec: SpecRef }): Promise<Checked<S>> {
  const bar = new Progress(process.stderr, undefined, progress.label)
  let p: ParallelBfs<S> | undefined
  if (parallel !== undefined && parallel.workers > 1 && !opts.liveness && (opts.observers ?? []).length === 0) {
    try {
      p = new ParallelBfs(sys, { ...opts, workers: parallel.workers, spec: parallel.spec, script: workerScript('searchWorker') })
    } catch (e) {
      // No room to reserve shared buffers (an address-space limit): search on this thread, which grows as it goes.
      if (!(e instanceof RangeError)) throw e
      p = undefined
    }
  }
  if (p !== undefined) {
    const off = onStop(reason => p.interrupt(reason))
    try {
      const q = p
      const r = await q.run(() => { if (progress.show) bar.tick(q.stats()) })
      return { result: materialise(sys, q.store, r), store: q.store }
    } finally {
      bar.done()
      off()
    }
  }
  const graph = opts.liveness ? new BehaviourGraph<S>() : undefined
  const bfs = new Bfs(sys, searchOptions(opts, graph))
  const off = onStop(reason => bfs.interrupt(reason))
  try {
    for (;;) {
      const r = bfs.run(200)
      if (r !== undefined) {
        const result = materialise(sys, bfs.store, r)
        return { result: graph === undefined ? result : withLiveness(sys, bfs.store, graph, result), store: bfs.store }
      }
      if (progress.show) bar.tick(bfs.stats())
      await new Promise(resolve => setImmediate(resolve))
    }
  } finally {
    bar.done()
    off()
  }
}

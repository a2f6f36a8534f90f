/**
 * Runs one search in slices so that progress prints and Ctrl-C / SIGTERM are
 * honoured (a synchronous search would never let a signal handler run), then
 * materialises the behaviours found.
 */
import { Bfs } from '../explorer/bfs.js'
import { BehaviourGraph } from '../explorer/graph.js'
import { materialise, searchOptions, withLiveness, type CheckOptions } from '../checker.js'
import type { CheckResult } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { Progress } from '../report/progress.js'
import { onStop } from './signals.js'

export interface Checked<S> {
  readonly result: CheckResult<S>
  readonly bfs: Bfs<S>
}

export async function runCheck<S>(sys: TransitionSystem<S>, opts: CheckOptions<S>, progress: { show: boolean; label?: string }): Promise<Checked<S>> {
  const bar = new Progress(process.stderr, undefined, progress.label)
  const graph = opts.liveness ? new BehaviourGraph<S>() : undefined
  const bfs = new Bfs(sys, searchOptions(opts, graph))
  const off = onStop(reason => bfs.interrupt(reason))
  try {
    for (;;) {
      const r = bfs.run(200)
      if (r !== undefined) {
        const result = materialise(sys, bfs.store, r)
        return { result: graph === undefined ? result : withLiveness(sys, bfs.store, graph, result), bfs }
      }
      if (progress.show) bar.tick(bfs.stats())
      await new Promise(resolve => setImmediate(resolve))
    }
  } finally {
    bar.done()
    off()
  }
}

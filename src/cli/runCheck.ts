/**
 * Runs one check in slices so that progress prints and Ctrl-C is honoured
 * (a synchronous search would never let the SIGINT handler run).
 */
import { Explorer, specErrorResult, type ExploreOptions } from '../explorer/explore.js'
import type { CheckResult } from '../explorer/result.js'
import type { Model } from '../model/spec.js'
import { Progress } from '../report/progress.js'

export interface Checked<S> {
  readonly result: CheckResult<S>
  /** Undefined only when the spec failed before exploring began. */
  readonly explorer: Explorer<S> | undefined
}

export async function runCheck<S>(model: Model<S>, opts: ExploreOptions<S>, showProgress: boolean): Promise<Checked<S>> {
  let explorer: Explorer<S> | undefined
  const progress = new Progress()
  const onSigint = () => explorer?.interrupt('interrupted by Ctrl-C')
  process.on('SIGINT', onSigint)
  try {
    explorer = new Explorer(model, opts)
    for (;;) {
      const r = explorer.run(200)
      if (r !== undefined) return { result: r, explorer }
      if (showProgress) progress.tick(explorer.stats())
      await new Promise(resolve => setImmediate(resolve))
    }
  } catch (e) {
    return { result: specErrorResult(e, explorer), explorer }
  } finally {
    progress.done()
    process.off('SIGINT', onSigint)
  }
}

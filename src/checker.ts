/**
 * The checker as a whole: search (a strategy in src/explorer), then
 * materialise each behaviour found as a trace (replayed and verified against
 * the store, then put in the form with fewer thread switches). The command
 * line does the same in slices (src/cli/runCheck.ts).
 */
import type { Model } from './model/spec.js'
import type { ExecutorKind } from './semantics/executor.js'
import { InternalError, SpecError, describeState } from './semantics/specError.js'
import { compileModel, type TransitionSystem } from './semantics/system.js'
import { fewerSwitches } from './trace/fewerSwitches.js'
import { rebuild } from './trace/rebuild.js'
import { Bfs, type SearchOptions } from './explorer/bfs.js'
import type { CheckResult, SearchResult, Trace } from './explorer/result.js'
import { emptyStats } from './explorer/result.js'
import type { StateStore } from './explorer/store.js'

/** The search's paths as traces. An internal error (a replay that contradicts the store) is thrown, never hidden. */
export function materialise<S>(sys: TransitionSystem<S>, store: StateStore, r: SearchResult): CheckResult<S> {
  switch (r.verdict) {
    case 'verified':
    case 'incomplete':
      return r
    case 'violated': {
      const violations = r.found.map(f => ({
        property: f.property.name, description: f.property.description, kind: f.property.kind,
        // Under symmetry the last step is found again among the permuted ones: it must still violate the property.
        trace: fewerSwitches(sys, rebuild(sys, store, f.path, f.property.kind === 'property'
          ? (i, s, next) => sys.propsOf[i]!.includes(f.property.index) && !sys.holdsStep(f.property.index, i, s, next)
          : undefined), f.property),
      }))
      return { verdict: 'violated', ...violations[0]!, violations, exhaustive: r.exhaustive, ...(r.reason ? { reason: r.reason } : {}), stats: r.stats }
    }
    case 'deadlock':
      return { verdict: 'deadlock', trace: fewerSwitches(sys, rebuild(sys, store, r.path), undefined), stats: r.stats }
    case 'spec-error': {
      // The spec is broken, so replaying it may break too: the trace is best effort.
      let trace: Trace<S> | undefined
      try { trace = r.path ? rebuild(sys, store, r.path) : undefined } catch (e) { if (e instanceof InternalError) throw e }
      return trace ? { verdict: 'spec-error', message: r.message, trace, stats: r.stats } : { verdict: 'spec-error', message: r.message, stats: r.stats }
    }
  }
}

/** Searches `sys` to the end (or a limit) and materialises the result. */
export function check<S>(sys: TransitionSystem<S>, opts: SearchOptions<S> = {}): CheckResult<S> {
  let bfs: Bfs<S>
  try {
    bfs = new Bfs(sys, opts)
  } catch (e) {
    return specErrorOf(e)
  }
  return materialise(sys, bfs.store, bfs.run()!)
}

/** A spec error raised before any search (a name that does not exist, a model that cannot be built). */
export function specErrorOf<S>(e: unknown): CheckResult<S> {
  if (!(e instanceof SpecError)) throw e
  const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
  return { verdict: 'spec-error', message, stats: emptyStats() }
}

export interface ExploreOptions<S> extends SearchOptions<S> {
  readonly executor?: ExecutorKind
  readonly thorough?: boolean
}

/** Compiles a bare model and checks it (tests and programmatic use). */
export function explore<S>(model: Model<S>, opts: ExploreOptions<S> = {}): CheckResult<S> {
  let sys: TransitionSystem<S>
  try {
    sys = compileModel(model, { ...(opts.executor ? { executor: opts.executor } : {}), ...(opts.thorough ? { thorough: true } : {}) })
  } catch (e) {
    return specErrorOf(e)
  }
  return check(sys, opts)
}

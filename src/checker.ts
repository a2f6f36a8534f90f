/**
 * The checker as a whole: search (a strategy in src/explorer), then
 * materialise each behaviour found as a trace (replayed and verified against
 * the store, then put in the form with fewer thread switches). The command
 * line does the same in slices (src/cli/runCheck.ts).
 */
import type { Model } from './model/spec.js'
import type { ExecutorKind } from './semantics/executor.js'
import { SpecError, describeState } from './semantics/specError.js'
import { compileModel, type TransitionSystem } from './semantics/system.js'
import { fewerSwitches } from './trace/fewerSwitches.js'
import { rebuild, rebuildLasso } from './trace/rebuild.js'
import { Bfs, type SearchOptions } from './explorer/bfs.js'
import { BehaviourGraph } from './explorer/graph.js'
import { NO_PARENT } from './explorer/store.js'
import { checkLiveness, fairnessGroups } from './invariants/liveness.js'
import type { CheckResult, SearchResult, Trace, Violation } from './explorer/result.js'
import { emptyStats } from './explorer/result.js'
import type { StoreReader } from './explorer/store.js'

/** The search's paths as traces. An internal error (a replay that contradicts the store) is thrown, never hidden. */
export function materialise<S>(sys: TransitionSystem<S>, store: StoreReader, r: SearchResult): CheckResult<S> {
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
      // The spec is broken (not deterministic, perhaps), so replaying it may break too: the trace is best effort.
      let trace: Trace<S> | undefined
      try { trace = r.path ? rebuild(sys, store, r.path) : undefined } catch { trace = undefined }
      return trace ? { verdict: 'spec-error', message: r.message, trace, stats: r.stats } : { verdict: 'spec-error', message: r.message, stats: r.stats }
    }
  }
}

export interface CheckOptions<S> extends SearchOptions<S> {
  /** Also check the model's liveness properties under its fairness (the search then goes to the end: `continue`). */
  readonly liveness?: boolean
}

/** The search options a check needs: with liveness, the whole graph. */
export function searchOptions<S>(opts: CheckOptions<S>, graph: BehaviourGraph<S> | undefined): SearchOptions<S> {
  return graph === undefined ? opts : { ...opts, continue: true, observers: [...(opts.observers ?? []), graph] }
}

/** Searches `sys` to the end (or a limit) and materialises the result. */
export function check<S>(sys: TransitionSystem<S>, opts: CheckOptions<S> = {}): CheckResult<S> {
  let bfs: Bfs<S>
  const graph = opts.liveness ? new BehaviourGraph<S>() : undefined
  try {
    bfs = new Bfs(sys, searchOptions(opts, graph))
  } catch (e) {
    return specErrorOf(e)
  }
  const r = materialise(sys, bfs.store, bfs.run()!)
  return graph === undefined ? r : withLiveness(sys, bfs.store, graph, r)
}

/**
 * The liveness properties' outcomes added to a finished search's result. They
 * need the whole graph: after a search cut short, or stopped at a deadlock,
 * they are not checked and the result says so.
 */
export function withLiveness<S>(sys: TransitionSystem<S>, store: StoreReader, graph: BehaviourGraph<S>, r: CheckResult<S>): CheckResult<S> {
  const fairness = fairnessGroups(sys).map(g => g.label)
  if (r.verdict === 'incomplete' || r.verdict === 'spec-error') return r
  if (r.verdict === 'deadlock' || (r.verdict === 'violated' && !r.exhaustive)) {
    return r.verdict === 'deadlock' ? r : { ...r, reason: `${r.reason ?? 'the search stopped early'}; liveness was not checked` }
  }
  if (!store.exact) throw new SpecError('--liveness needs states stored whole (at most 128 bits); this state does not fit')
  graph.close(store.size)
  const initials: number[] = []
  for (let id = 0; id < store.size && store.parentOf(id) === NO_PARENT; id++) initials.push(id)
  const outcomes = checkLiveness(sys, graph, store, id => sys.decode(store.chunkOf(id), store.offsetOf(id)), initials)
  const liveness = outcomes.map(o => ({ property: o.property.name, description: o.property.description, verdict: o.lasso ? 'violated' as const : 'holds' as const }))
  const lassos: Violation<S>[] = outcomes.flatMap(o => (o.lasso === undefined ? [] : [{
    property: o.property.name, description: o.property.description, kind: 'liveness' as const,
    trace: rebuildLasso(sys, store, o.lasso),
    loop: { at: o.lasso.loop, ...(o.lasso.closing === undefined ? {} : { closing: o.lasso.closing }) },
    notes: o.notes,
  }]))
  if (r.verdict === 'verified' && lassos.length === 0) return { ...r, liveness, fairness }
  const violations = [...(r.verdict === 'violated' ? r.violations : []), ...lassos]
  return { verdict: 'violated', ...violations[0]!, violations, exhaustive: true, stats: r.stats, liveness, fairness }
}

/** A spec error raised before any search (a name that does not exist, a model that cannot be built). */
export function specErrorOf<S>(e: unknown): CheckResult<S> {
  if (!(e instanceof SpecError)) throw e
  const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
  return { verdict: 'spec-error', message, stats: emptyStats() }
}

export interface ExploreOptions<S> extends CheckOptions<S> {
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

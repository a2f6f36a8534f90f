/** The `--json` report of a check: one object, stable field names (documented in the README). */
import type { CheckResult } from '../explorer/result.js'
import type { ParamValues } from '../model/params.js'

interface Info { readonly spec: string; readonly variant: string | undefined; readonly params: ParamValues }

export function jsonReport(info: Info, r: CheckResult<unknown>) {
  const s = r.stats
  return {
    spec: info.spec,
    variant: info.variant ?? null,
    params: info.params,
    verdict: r.verdict,
    distinctStates: s.distinctStates,
    transitions: s.transitions,
    depth: s.depth,
    elapsedMs: s.elapsedMs,
    ...(r.verdict === 'violated' ? {
      property: r.property, propertyKind: r.kind, traceLength: r.trace.length - 1,
      violations: r.violations.map(v => ({ property: v.property, kind: v.kind, traceLength: v.trace.length - 1, ...(v.loop ? { loop: v.loop.at, stutters: v.loop.closing === undefined } : {}) })),
      // With --continue: whether every violated property is listed (false: a limit stopped the search early).
      exhaustive: r.exhaustive,
      ...(r.reason ? { reason: r.reason } : {}),
    } : {}),
    ...(r.verdict === 'deadlock' ? { traceLength: r.trace.length - 1 } : {}),
    ...((r.verdict === 'verified' || r.verdict === 'violated') && r.liveness ? { liveness: r.liveness, fairness: r.fairness } : {}),
    ...(r.verdict === 'incomplete' ? { reason: r.reason } : {}),
    ...(r.verdict === 'spec-error' ? { message: r.message } : {}),
    queue: s.queue,
    outDegree: { min: s.outDegreeMin, max: s.outDegreeMax },
    coverage: s.actions,
    neverEnabled: s.actions.filter(a => a.generated === 0).map(a => a.name),
    exact: s.exact,
    symmetry: s.symmetry,
    ...(s.por ? { por: s.por, ...(s.por.candidates > 0 ? { shortest: 'in the reduced graph' } : {}) } : {}),
    collisionProbability: s.collisionProbability,
    storeBytes: s.storeBytes,
    memoryBytes: s.memoryBytes,
    workers: s.workers ?? 1,
    // The process's peak resident memory (every thread's, shared buffers included).
    peakMemoryBytes: process.resourceUsage().maxRSS * 1024,
  }
}

/** A spec error before any search (the model could not be built, or names something that does not exist). */
export const specErrorReport = (info: Info, message: string) => ({
  spec: info.spec, variant: info.variant ?? null, params: info.params, verdict: 'spec-error', message,
})

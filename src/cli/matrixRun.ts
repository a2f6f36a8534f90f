/** Running a spec's verdict matrix, row by row: shared by `matrix`, `traces`, `docs` and the matrix tests. */
import type { CheckResult } from '../explorer/result.js'
import { resolveParams } from '../model/params.js'
import type { MatrixOutcome, MatrixRow, ParamValues, Spec } from '../model/spec.js'
import { compile, type TransitionSystem } from '../semantics/system.js'
import { showParams } from '../report/summary.js'
import { traceFileNames } from '../report/traceFiles.js'
import { runCheck } from './runCheck.js'
import { orUsage, UsageError } from './usageError.js'
import { defaultWorkers } from './workers.js'

export interface RowRun {
  readonly row: MatrixRow
  readonly params: ParamValues
  readonly bounds: string
  readonly sys: TransitionSystem
  readonly result: CheckResult<unknown>
}

export const matrixOf = (spec: Spec) => spec.matrix

/**
 * Runs a row to the end with `continue`: every violated property, each with a
 * shortest trace, searched as the row says (reductions, threads, liveness).
 * `module` is the bundle of a spec loaded from a file, for worker threads.
 */
export async function runRow(spec: Spec, row: MatrixRow, progress = false, module?: string): Promise<RowRun> {
  const { params, variant } = orUsage(resolveParams(spec, row.variant, row.set ?? {}))
  const s = row.search ?? {}
  if (s.liveness && (s.symmetry || s.por || (s.workers !== undefined && s.workers !== 1))) {
    throw new UsageError(`matrix row ${row.id}: liveness is checked on one thread over the whole graph; drop symmetry, por and workers from its search`)
  }
  const reductions = { ...(s.symmetry ? { symmetry: true } : {}), ...(s.por ? { por: true } : {}) }
  const sys = compile(spec, params, { variant, ...reductions })
  const workers = s.workers === 'all' ? defaultWorkers() : s.workers ?? 1
  const parallel = workers > 1 ? { workers, spec: { ...(module ? { module } : { name: spec.name }), params, ...(variant ? { variant } : {}), ...reductions } } : undefined
  const { result } = await runCheck(sys, { continue: true, ...(s.liveness ? { liveness: true } : {}) }, { show: progress, label: row.id }, parallel)
  const bounds = spec.matrix?.bounds?.(params as never) ?? showParams(params)
  return { row, params, bounds, sys, result }
}

export async function runRows(spec: Spec, rows: readonly MatrixRow[]): Promise<RowRun[]> {
  const out: RowRun[] = []
  for (const row of rows) out.push(await runRow(spec, row))
  return out
}

/** What a row found, as a spec's document generator sees it; trace files are linked under `traces/` for small rows. */
export function outcomeOf(r: RowRun): MatrixOutcome {
  const res = r.result
  return {
    row: r.row,
    params: r.params,
    bounds: r.bounds,
    verdict: res.verdict,
    violations: res.verdict === 'violated'
      ? res.violations.map(v => ({ property: v.property, steps: v.trace.length - 1, files: r.row.large ? [] : traceFileNames(r.row.id, v.property).map(f => `traces/${f}`) }))
      : [],
    exhaustive: res.verdict === 'violated' ? res.exhaustive : res.verdict === 'verified',
    distinctStates: res.stats.distinctStates,
  }
}

/** A property's short name for tables: what comes before the first underscore (`I1_AugOnlyOnFreeLeaf` -> `I1`). */
export const shortName = (property: string): string => property.split('_')[0]!

/** The verdict in one cell: 'verified', or the violated properties in the order found. */
export const cell = (r: CheckResult<unknown>): string =>
  r.verdict === 'violated' ? `violated: ${r.violations.map(v => shortName(v.property)).join(', ')}`
    : r.verdict === 'incomplete' ? `incomplete (${r.reason})`
    : r.verdict

export const expected = (row: MatrixRow): string =>
  row.expect === 'verified' ? 'verified' : `violated: ${row.expect.map(shortName).join(', ')}`

/** Whether a row's result is the documented one: the same verdict, and for a violation exactly the same properties, found exhaustively. */
export const asDocumented = (row: MatrixRow, r: CheckResult<unknown>): boolean =>
  r.verdict === 'violated'
    ? r.exhaustive && row.expect !== 'verified' && r.violations.map(v => v.property).join() === row.expect.join()
    : r.verdict === 'verified' && row.expect === 'verified'

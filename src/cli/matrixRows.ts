/** Running one row of the TDP MMU verdict matrix: shared by `matrix`, `traces`, `docs` and the matrix test. */
import type { MatrixRow } from '../../spec/tdp-mmu/matrix.js'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import type { CheckResult } from '../explorer/result.js'
import { resolveParams } from '../model/params.js'
import type { ParamValues } from '../model/spec.js'
import { buildModel } from './commands.js'
import { runCheck } from './runCheck.js'
import { orUsage } from './usageError.js'

export interface RowOutcome {
  readonly row: MatrixRow
  readonly params: ParamValues
  /** `V=2 G=1 D=1 +prefetch`, for tables. */
  readonly bounds: string
  readonly result: CheckResult<unknown>
}

export const boundsOf = (p: Record<string, unknown>): string =>
  `V=${p['vcpus']} G=${p['gfns']} D=${p['depth']}` +
  ['sharedParent', 'prefetch', 'zap', 'busy', 'dirtyLog'].filter(k => p[k] === true && (k !== 'sharedParent' || p['gfns'] === 2)).map(k => ` +${k}`).join('')

/** Runs a row to the end with `continue`: every violated property, each with a shortest trace. */
export async function runRowToEnd(row: MatrixRow, progress = false): Promise<RowOutcome> {
  const { params } = orUsage(resolveParams(tdpMmu, row.variant, row.sets))
  const { result } = await runCheck(buildModel(tdpMmu, params), { continue: true }, progress)
  return { row, params, bounds: boundsOf(params), result: result as CheckResult<unknown> }
}

export async function runRows(rows: readonly MatrixRow[]): Promise<RowOutcome[]> {
  const out: RowOutcome[] = []
  for (const row of rows) out.push(await runRowToEnd(row))
  return out
}

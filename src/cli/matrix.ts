/**
 * `sptecheck matrix` (npm start): every row of the TDP MMU verdict matrix,
 * a table of verdicts, and the counterexamples written under traces/.
 */
import { matrix, type MatrixRow } from '../../spec/tdp-mmu/matrix.js'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import type { CheckResult } from '../explorer/result.js'
import type { Spec } from '../model/spec.js'
import { traceFiles, writeTraceFiles } from '../report/traceFiles.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { runRowToEnd } from './matrixRows.js'
import { orUsage, UsageError } from './usageError.js'

/** The verdict in one cell: 'verified', or the violated properties in the order found. */
export const cell = (r: CheckResult<unknown>): string =>
  r.verdict === 'violated' ? `violated: ${r.violations.map(v => v.property.split('_')[0]).join(', ')}`
    : r.verdict === 'incomplete' ? `incomplete (${r.reason})`
    : r.verdict

const expected = (row: MatrixRow): string =>
  row.expect === 'verified' ? 'verified' : `violated: ${row.expect.map(p => p.split('_')[0]).join(', ')}`

/** Whether a row's result is the documented one. */
const asDocumented = (row: MatrixRow, r: CheckResult<unknown>): boolean =>
  r.verdict === 'violated' ? r.exhaustive && cell(r) === expected(row) : r.verdict === 'verified' && row.expect === 'verified'

export async function matrixCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: ['only'], boolean: ['no-traces'] }))
  if (p.positional.length > 0) throw new UsageError(`matrix takes no arguments, got: ${p.positional.join(' ')}`)
  const only = p.values['only']?.[0]
  const rows = only === undefined ? matrix : matrix.filter(r => r.id === only || r.variant === only)
  if (rows.length === 0) throw new UsageError(`no matrix row or variant '${only}'; the rows are: ${matrix.map(r => r.id).join(', ')}`)
  const header = ['row', 'bounds', 'verdict', 'expected', 'distinct', 'depth', 'time']
  const table: string[][] = []
  let allOk = true
  process.stdout.write(`TDP MMU verdict matrix (${rows.length} row${rows.length === 1 ? "" : "s"}; every search exhaustive unless it says incomplete)\n\n`)
  for (const row of rows) {
    const r = await runRowToEnd(row, true)
    const ok = asDocumented(row, r.result)
    allOk &&= ok
    if (r.result.verdict === 'violated' && !p.flags.has('no-traces')) writeTraceFiles(traceFiles(row.id, tdpMmu as Spec, row.variant, r.params, r.result))
    const s = r.result.stats
    table.push([row.id, r.bounds, cell(r.result), ok ? 'as documented' : `MISMATCH: expected ${expected(row)}`,
      s.distinctStates.toLocaleString('en'), String(s.depth), `${(s.elapsedMs / 1000).toFixed(1)} s`])
    process.stderr.write(`  ${row.id}: ${cell(r.result)}\n`)
  }
  const widths = header.map((h, i) => Math.max(h.length, ...table.map(r => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  process.stdout.write(`${[line(header), line(widths.map(w => '-'.repeat(w))), ...table.map(line)].join('\n')}\n\n`)
  process.stdout.write(allOk ? 'Every verdict is the documented one. Counterexamples are under traces/.\n' : 'Some verdicts differ from the documented ones (see MISMATCH above).\n')
  return allOk ? Exit.verified : Exit.violated
}

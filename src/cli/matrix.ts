/**
 * `sptecheck matrix [spec]` (npm start): every row of a spec's verdict matrix,
 * a table of verdicts against the documented ones, and the counterexamples
 * written under traces/. Ctrl-C or SIGTERM stops the whole matrix (exit 3).
 */
import { writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import type { Spec } from '../model/spec.js'
import { matrixHtml } from '../report/html/matrixHtml.js'
import { traceFiles, writeTraceFiles } from '../report/traceFiles.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { builtinSpecs, loadSpec } from './load.js'
import { asDocumented, cell, expected, runRow, shortName, type RowRun } from './matrixRun.js'
import { writableDir, writableFile } from './options.js'
import { stopRequested } from './signals.js'
import { orUsage, UsageError } from './usageError.js'

/** The spec named on the command line, or the first shipped spec that has a matrix. */
export async function matrixSpec(ref: string | undefined): Promise<Spec> {
  return (await matrixSpecLoaded(ref)).spec
}

/** The same, with the bundle of a spec file (worker threads load it). */
async function matrixSpecLoaded(ref: string | undefined): Promise<{ spec: Spec; bundle?: string }> {
  const loaded = ref === undefined ? { spec: (await builtinSpecs()).find(s => s.matrix !== undefined) } : await loadSpec(ref)
  const spec = loaded.spec
  if (spec?.matrix === undefined) throw new UsageError(`spec ${spec?.name ?? ref} has no verdict matrix (a 'matrix' of rows on the spec)`)
  return { spec, ...('bundle' in loaded && loaded.bundle ? { bundle: loaded.bundle } : {}) }
}

export async function matrixCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: ['only', 'traces', 'html'], boolean: ['no-traces', 'skip-large'] }))
  if (p.positional.length > 1) throw new UsageError(`matrix takes at most one spec, got: ${p.positional.join(' ')}`)
  const { spec, bundle } = await matrixSpecLoaded(p.positional[0])
  const all = spec.matrix!.rows
  const only = p.values['only']?.[0]
  const rows = all.filter(r => (only === undefined || r.id === only || r.variant === only) && !(p.flags.has('skip-large') && (r.large || r.heavy)))
  if (rows.length === 0) throw new UsageError(`no matrix row or variant '${only}'; the rows are: ${all.map(r => r.id).join(', ')}`)
  const tracesDir = p.flags.has('no-traces') ? undefined : writableDir('traces', p.values['traces']?.[0] ?? resolve('traces'))
  // Beside the traces folder rather than in it: traces/ holds exactly what `npm run traces` generates.
  const page = writableFile('html', p.values['html']?.[0] ?? 'matrix.html')

  process.stdout.write(`${spec.matrix!.title}: ${rows.length} row${rows.length === 1 ? '' : 's'}; every search is exhaustive unless it says incomplete\n\n`)
  const runs: RowRun[] = []
  for (const row of rows) {
    if (stopRequested()) break
    process.stderr.write(`  ${row.id}: running${row.heavy ? ' (a heavy bound: many minutes)' : row.large ? ' (a larger bound: minutes)' : ''}...\n`)
    const r = await runRow(spec, row, true, bundle)
    runs.push(r)
    if (r.result.verdict === 'violated' && tracesDir !== undefined && !row.large && !row.heavy) writeTraceFiles(traceFiles(row.id, r.sys, r.result), tracesDir)
    process.stderr.write(`  ${row.id}: ${cell(r.result)} (${(r.result.stats.elapsedMs / 1000).toFixed(1)} s)\n`)
  }
  process.stdout.write(`${table(runs)}\n\n`)
  const legend = [...new Set(runs.flatMap(r => (r.result.verdict === 'violated' ? r.result.violations : [])
    .map(v => `  ${shortName(v.property) === v.property ? '' : `${shortName(v.property)}: `}${v.property}: ${v.description}`)))]
  if (legend.length > 0) process.stdout.write(`Properties:\n${legend.sort().join('\n')}\n\n`)
  const interrupted = stopRequested()
  if (interrupted !== undefined) {
    process.stdout.write(`Incomplete: ${interrupted}; ${runs.filter(r => r.result.verdict !== 'incomplete').length} of ${rows.length} rows finished.\n`)
    return Exit.incomplete
  }
  const allOk = runs.every(r => asDocumented(r.row, r.result))
  const verdict = allOk ? 'Every verdict is the documented one.' : 'Some verdicts differ from the documented ones (see MISMATCH).'
  writeFileSync(page, matrixHtml({
    title: spec.matrix!.title, spec: spec.name, verdict, properties: propertiesOf(runs),
    rows: runs.map(r => ({
      id: r.row.id, bounds: r.bounds, verdict: cell(r.result), documented: expected(r.row), status: statusOf(r),
      states: r.result.stats.distinctStates, depth: r.result.stats.depth, seconds: r.result.stats.elapsedMs / 1000, why: r.row.why,
      violations: (r.result.verdict === 'violated' ? r.result.violations : []).map(v => ({
        property: v.property, short: shortName(v.property),
        ...(tracesDir !== undefined && !r.row.large && !r.row.heavy ? { href: relative(dirname(page), resolve(tracesDir, r.row.id, `${v.property}.html`)) } : {}),
      })),
    })),
  }))
  process.stdout.write(`${verdict}${tracesDir ? ` Counterexamples are under ${tracesDir}.` : ''}\nThe matrix as a page, linked to the trace pages: ${page}\n`)
  return allOk ? Exit.verified : Exit.violated
}

const statusOf = (r: RowRun): string =>
  asDocumented(r.row, r.result) ? 'ok' : r.result.verdict === 'incomplete' && stopRequested() ? 'stopped' : 'MISMATCH'

const propertiesOf = (runs: readonly RowRun[]): Map<string, string> =>
  new Map(runs.flatMap(r => (r.result.verdict === 'violated' ? r.result.violations : []).map(v => [v.property, v.description] as const)))

function table(runs: readonly RowRun[]): string {
  const header = ['row', 'bounds', 'verdict', 'documented', '', 'states', 'depth', 'time']
  const rows = runs.map(r => {
    const s = r.result.stats
    return [r.row.id, r.bounds, cell(r.result), expected(r.row), statusOf(r),
      s.distinctStates.toLocaleString('en'), String(s.depth), `${(s.elapsedMs / 1000).toFixed(1)} s`]
  })
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)))
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()
  return [line(header), line(widths.map(w => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/**
 * `sptecheck traces` and `sptecheck docs`: regenerate traces/ and the
 * generated pages of docs/ from the verdict matrix. The matrix test runs the
 * same functions and fails when the committed files differ.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isLarge, matrix, type MatrixRow } from '../../spec/tdp-mmu/matrix.js'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import { Explorer } from '../explorer/explore.js'
import type { CheckResult } from '../explorer/result.js'
import { ROOT } from '../util/root.js'
import { resolveParams } from '../model/params.js'
import type { ParamValues, Spec } from '../model/spec.js'
import { invariantsPage, variantsPage, type RowOutcome } from '../report/docs.js'
import { traceFiles, TRACES_DIR, writeTraceFiles, type TraceFile } from '../report/traceFiles.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { boundsOf } from './matrix.js'
import { orUsage, UsageError } from './usageError.js'

export const DOCS_DIR = join(ROOT, 'docs')

/**
 * Runs one matrix row to the end (all violations, each with a shortest trace),
 * in slices that yield to the event loop: a test worker blocked for minutes
 * loses its connection to the test runner.
 */
export async function runRowToEnd(row: MatrixRow): Promise<RowOutcome & { params: ParamValues }> {
  const r = resolveParams(tdpMmu, row.variant, row.sets)
  if (r._tag === 'Left') throw new Error(`matrix row ${row.id}: ${r.left}`)
  const explorer = new Explorer(tdpMmu.build(r.right.params), { continue: true })
  let result: CheckResult<unknown> | undefined
  while ((result = explorer.run(200) as CheckResult<unknown> | undefined) === undefined) await new Promise(resolve => setImmediate(resolve))
  return { row, bounds: boundsOf(r.right.params), result, params: r.right.params }
}

export const runRows = async (rows: readonly MatrixRow[]) => {
  const out: (RowOutcome & { params: ParamValues })[] = []
  for (const row of rows) out.push(await runRowToEnd(row))
  return out
}

export const traceFilesOf = (outcomes: readonly (RowOutcome & { params: ParamValues })[]): TraceFile[] =>
  outcomes.filter(o => !isLarge(o.row)).flatMap(o => traceFiles(o.row.id, tdpMmu as Spec, o.row.variant, o.params, o.result))

const fullParams = (): ParamValues => {
  const r = resolveParams(tdpMmu, 'upstream', ['zap=true', 'depth=2', 'prefetch=true', 'dirtyLog=true'])
  if (r._tag === 'Left') throw new Error(r.left)
  return r.right.params
}

export const docFilesOf = (outcomes: readonly RowOutcome[]): TraceFile[] => [
  // The action sources cited come from a configuration in which every action exists.
  { path: 'invariants.md', content: invariantsPage(tdpMmu.build(fullParams()) as never, outcomes) },
  { path: 'variants.md', content: variantsPage(outcomes) },
]

const noArgs = (argv: readonly string[], name: string) => {
  const p = orUsage(parseArgs(argv, { valued: [], boolean: [] }))
  if (p.positional.length > 0) throw new UsageError(`${name} takes no arguments`)
}

export async function tracesCommand(argv: readonly string[]): Promise<number> {
  noArgs(argv, 'traces')
  const files = traceFilesOf(await runRows(matrix.filter(r => !isLarge(r))))
  for (const entry of readdirSync(TRACES_DIR, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(TRACES_DIR, entry.name), { recursive: true })
  }
  writeTraceFiles(files)
  process.stdout.write(`wrote ${files.length} files under traces/\n`)
  return Exit.verified
}

export async function docsCommand(argv: readonly string[]): Promise<number> {
  noArgs(argv, 'docs')
  process.stderr.write('running every matrix row (the larger bounds take a few minutes)...\n')
  const files = docFilesOf(await runRows(matrix))
  mkdirSync(DOCS_DIR, { recursive: true })
  for (const f of files) writeFileSync(join(DOCS_DIR, f.path), f.content)
  process.stdout.write(`wrote ${files.map(f => `docs/${f.path}`).join(', ')}\n`)
  return Exit.verified
}

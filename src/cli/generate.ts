/**
 * `sptecheck traces` and `sptecheck docs`: regenerate traces/ and the
 * generated pages of docs/ from the verdict matrix. The matrix test runs the
 * same functions and fails when the committed files differ.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { isLarge, matrix } from '../../spec/tdp-mmu/matrix.js'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import { ROOT } from '../util/root.js'
import { resolveParams } from '../model/params.js'
import type { ParamValues, Spec } from '../model/spec.js'
import { invariantsPage, variantsPage } from '../report/docs.js'
import { traceFiles, TRACES_DIR, writeTraceFiles, type TraceFile } from '../report/traceFiles.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { runRows, type RowOutcome } from './matrixRows.js'
import { orUsage, UsageError } from './usageError.js'

export const DOCS_DIR = join(ROOT, 'docs')

export const traceFilesOf = (outcomes: readonly RowOutcome[]): TraceFile[] =>
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

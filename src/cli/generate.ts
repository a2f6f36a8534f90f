/**
 * `sptecheck traces [spec]` and `sptecheck docs [spec]`: regenerate the
 * traces folder and the spec's generated documents from its verdict matrix.
 * The matrix tests run the same functions and fail when the committed files
 * differ.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { GeneratedFile, Spec } from '../model/spec.js'
import { traceFiles, writeTraceFiles, type TraceFile } from '../report/traceFiles.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { matrixSpec } from './matrix.js'
import { outcomeOf, runRows, type RowRun } from './matrixRun.js'
import { writableDir } from './options.js'
import { orUsage, UsageError } from './usageError.js'

export const traceFilesOf = (runs: readonly RowRun[]): TraceFile[] =>
  runs.filter(r => !r.row.large && !r.row.heavy).flatMap(r => traceFiles(r.row.id, r.sys, r.result))

/** The rows the generated documents run: all but the heavy ones, which only `npm start` runs (the documents list them as such). */
export const documentedRows = (spec: Spec) => spec.matrix!.rows.filter(r => !r.heavy)

export const docFilesOf = (spec: Spec, runs: readonly RowRun[]): readonly GeneratedFile[] =>
  spec.documents?.(runs.map(outcomeOf) as never) ?? []

const oneSpec = async (argv: readonly string[], name: string, dirFlag: string) => {
  const p = orUsage(parseArgs(argv, { valued: [dirFlag], boolean: [] }))
  if (p.positional.length > 1) throw new UsageError(`${name} takes at most one spec`)
  return { spec: await matrixSpec(p.positional[0]), dir: p.values[dirFlag]?.[0] }
}

export async function tracesCommand(argv: readonly string[]): Promise<number> {
  const { spec, dir } = await oneSpec(argv, 'traces', 'traces')
  const tracesDir = writableDir('traces', dir ?? resolve('traces'))
  const files = traceFilesOf(await runRows(spec, spec.matrix!.rows.filter(r => !r.large && !r.heavy)))
  mkdirSync(tracesDir, { recursive: true })
  for (const entry of readdirSync(tracesDir, { withFileTypes: true })) {
    if (entry.isDirectory()) rmSync(join(tracesDir, entry.name), { recursive: true })
  }
  writeTraceFiles(files, tracesDir)
  process.stdout.write(`wrote ${files.length} files under ${tracesDir}\n`)
  return Exit.verified
}

export async function docsCommand(argv: readonly string[]): Promise<number> {
  const { spec, dir } = await oneSpec(argv, 'docs', 'docs')
  if (spec.documents === undefined) throw new UsageError(`spec ${spec.name} generates no documents`)
  const docsDir = writableDir('docs', dir ?? resolve('docs'))
  process.stderr.write('running every matrix row but the heavy ones (the larger bounds take a few minutes)...\n')
  const files = docFilesOf(spec, await runRows(spec, documentedRows(spec)))
  mkdirSync(docsDir, { recursive: true })
  for (const f of files) writeFileSync(join(docsDir, f.path), f.content)
  process.stdout.write(`wrote ${files.map(f => join(docsDir, f.path)).join(', ')}\n`)
  return Exit.verified
}

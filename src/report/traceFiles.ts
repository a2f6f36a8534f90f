/**
 * The files of a reviewed counterexample: <dir>/<row>/<property> in every
 * trace format. Deterministic (no timestamps), so a regenerated trace that
 * differs means the model or the checker changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { CheckResult } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { EXTENSION, renderTrace, TRACE_FORMATS } from './render.js'

export interface TraceFile { readonly path: string; readonly content: string }

/** Paths relative to the traces folder: `<row>/<property><extension>`, in format order. */
export const traceFileNames = (rowId: string, property: string): string[] =>
  TRACE_FORMATS.map(f => `${rowId}/${property}${EXTENSION[f]}`)

export function traceFiles<S>(rowId: string, sys: TransitionSystem<S>, r: CheckResult<S>): TraceFile[] {
  if (r.verdict !== 'violated') return []
  return r.violations.flatMap(v => TRACE_FORMATS.map(f => ({ path: `${rowId}/${v.property}${EXTENSION[f]}`, content: renderTrace(f, { sys }, v) })))
}

export function writeTraceFiles(files: readonly TraceFile[], dir: string): void {
  for (const f of files) {
    const path = join(dir, f.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, f.content)
  }
}

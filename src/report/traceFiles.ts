/**
 * The files of a reviewed counterexample: traces/<row>/<property>.{txt,...}.
 * Deterministic (no timestamps), so a regenerated trace that differs means the
 * model or the checker changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { makeCodec } from '../model/codec.js'
import type { ParamValues, Spec } from '../model/spec.js'
import type { CheckResult } from '../explorer/result.js'
import { traceText } from './text.js'

export const TRACES_DIR = new URL('../../../traces/', import.meta.url)

export interface TraceFile { readonly path: string; readonly content: string }

export function traceFiles<S>(rowId: string, spec: Spec<S>, params: ParamValues, r: CheckResult<S>): TraceFile[] {
  if (r.verdict !== 'violated') return []
  const model = spec.build(params)
  const codec = makeCodec(model.vars)
  return r.violations.flatMap(v => {
    const base = `${rowId}/${v.property}`
    const head = `${spec.name}, matrix row ${rowId}: ${v.kind} ${v.property} violated after ${v.trace.length - 1} steps.\n${v.description}\n\n`
    return [{ path: `${base}.txt`, content: head + traceText(model, codec, v.trace) }]
  })
}

export function writeTraceFiles<S>(rowId: string, spec: Spec<S>, params: ParamValues, r: CheckResult<S>, dir: URL = TRACES_DIR): void {
  for (const f of traceFiles(rowId, spec, params, r)) {
    const path = join(dir.pathname, f.path)
    mkdirSync(join(path, '..'), { recursive: true })
    writeFileSync(path, f.content)
  }
}

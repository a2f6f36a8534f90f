/**
 * The files of a reviewed counterexample: traces/<row>/<property> in text,
 * chart, ITF and Mermaid. Deterministic (no timestamps), so a regenerated
 * trace that differs means the model or the checker changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { makeCodec } from '../model/codec.js'
import { ROOT } from '../util/root.js'
import type { ParamValues, Spec } from '../model/spec.js'
import type { CheckResult } from '../explorer/result.js'
import { EXTENSION, renderTrace, TRACE_FORMATS } from './render.js'

export const TRACES_DIR = join(ROOT, 'traces')

export interface TraceFile { readonly path: string; readonly content: string }

export function traceFiles<S>(rowId: string, spec: Spec<S>, variant: string | undefined, params: ParamValues, r: CheckResult<S>): TraceFile[] {
  if (r.verdict !== 'violated') return []
  const model = spec.build(params)
  const ctx = { spec: spec.name, variant, params, model, codec: makeCodec(model.vars) }
  return r.violations.flatMap(v => TRACE_FORMATS.map(f => ({ path: `${rowId}/${v.property}${EXTENSION[f]}`, content: renderTrace(f, ctx, v) })))
}

export function writeTraceFiles(files: readonly TraceFile[], dir: string = TRACES_DIR): void {
  for (const f of files) {
    const path = join(dir, f.path)
    mkdirSync(dirname(path), { recursive: true })
    writeFileSync(path, f.content)
  }
}

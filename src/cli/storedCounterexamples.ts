/**
 * The counterexamples stored under a folder (traces/, --out-dir) that belong
 * to one configuration: ITF files whose `#meta` names the spec and exactly
 * these parameters. The explorer offers them as places to jump to.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Value } from '../model/spec.js'
import { fromItfValue, fromParamValue } from '../report/itf.js'
import type { Counterexample } from '../report/html/explorePage.js'
import type { TransitionSystem } from '../semantics/system.js'

export function storedCounterexamples<S>(dir: string, sys: TransitionSystem<S>, relativeTo: string): Counterexample[] {
  const { spec, params } = sys.info
  const out: Counterexample[] = []
  for (const file of itfFiles(dir).sort()) {
    let doc: any
    try { doc = JSON.parse(readFileSync(file, 'utf8')) } catch { continue } // not ours to judge here: `replay` reports bad files
    const meta = doc?.['#meta']
    if (meta?.spec !== spec || !sameParams(meta.params, params) || !Array.isArray(doc.states)) continue
    const steps = (doc.states as any[]).slice(1).map(st => ({
      action: String(st?.['#meta']?.action),
      params: Object.fromEntries(Object.entries(st?.['#meta']?.params ?? {}).map(([k, v]) => [k, fromParamValue(v) as Value])),
    }))
    const init = initOf(sys, doc.states[0])
    if (init === undefined) continue
    const deadlock = meta.status === 'deadlock'
    out.push({
      property: deadlock ? 'deadlock' : String(meta.property ?? 'violation'),
      kind: deadlock ? 'deadlock' : meta.propertyKind === 'invariant' || meta.propertyKind === 'liveness' ? meta.propertyKind : 'property',
      description: deadlock ? 'a state where no action is enabled' : String(meta.propertyDescription ?? ''),
      from: relative(relativeTo, file) || file,
      steps,
      init,
    })
  }
  return out
}

/** Which initial state a trace starts from; undefined when it is none of this configuration's. */
export function initOf<S>(sys: TransitionSystem<S>, first: unknown): number | undefined {
  const vars = sys.model.vars.fields as Record<string, Parameters<typeof fromItfValue>[0]>
  try {
    const s = Object.fromEntries(Object.entries(vars).map(([n, d]) => [n, fromItfValue(d, (first as Record<string, unknown>)[n], n)]))
    const words = sys.encode(s as S)
    const k = sys.initial().findIndex(i => i.words.every((w, j) => w === words[j]))
    return k < 0 ? undefined : k
  } catch {
    return undefined
  }
}

const sameParams = (a: unknown, b: Readonly<Record<string, Value>>): boolean =>
  typeof a === 'object' && a !== null && Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([k, v]) => fromParamValue((a as Record<string, unknown>)[k]) === v)

function itfFiles(dir: string): string[] {
  const out: string[] = []
  for (const e of readdirSync(dir)) {
    const p = join(dir, e)
    if (statSync(p).isDirectory()) out.push(...itfFiles(p))
    else if (e.endsWith('.itf.json')) out.push(p)
  }
  return out
}

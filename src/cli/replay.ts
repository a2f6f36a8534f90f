/**
 * `sptecheck replay <file.itf.json>`: load a trace, re-check every step
 * against the spec its #meta names (each step must be an enabled action
 * instance that yields the next state), and report the violation it
 * reproduces. Anything wrong with the file is one line naming the first bad
 * step or field, and the bad-trace exit status.
 */
import { readFileSync } from 'node:fs'
import { findSpec, specs } from '../../spec/index.js'
import { applyReference } from '../explorer/executor.js'
import { instanceTable, showInstance, type Instance } from '../explorer/instances.js'
import { makeCodec, type Codec } from '../model/codec.js'
import { parseValue } from '../model/params.js'
import type { Model, ParamValues, Spec, Value } from '../model/spec.js'
import { changes } from '../report/changes.js'
import { fromItfValue, fromParamValue, ItfError } from '../report/itf.js'
import { violationsAlong } from '../invariants/check.js'
import { parseArgs } from './args.js'
import { buildModel } from './commands.js'
import { Exit } from './exitCodes.js'
import { orUsage, UsageError } from './usageError.js'

const bad = (message: string): never => { throw new UsageError(message, Exit.badTrace) }
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

export interface Replayed<S> {
  readonly spec: Spec<S>
  readonly model: Model<S>
  readonly states: S[]
  readonly steps: Instance<S>[]
  /**
   * The violation the trace reproduces: the one its #meta claims, else the
   * first along the behaviour; step index, 0 being the initial state.
   */
  readonly violation: { property: string; at: number } | undefined
  /** Every property violated along the behaviour, each at its first violation. */
  readonly violations: readonly { property: string; at: number }[]
  readonly claimed: string | undefined
}

export function replayText<S = any>(text: string, file: string): Replayed<S> {
  let doc: unknown
  try { doc = JSON.parse(text) } catch (e) { return bad(`${file} is not JSON: ${(e as Error).message}`) }
  if (!isRecord(doc)) return bad(`${file}: expected an ITF trace object with "vars" and "states"`)
  const meta = doc['#meta']
  if (!isRecord(meta)) return bad(`${file}: "#meta" is missing; it must name the spec ("#meta.spec") the trace belongs to`)
  const spec = findSpec(String(meta['spec'])) as Spec<S> | undefined
  if (spec === undefined) return bad(`${file}: #meta.spec '${String(meta['spec'])}' is not a known spec (${specs.map(s => s.name).join(', ')})`)
  const params = readParams(spec, meta, file)
  const model = buildModel(spec, params)
  const codec = makeCodec(model.vars)
  const names = Object.keys(model.vars.fields)
  const vars = doc['vars']
  if (!Array.isArray(vars)) return bad(`${file}: "vars" must be the list of variable names`)
  const missing = names.filter(n => !vars.includes(n))
  if (missing.length > 0) return bad(`${file}: "vars" lacks ${missing.join(', ')} (spec ${spec.name} has ${names.join(', ')})`)
  const rawStates = doc['states']
  if (!Array.isArray(rawStates) || rawStates.length === 0) return bad(`${file}: "states" must be a non-empty list`)

  const states = rawStates.map((raw, i) => decodeState(model, names, raw, i))
  const table = instanceTable(model)
  const key = keyer(codec)
  if (!model.init().some(s => key(s) === key(states[0]!))) {
    const diff = changes(model, codec, model.init()[0]!, states[0]!)[0]
    return bad(`states[0] is not an initial state of ${spec.name}${diff ? `: ${diff.path} is ${diff.value}` : ''}`)
  }
  const steps: Instance<S>[] = []
  for (let i = 1; i < states.length; i++) {
    const inst = findInstance(table, rawStates[i], i)
    const next = applyReference(inst, states[i - 1]!)
    const label = `step ${i} (${showInstance(inst.action.name, inst.params)})`
    if (next === undefined) return bad(`${label}: the action is not enabled in states[${i - 1}]`)
    if (key(next) !== key(states[i]!)) {
      const d = changes(model, codec, next, states[i]!)[0]
      return bad(`${label}: the spec gives a different next state${d ? `: the file has ${d.path} = ${d.value}, the spec ${changes(model, codec, states[i]!, next)[0]?.value}` : ''}`)
    }
    steps.push(inst)
  }
  const claimed = typeof meta['property'] === 'string' ? meta['property'] : undefined
  const violations = violationsAlong(model, states, steps.map(t => ({ action: t.action.name, params: t.params })))
  // A trace found with --continue may pass other violations on its way to the one it is about.
  const violation = claimed === undefined ? violations[0] : violations.find(v => v.property === claimed)
  return { spec, model, states, steps, violation, violations, claimed }
}

function readParams(spec: Spec, meta: Record<string, unknown>, file: string): ParamValues {
  const variant = meta['variant']
  const preset = typeof variant === 'string' && spec.variants?.[variant] ? spec.variants[variant]!.set : {}
  const given = isRecord(meta['params']) ? meta['params'] : {}
  const out: Record<string, Value> = { ...Object.fromEntries(Object.entries(spec.params).map(([k, d]) => [k, d.default])), ...preset }
  for (const [k, raw] of Object.entries(given)) {
    const decl = spec.params[k]
    if (decl === undefined) bad(`${file}: #meta.params.${k} is not a parameter of ${spec.name}`)
    const v = fromParamValue(raw)
    const parsed = v === undefined ? undefined : parseValue(decl!, String(v))
    if (parsed === undefined || parsed._tag === 'Left') return bad(`${file}: #meta.params.${k} = ${JSON.stringify(raw)} is not a valid value${parsed?._tag === 'Left' ? ` (${parsed.left})` : ''}`)
    out[k] = parsed.right
  }
  return out
}

function decodeState<S>(model: Model<S>, names: string[], raw: unknown, i: number): S {
  if (!isRecord(raw)) return bad(`states[${i}] is not a record`)
  try {
    return Object.fromEntries(names.map(n => {
      if (!(n in raw)) throw new ItfError(`states[${i}] has no variable '${n}'`)
      return [n, fromItfValue(model.vars.fields[n]!, raw[n], `states[${i}].${n}`)]
    })) as S
  } catch (e) {
    if (e instanceof ItfError) return bad(e.message)
    throw e
  }
}

function findInstance<S>(table: readonly Instance<S>[], raw: unknown, i: number): Instance<S> {
  const m = isRecord(raw) ? raw['#meta'] : undefined
  if (!isRecord(m) || typeof m['action'] !== 'string') return bad(`states[${i}]["#meta"].action is missing: each state after the first must name the action that led to it`)
  const name = m['action']
  const params = isRecord(m['params']) ? m['params'] : {}
  const candidates = table.filter(t => t.action.name === name)
  if (candidates.length === 0) return bad(`states[${i}]["#meta"].action '${name}' is not an action of the spec`)
  const found = candidates.find(t => Object.keys(t.params).length === Object.keys(params).length &&
    Object.entries(t.params).every(([k, v]) => fromParamValue(params[k]) === v))
  return found ?? bad(`states[${i}]["#meta"].params ${JSON.stringify(params)} are not parameters of ${name}`)
}

const keyer = <S>(codec: Codec<S>) => (s: S): string => {
  const w = new Uint32Array(codec.words)
  if (codec.encode(s, w, 0) !== -1) return `bad:${codec.findShapeError(s)}`
  return w.join(',')
}

export async function replayCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: [], boolean: [] }))
  const file = p.positional[0]
  if (file === undefined || p.positional.length > 1) throw new UsageError('replay takes one trace file (.itf.json)')
  let text: string
  try { text = readFileSync(file, 'utf8') } catch (e) { throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`) }
  const r = replayText(text, file)
  const what = `${file}: a valid behaviour of ${r.spec.name}, ${r.steps.length} steps, every step re-checked.`
  const list = (vs: readonly { property: string; at: number }[]) => vs.map(v => `${v.property} at step ${v.at}`).join(', ')
  if (r.claimed !== undefined && r.violation === undefined) {
    bad(`${file}: the trace claims to violate ${r.claimed}, but replaying it does not${r.violations.length ? ` (it violates ${list(r.violations)})` : ''}`)
  }
  if (r.violation === undefined) {
    process.stdout.write(`${what}\nIt violates no property.\n`)
    return Exit.verified
  }
  const others = r.violations.filter(v => v.property !== r.violation!.property)
  process.stdout.write(`${what}\nIt reproduces the violation of ${r.violation.property} at step ${r.violation.at}.\n` +
    (others.length ? `On the way it also violates ${list(others)}.\n` : ''))
  return Exit.violated
}

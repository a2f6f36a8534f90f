/**
 * `sptecheck replay <file.itf.json>`: load a trace, re-check every step
 * against the spec its #meta names (each step must be an enabled action
 * instance that yields the next state), and report the violation it
 * reproduces; a deadlock trace must end in a deadlock. Anything wrong with
 * the file is one line naming the first bad step or field, and the bad-trace
 * exit status.
 */
import { readFileSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import type { Trace, TraceStep } from '../explorer/result.js'
import { violationsAlong, type Occurrence } from '../invariants/check.js'
import { fairnessGroups } from '../invariants/liveness.js'
import type { ParamValues, Spec, Value } from '../model/spec.js'
import { checkParam } from '../model/params.js'
import { SpecError } from '../semantics/specError.js'
import { compile, type TransitionSystem } from '../semantics/system.js'
import { changes } from '../report/changes.js'
import { leaves, showValue } from '../report/leaves.js'
import { fromItfValue, fromParamValue, ItfError } from '../report/itf.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { builtinSpecs, loadSpec } from './load.js'
import { orUsage, UsageError } from './usageError.js'

const bad = (message: string): never => { throw new UsageError(message, Exit.badTrace) }
const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x)

export interface Replayed<S> {
  readonly sys: TransitionSystem<S>
  readonly trace: Trace<S>
  /** The violation the trace reproduces: the one its #meta claims, else the first along the behaviour. */
  readonly violation: Occurrence | undefined
  /** Every property violated along the behaviour, each at its first violation. */
  readonly violations: readonly Occurrence[]
  readonly claimed: string | undefined
  /** The trace says it ends in a deadlock, and it does. */
  readonly deadlock: boolean
  /** A lasso (ITF `loop`) that violates a liveness property fairly: the property and how the loop closes. */
  readonly lasso?: { readonly property: string; readonly loop: number; readonly closing: string | undefined; readonly fairness: readonly string[] }
}

/** The spec a trace names: by `#meta.specModule` (relative to the trace file) or by `#meta.spec`. */
async function specOf(meta: Record<string, unknown>, file: string): Promise<Spec> {
  const module = meta['specModule']
  if (typeof module === 'string') {
    const path = isAbsolute(module) ? module : resolve(dirname(resolve(file)), module)
    try {
      return (await loadSpec(path)).spec
    } catch (e) {
      return bad(`${file}: #meta.specModule ${module}: ${(e as Error).message}`)
    }
  }
  const builtins = await builtinSpecs()
  const spec = builtins.find(s => s.name === meta['spec'])
  return spec ?? bad(`${file}: #meta.spec '${String(meta['spec'])}' is not a known spec (${builtins.map(s => s.name).join(', ')}); a trace of a spec file names it in #meta.specModule`)
}

export async function replayText<S = any>(text: string, file: string): Promise<Replayed<S>> {
  let doc: unknown
  try { doc = JSON.parse(text) } catch (e) { return bad(`${file} is not JSON: ${(e as Error).message}`) }
  if (!isRecord(doc)) return bad(`${file}: expected an ITF trace object with "vars" and "states"`)
  const meta = doc['#meta']
  if (!isRecord(meta)) return bad(`${file}: "#meta" is missing; it must name the spec ("#meta.spec") the trace belongs to`)
  const spec = await specOf(meta, file) as Spec<S>
  const { variant, params } = readParams(spec, meta, file)
  let sys: TransitionSystem<S>
  try {
    sys = compile(spec, params, { variant })
  } catch (e) {
    if (e instanceof SpecError) return bad(`${file}: the spec it names does not compile: ${e.message}`)
    throw e
  }
  const names = Object.keys(sys.model.vars.fields)
  const vars = doc['vars']
  if (!Array.isArray(vars)) return bad(`${file}: "vars" must be the list of variable names`)
  const missing = names.filter(n => !vars.includes(n))
  if (missing.length > 0) return bad(`${file}: "vars" lacks ${missing.join(', ')} (spec ${spec.name} has ${names.join(', ')})`)
  const extra = vars.filter(v => !names.includes(v))
  if (extra.length > 0) return bad(`${file}: "vars" lists ${extra.join(', ')}, which spec ${spec.name} does not have (it has ${names.join(', ')})`)
  const rawStates = doc['states']
  if (!Array.isArray(rawStates) || rawStates.length === 0) return bad(`${file}: "states" must be a non-empty list`)

  const states = rawStates.map((raw, i) => decodeState(sys, names, raw, i))
  const key = (s: S) => sys.encode(s).join(',')
  const inits = sys.initial()
  if (!inits.some(x => key(x.state) === key(states[0]!))) {
    const diff = changes(sys, inits[0]!.state, states[0]!)[0]
    return bad(`states[0] is not an initial state of ${spec.name}${diff ? `: ${diff.path} is ${diff.value}` : ''}`)
  }
  const trace: TraceStep<S>[] = [{ action: 'Init', params: {}, instance: -1, state: states[0]! }]
  for (let i = 1; i < states.length; i++) {
    const instance = findInstance(sys, rawStates[i], i)
    const inst = sys.instances[instance]!
    const next = sys.applyReference(instance, states[i - 1]!)
    const label = `step ${i} (${inst.label})`
    if (next === undefined) return bad(`${label}: the action is not enabled in states[${i - 1}]`)
    if (key(next) !== key(states[i]!)) {
      const d = firstDiff(sys, next, states[i]!)
      return bad(`${label}: the spec gives a different next state${d ? `: the file has ${d.path} = ${d.file}, the spec ${d.spec}` : ''}`)
    }
    trace.push({ action: inst.action.name, params: inst.params, instance, state: states[i]! })
  }
  const claimed = typeof meta['property'] === 'string' ? meta['property'] : undefined
  if (doc['loop'] !== undefined) return replayLasso(sys, trace, doc, meta, claimed, file)
  const violations = violationsAlong(sys, trace)
  // A trace found with --continue may pass other violations on its way to the one it is about.
  const violation = claimed === undefined ? violations[0] : violations.find(v => v.property === claimed)
  const last = states[states.length - 1]!
  const deadlock = meta['status'] === 'deadlock'
  if (deadlock) {
    const enabled = sys.instances.findIndex((_, i) => sys.applyReference(i, last) !== undefined)
    if (enabled >= 0) bad(`${file}: the trace claims to end in a deadlock, but ${sys.instances[enabled]!.label} is enabled in its last state`)
    if (sys.isFinal(last)) bad(`${file}: the trace claims to end in a deadlock, but its last state is final (a proper end)`)
  }
  return { sys, trace, violation, violations, claimed, deadlock }
}

/**
 * A lasso: the loop must close (the closing action leads from the last state
 * back to states[loop], or the last state stutters), the fairness the spec
 * assumes must hold along the loop, and the claimed liveness property must be
 * violated by the infinite behaviour.
 */
function replayLasso<S>(sys: TransitionSystem<S>, trace: TraceStep<S>[], doc: Record<string, unknown>, meta: Record<string, unknown>, claimed: string | undefined, file: string): Replayed<S> {
  const loop = doc['loop']
  if (typeof loop !== 'number' || !Number.isInteger(loop) || loop < 0 || loop >= trace.length) return bad(`${file}: "loop" must be the index of a state of the trace`)
  const prop = (sys.model.liveness ?? []).find(l => l.name === claimed)
  if (prop === undefined) return bad(`${file}: a lasso must name a liveness property of the spec in #meta.property (the spec has: ${(sys.model.liveness ?? []).map(l => l.name).join(', ') || 'none'})`)
  const key = (s: S) => sys.encode(s).join(',')
  const last = trace[trace.length - 1]!.state
  const closingName = meta['closingAction']
  let closing: number | undefined
  if (typeof closingName === 'string') {
    closing = findInstance(sys, { '#meta': { action: closingName, params: meta['closingParams'] ?? {} } }, trace.length)
    const back = sys.applyReference(closing, last)
    if (back === undefined) return bad(`${file}: the closing step ${sys.instances[closing]!.label} is not enabled in the last state`)
    if (key(back) !== key(trace[loop]!.state)) return bad(`${file}: the closing step ${sys.instances[closing]!.label} does not lead back to states[${loop}]`)
  } else if (loop !== trace.length - 1) {
    return bad(`${file}: without #meta.closingAction the loop is the last state stuttering, so "loop" must be ${trace.length - 1}`)
  }
  const loopStates = trace.slice(loop).map(st => st.state)
  const loopSteps = [...trace.slice(loop + 1).map(st => st.instance), ...(closing === undefined ? [] : [closing])]
  const enabled = loopStates.map(s => new Set(sys.instances.flatMap((_, i) => (sys.applyReference(i, s) === undefined ? [] : [i]))))
  const groups = fairnessGroups(sys)
  for (const g of groups) {
    const taken = loopSteps.some(i => g.members[i])
    const enabledAt = enabled.map(e => [...e].some(i => g.members[i]))
    const fair = closing === undefined ? !enabledAt[0] : taken || (g.kind === 'weak' ? enabledAt.some(x => !x) : enabledAt.every(x => !x))
    if (!fair) return bad(`${file}: the loop is not fair: ${g.label} ${closing === undefined ? 'is enabled where the behaviour stutters' : g.kind === 'weak' ? 'is enabled in every state of the loop and never taken' : 'is enabled in the loop and never taken'}`)
  }
  const states = trace.map(st => st.state)
  const p = states.map(s => prop.p(s))
  const q = prop.kind === 'leadsTo' ? states.map(s => prop.q(s)) : p
  const violated = prop.kind === 'eventually' ? p.every(x => !x)
    : prop.kind === 'alwaysEventually' ? p.slice(loop).every(x => !x)
    : q.slice(loop).every(x => !x) && states.some((_, j) => p[j] && q.slice(j).every(x => !x))
  if (!violated) bad(`${file}: the lasso is a fair behaviour of ${sys.info.spec}, but it does not violate ${prop.name}`)
  return {
    sys, trace, violation: { property: prop.name, kind: 'liveness', at: trace.length - 1 }, violations: [], claimed, deadlock: false,
    lasso: { property: prop.name, loop, closing: closing === undefined ? undefined : sys.instances[closing]!.label, fairness: groups.map(g => g.label) },
  }
}

/** Where the file's state differs from the spec's: a display unit (an SPTE as `{W,A,D}`) if that shows it, else the leaf. */
function firstDiff<S>(sys: TransitionSystem<S>, spec: S, file: S): { path: string; file: string; spec: string } | undefined {
  const f = changes(sys, spec, file)[0]
  const g = changes(sys, file, spec)[0]
  if (f && g) return { path: f.path, file: f.value, spec: g.value }
  const a = leaves(sys.codec, spec)
  const b = leaves(sys.codec, file)
  const k = a.findIndex(([, v], i) => v !== b[i]![1])
  return k < 0 ? undefined : { path: a[k]![0], file: showValue(b[k]![1]), spec: showValue(a[k]![1]) }
}

function readParams(spec: Spec, meta: Record<string, unknown>, file: string): { variant: string | undefined; params: ParamValues } {
  const variant = meta['variant']
  if (variant !== undefined && variant !== null && typeof variant !== 'string') return bad(`${file}: #meta.variant must be a variant name or null`)
  if (typeof variant === 'string' && spec.variants?.[variant] === undefined) {
    return bad(`${file}: #meta.variant '${variant}' is not a variant of ${spec.name} (${Object.keys(spec.variants ?? {}).join(', ') || 'it has none'})`)
  }
  const given = meta['params'] ?? {}
  if (!isRecord(given)) return bad(`${file}: #meta.params must be an object of parameter values`)
  const out: Record<string, Value> = {
    ...Object.fromEntries(Object.entries(spec.params).map(([k, d]) => [k, d.default])),
    ...(typeof variant === 'string' ? spec.variants![variant]!.set as Record<string, Value> : {}),
  }
  for (const [k, raw] of Object.entries(given)) {
    const decl = spec.params[k]
    if (decl === undefined) return bad(`${file}: #meta.params.${k} is not a parameter of ${spec.name}`)
    const v = fromParamValue(raw)
    const why = v === undefined ? 'not a value' : checkParam(decl, v)
    if (why !== undefined) return bad(`${file}: #meta.params.${k} = ${JSON.stringify(raw)} is not a valid value (${why})`)
    out[k] = v!
  }
  return { variant: typeof variant === 'string' ? variant : undefined, params: out }
}

function decodeState<S>(sys: TransitionSystem<S>, names: string[], raw: unknown, i: number): S {
  if (!isRecord(raw)) return bad(`states[${i}] is not a record`)
  const extra = Object.keys(raw).filter(k => !k.startsWith('#') && !names.includes(k))
  if (extra.length > 0) return bad(`states[${i}] has ${extra.join(', ')}, not a variable of the spec`)
  try {
    return Object.fromEntries(names.map(n => {
      if (!(n in raw)) throw new ItfError(`states[${i}] has no variable '${n}'`)
      return [n, fromItfValue(sys.model.vars.fields[n]!, raw[n], `states[${i}].${n}`)]
    })) as S
  } catch (e) {
    if (e instanceof ItfError) return bad(e.message)
    throw e
  }
}

function findInstance<S>(sys: TransitionSystem<S>, raw: unknown, i: number): number {
  const m = isRecord(raw) ? raw['#meta'] : undefined
  if (!isRecord(m) || typeof m['action'] !== 'string') return bad(`states[${i}]["#meta"].action is missing: each state after the first must name the action that led to it`)
  const name = m['action']
  const params = isRecord(m['params']) ? m['params'] : {}
  const candidates = sys.instances.map((t, k) => [t, k] as const).filter(([t]) => t.action.name === name)
  if (candidates.length === 0) return bad(`states[${i}]["#meta"].action '${name}' is not an action of the spec`)
  const found = candidates.find(([t]) => Object.keys(t.params).length === Object.keys(params).length &&
    Object.entries(t.params).every(([k, v]) => fromParamValue(params[k]) === v))
  return found?.[1] ?? bad(`states[${i}]["#meta"].params ${JSON.stringify(params)} are not parameters of ${name}`)
}

export async function replayCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: [], boolean: [] }))
  const file = p.positional[0]
  if (file === undefined || p.positional.length > 1) throw new UsageError('replay takes one trace file (.itf.json)')
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new UsageError(code === 'ENOENT' ? `cannot read ${file}: no such file` : code === 'EISDIR' ? `cannot read ${file}: it is a folder` : `cannot read ${file}: ${code ?? (e as Error).message}`)
  }
  const r = await replayText(text, file)
  const steps = r.trace.length - 1
  const what = `${file}: a valid behaviour of ${r.sys.info.spec}, ${steps} steps, every step re-checked.`
  const list = (vs: readonly Occurrence[]) => vs.map(v => `${v.property} at step ${v.at}`).join(', ')
  if (r.claimed !== undefined && r.violation === undefined) {
    bad(`${file}: the trace claims to violate ${r.claimed}, but replaying it does not${r.violations.length ? ` (it violates ${list(r.violations)})` : ''}`)
  }
  if (r.lasso !== undefined) {
    const l = r.lasso
    process.stdout.write(`${what}\nIt reproduces the violation of ${l.property}: a lasso whose loop starts at state ${l.loop}` +
      `${l.closing ? ` and closes with ${l.closing}` : ' and stutters there'}, fair under ${l.fairness.length ? l.fairness.join(', ') : 'no fairness assumption'}.\n`)
    return Exit.violated
  }
  if (r.deadlock) {
    process.stdout.write(`${what}\nIt reproduces the deadlock: no action is enabled in its last state, which is not final.\n`)
    return Exit.deadlock
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

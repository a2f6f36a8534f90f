/**
 * `sptecheck lint <spec>`: everything a spec author can get wrong, checked
 * thoroughly at a small bound, one line per problem (exit 70 when any):
 *
 * - names and one-sentence descriptions of the spec, its parameters,
 *   variants, actions, invariants and properties;
 * - names that do not exist (a property's actions, the view's tables, a
 *   matrix row's variant or expected properties);
 * - parameter defaults and variant presets inside their domains;
 * - for each variant: every transition run twice (determinism) and against
 *   the reference semantics (immer), the current state frozen (purity), and
 *   every state's encoding round trip, up to --max-states;
 * - a declared symmetry: renaming members changes no invariant's answer and
 *   no state's successors (up to renaming), on a sample of the states;
 * - declared footprints: their paths exist, and changing a variable outside
 *   an action's declared reads changes neither its guard nor what it writes.
 */
import { check } from '../checker.js'
import { checkParam, parseSets, resolveParams } from '../model/params.js'
import type { Model, Spec } from '../model/spec.js'
import { SpecError, messageOf } from '../semantics/specError.js'
import { TransitionSystem } from '../semantics/system.js'
import { footprintReadProblems } from '../semantics/footprintCheck.js'
import { footprintProblems } from '../semantics/por.js'
import { symmetryProblems } from '../semantics/symmetryCheck.js'
import { modelProblems } from '../semantics/validate.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { loadSpec } from './load.js'
import { positiveFlag } from './options.js'
import { orUsage, UsageError } from './usageError.js'

/** One sentence: starts with a non-space, at least a few words, ends with a full stop (or a closing parenthesis). */
const SENTENCE = /^\S.{10,}[.)]$/s
const DEFAULT_MAX_STATES = 20_000

export interface LintReport {
  readonly problems: string[]
  /** Observations that are not errors (an action never enabled at this bound). */
  readonly notes: string[]
  readonly statesChecked: number
}

export interface LintOptions {
  readonly variant?: string
  readonly overrides?: Record<string, unknown>
  readonly maxStates?: number
  /** Also lint the configuration of every matrix row (its variant and its `set`), not only the variants. */
  readonly rows?: boolean
}

export function lintSpec(spec: Spec, opts: LintOptions = {}): LintReport {
  const problems: string[] = []
  const notes: string[] = []
  const say = (where: string, what: string) => problems.push(`${where}: ${what}`)
  if (typeof spec.description !== 'string' || spec.description.length < 10) say(`spec ${spec.name}`, 'has no description')
  for (const [k, p] of Object.entries(spec.params)) {
    if (typeof p.description !== 'string' || p.description.length < 10) say(`parameter ${k}`, 'has no description')
    const bad = checkParam(p, p.default)
    if (bad !== undefined) say(`parameter ${k}`, `its default ${String(p.default)} is outside its domain (${bad})`)
  }
  if (spec.defaultVariant !== undefined && spec.variants?.[spec.defaultVariant] === undefined) say(`spec ${spec.name}`, `its default variant '${spec.defaultVariant}' does not exist`)
  const variants = opts.variant !== undefined ? [opts.variant] : Object.keys(spec.variants ?? {}).length > 0 ? Object.keys(spec.variants!) : [undefined]
  const shown = Object.entries(opts.overrides ?? {}).map(([k, v]) => ` ${k}=${String(v)}`).join('')
  const configs = [
    ...variants.map(variant => ({ where: `${spec.name}${variant ? ` variant ${variant}` : ''}${shown}`, variant, set: opts.overrides ?? {}, isVariant: true })),
    ...(opts.rows ? (spec.matrix?.rows ?? []).map(row => ({ where: `${spec.name} matrix row ${row.id}`, variant: row.variant, set: { ...row.set } as Record<string, unknown>, isVariant: false })) : []),
  ]
  let statesChecked = 0
  for (const { where, variant, set, isVariant } of configs) {
    if (isVariant && variant !== undefined && !(spec.variants?.[variant]?.description)) say(where, 'has no description')
    const r = resolveParams(spec, variant, set)
    if (r._tag === 'Left') { say(where, r.left); continue }
    let model: Model<unknown>
    try {
      model = spec.build(r.right.params as never)
    } catch (e) {
      say(where, `the spec could not be built: ${messageOf(e)}`)
      continue
    }
    const names = modelProblems(model)
    for (const n of names) say(where, n)
    for (const x of [...model.actions, ...model.invariants, ...(model.properties ?? [])]) {
      if (typeof x.description !== 'string' || !SENTENCE.test(x.description)) say(where, `${x.name} needs a one-sentence description (a capital or identifier first, a full stop last)`)
    }
    if (names.length > 0) continue
    let sys: TransitionSystem
    try {
      sys = new TransitionSystem(model, { spec: spec.name, variant, params: r.right.params }, { thorough: true })
    } catch (e) {
      say(where, messageOf(e))
      continue
    }
    // A sample of the states, for the symmetry check after the search.
    const sample: Uint32Array[] = []
    const res = check(sys, {
      continue: true, deadlock: false, maxStates: opts.maxStates ?? DEFAULT_MAX_STATES,
      observers: [{ onState: (id, _d, st) => { if (id % 7 === 0 && sample.length < 400) sample.push(sys.encode(st)) } }],
    })
    statesChecked += res.stats.distinctStates
    if (res.verdict === 'spec-error') say(where, res.message.replace(/\n\s*/g, ' '))
    else {
      try {
        for (const p of symmetryProblems(sys, sample)) say(where, p)
      } catch (e) {
        say(where, `checking the declared symmetry: ${messageOf(e).split('\n', 1)[0]}`)
      }
      for (const p of footprintProblems(sys.codec, model, sys.instances)) say(where, p)
      for (const p of footprintReadProblems(sys, sample)) say(where, p)
    }
    const never = res.stats.actions.filter(a => a.generated === 0).map(a => a.name)
    if (never.length > 0 && res.verdict !== 'spec-error') notes.push(`${where}: never enabled in ${res.stats.distinctStates} states: ${never.join(', ')}`)
  }
  for (const row of spec.matrix?.rows ?? []) {
    const r = resolveParams(spec, row.variant, row.set ?? {})
    if (r._tag === 'Left') { say(`matrix row ${row.id}`, r.left); continue }
    if (row.expect === 'verified') continue
    try {
      const m = spec.build(r.right.params as never)
      const known = new Set([...m.invariants, ...(m.properties ?? [])].map(x => x.name))
      const temporal = new Set((m.liveness ?? []).map(x => x.name))
      for (const p of row.expect) {
        if (temporal.has(p)) {
          if (!row.search?.liveness) say(`matrix row ${row.id}`, `expects a violation of the liveness property '${p}', but does not search with liveness: true`)
        } else if (!known.has(p)) say(`matrix row ${row.id}`, `expects a violation of '${p}', which the model does not have`)
      }
    } catch (e) {
      if (!(e instanceof SpecError)) say(`matrix row ${row.id}`, `the spec could not be built: ${messageOf(e)}`)
    }
  }
  const ids = (spec.matrix?.rows ?? []).map(r => r.id)
  for (const id of new Set(ids.filter((x, i) => ids.indexOf(x) !== i))) say('matrix', `the row id ${id} is used twice`)
  return { problems, notes, statesChecked }
}

export async function lintCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: ['variant', 'set', 'max-states'], boolean: ['rows'], repeat: ['set'] }))
  if (p.positional.length !== 1) throw new UsageError('lint takes one spec (a name or the path of a spec file)')
  const { spec } = await loadSpec(p.positional[0])
  const variant = p.values['variant']?.[0]
  if (variant !== undefined && spec.variants?.[variant] === undefined) throw new UsageError(`spec ${spec.name} has no variant '${variant}'; its variants are: ${Object.keys(spec.variants ?? {}).join(', ')}`)
  const maxStates = positiveFlag(p, 'max-states')
  const overrides = orUsage(parseSets(spec, p.values['set'] ?? []))
  const r = lintSpec(spec, { ...(variant ? { variant } : {}), ...(maxStates ? { maxStates } : {}), overrides, rows: p.flags.has('rows') })
  for (const line of r.problems) process.stdout.write(`${line}\n`)
  for (const line of r.notes) process.stderr.write(`note: ${line}\n`)
  process.stdout.write(r.problems.length === 0
    ? `lint ${spec.name}: no problems (${r.statesChecked.toLocaleString('en')} states checked thoroughly)\n`
    : `lint ${spec.name}: ${r.problems.length} problem${r.problems.length === 1 ? '' : 's'}\n`)
  return r.problems.length === 0 ? Exit.verified : Exit.specError
}

/**
 * compile(spec, params) -> TransitionSystem: everything a step means, built
 * once per configuration. Every search strategy, replay, trace shortening,
 * the reports and the command line use this one object; nothing else builds
 * a codec or runs an action.
 *
 * It owns the codec, the action-instance table, the executor and the checks
 * that keep a verdict honest: a value outside its domain, a write to the
 * current state, an update that is not deterministic, a property or guard
 * that throws or returns something other than a boolean, and names that do
 * not exist are all spec errors naming the action, its parameters and the state.
 */
import { resolveParams, type ParamValues } from '../model/params.js'
import type { Invariant, Model, Spec, Step, TransitionProperty } from '../model/spec.js'
import { makeCodec, type Codec } from './codec.js'
import { applyReference, disabled, makeExecutor, type Executor, type ExecutorKind } from './executor.js'
import { instanceTable, type Instance } from './instances.js'
import { SpecError, describeState, messageOf } from './specError.js'
import { compileReduction, footprintProblems, type Reduction } from './por.js'
import { compileSymmetry, type Canonicaliser } from './symmetry.js'
import { validateModel } from './validate.js'

function reductionOf<S>(codec: Codec<S>, model: Model<S>, instances: readonly Instance<S>[]): Reduction {
  const problems = footprintProblems(codec, model, instances)
  if (problems.length > 0) throw new SpecError(problems.join('; '))
  return compileReduction(codec, model, instances)
}

function symmetryOf<S>(codec: Codec<S>, model: Model<S>): Canonicaliser {
  if (model.symmetry === undefined || model.symmetry.length === 0) throw new SpecError('the model declares no symmetry (a `symmetry` list on the model) to reduce by')
  const c = compileSymmetry(codec, model.symmetry)
  if (typeof c === 'string') throw new SpecError(c)
  return c
}

export interface CompileOptions {
  readonly executor?: ExecutorKind
  /**
   * Check every transition twice and against the reference executor, and every
   * state's encoding round trip (`lint`). Off: each action instance is checked
   * on its first executions and then on a sample.
   */
  readonly thorough?: boolean
  /** Store one state per orbit of the model's declared symmetries. */
  readonly symmetry?: boolean
  /** Partial-order reduction from the actions' declared footprints (see por.ts). */
  readonly por?: boolean
}

/** A state invariant or a transition property, by its place in the model. */
export interface PropertyRef {
  readonly kind: 'invariant' | 'property'
  readonly index: number
  readonly name: string
  readonly description: string
}

/** Executions of each instance that are always re-checked for determinism before sampling starts. */
const PROBE_FIRST = 8
/** After that, one execution in this many (a power of two). */
const PROBE_EVERY = 1024

export class TransitionSystem<S = any> {
  readonly codec: Codec<S>
  readonly words: number
  readonly instances: readonly Instance<S>[]
  readonly invariants: readonly Invariant<S>[]
  readonly properties: readonly TransitionProperty<S>[]
  /** Per instance, the indices of the transition properties that constrain it. */
  readonly propsOf: readonly (readonly number[])[]
  /** The encoding of the last successor computed. */
  readonly buf: Uint32Array
  /** With `symmetry`: puts an encoded state into the normal form of its orbit. */
  readonly canonical: Canonicaliser | undefined
  /** With `por`: the ample sets, and the declared writes checked on every step. */
  readonly reduction: Reduction | undefined
  /** The reduction when some instance can be ample; a reduction that cannot reduce is the plain search, at its cost. */
  readonly reducing: Reduction | undefined
  private readonly stepOf: readonly Step[]
  private readonly exec: Executor<S>
  private readonly probe: Uint32Array
  private readonly runs: Uint32Array
  private expansions = 0
  private finalAudit = false
  private probeGuards = false
  private readonly thorough: boolean
  private cur: S = undefined as S
  private curWords: Uint32Array = new Uint32Array(0)
  private curOff = 0
  /** The state expanded last (the skeleton audit re-runs it to find which action added a field). */
  private readonly prevWords: Uint32Array

  constructor(
    readonly model: Model<S>,
    readonly info: { readonly spec: string; readonly variant: string | undefined; readonly params: ParamValues },
    readonly options: CompileOptions = {},
  ) {
    validateModel(model)
    this.thorough = options.thorough === true
    this.codec = makeCodec(model.vars)
    this.words = this.codec.words
    this.instances = instanceTable(model)
    this.invariants = model.invariants
    this.properties = model.properties ?? []
    this.propsOf = this.instances.map(i => this.properties.flatMap((p, k) => (p.actions === undefined || p.actions.includes(i.action.name) ? [k] : [])))
    this.stepOf = this.instances.map(i => ({ action: i.action.name, params: i.params }))
    this.exec = makeExecutor(options.executor ?? 'fast', this.codec, options.thorough === true)
    this.canonical = options.symmetry ? symmetryOf(this.codec, model) : undefined
    this.reduction = options.por ? reductionOf(this.codec, model, this.instances) : undefined
    this.reducing = this.reduction !== undefined && this.reduction.candidates > 0 ? this.reduction : undefined
    this.buf = new Uint32Array(this.words)
    this.probe = new Uint32Array(this.words)
    this.prevWords = new Uint32Array(this.words)
    this.runs = new Uint32Array(this.instances.length)
  }

  get actionNames(): readonly string[] { return this.model.actions.map(a => a.name) }

  /** The initial states, validated and encoded; the init index is the position in `init()`. */
  initial(): { readonly state: S; readonly words: Uint32Array }[] {
    let inits: readonly S[]
    try {
      inits = this.model.init()
    } catch (e) {
      throw new SpecError(`init() threw: ${messageOf(e)}`)
    }
    if (inits.length === 0) throw new SpecError('init() returned no initial state')
    return inits.map((s, i) => {
      const w = new Uint32Array(this.words)
      if (this.codec.encode(s, w, 0) !== -1) {
        throw new SpecError(`initial state ${i} is not in the declared domains: ${this.shapeError(s)}`, { state: s })
      }
      return { state: this.codec.decodeFrozen(w, 0), words: w }
    })
  }

  /** Makes the state at words[off..] current (decoded once, frozen) and returns it. */
  load(words: Uint32Array, off: number): S {
    this.audit()
    this.curWords = words
    this.curOff = off
    for (let k = 0; k < this.words; k++) this.prevWords[k] = words[off + k]!
    this.cur = this.exec.load(words, off)
    const n = this.expansions++
    this.probeGuards = n < PROBE_FIRST * 8 || (n & (PROBE_EVERY - 1)) === 0 || this.thorough
    if (this.thorough) this.checkRoundTrip(words, off)
    return this.cur
  }

  /**
   * Every enabled successor of the current state, in instance order: `emit(i,
   * next)` with `next` encoded in `buf` (both valid until emit returns).
   * Returns how many were enabled; stops early when emit returns true.
   */
  successors(emit: (i: number, next: S) => boolean, only?: readonly number[], skip?: Uint8Array): number {
    const insts = this.instances
    const s = this.cur
    let enabled = 0
    for (let k = 0, n = only === undefined ? insts.length : only.length; k < n; k++) {
      const i = only === undefined ? k : only[k]!
      if (skip !== undefined && skip[i]) continue
      const inst = insts[i]!
      let w: unknown
      try {
        w = inst.action.when(s, inst.params)
      } catch (e) {
        throw this.explainThrow(inst, e)
      }
      if (w === undefined || w === false) {
        if (this.probeGuards) this.checkDisabled(inst)
        continue
      }
      enabled++
      if (emit(i, this.fire(i, inst, w))) break
    }
    return enabled
  }

  /** The instances enabled in the current state, into `out` (for partial-order reduction: the guards only, nothing fired). */
  enabled(out: number[]): void {
    out.length = 0
    const s = this.cur
    this.instances.forEach((inst, i) => {
      let w: unknown
      try {
        w = inst.action.when(s, inst.params)
      } catch (e) {
        throw this.explainThrow(inst, e)
      }
      if (w !== undefined && w !== false) out.push(i)
    })
  }

  /** The successor of the current state by instance `i`, encoded into `buf`; undefined when disabled. */
  successor(i: number): S | undefined {
    const inst = this.instances[i]!
    let w: unknown
    try {
      w = inst.action.when(this.cur, inst.params)
    } catch (e) {
      throw this.explainThrow(inst, e)
    }
    return w === undefined || w === false ? undefined : this.fire(i, inst, w)
  }

  /**
   * The update of an enabled instance, encoded and checked. Determinism: each
   * instance's first runs and one in PROBE_EVERY after them run twice; every
   * guard runs twice in the first expansions and in one in PROBE_EVERY
   * (everything, with `thorough`).
   */
  private fire(i: number, inst: Instance<S>, w: unknown): S {
    let next: S
    try {
      next = this.exec.fire(inst, w)
    } catch (e) {
      throw this.explainThrow(inst, e)
    }
    let bad: number
    try {
      bad = this.exec.encodeNext(next, this.buf)
    } catch {
      bad = -2 // a container is missing: the shape walk says where
    }
    if (bad !== -1) throw this.domainError(next, inst, bad)
    if (this.reducing !== undefined) this.checkWrites(i, inst)
    const n = this.runs[i]!++
    if (n < PROBE_FIRST || (n & (PROBE_EVERY - 1)) === 0 || this.thorough) next = this.checkDeterministic(inst, next)
    if (this.thorough && JSON.stringify(this.codec.decodeFresh(this.buf, 0)) !== JSON.stringify(next)) {
      throw new SpecError(`the encoding of the state ${inst.label} produced does not decode to the same state (an internal error in the codec, please report it)`, { state: next })
    }
    return next
  }

  /**
   * What the fast executor cannot see while it runs, checked after each
   * expansion: the current state must be unchanged (it is decoded afresh for
   * the next state, so a write would leave no trace). A field added to the
   * scratch state stays there, so it is looked for every 256 expansions and
   * before a violation is reported or a search ends. The reference executor,
   * whose states are frozen, then names the action.
   */
  audit(): void {
    const sk = this.exec.skeleton
    if (sk === undefined || this.cur === undefined) return
    const current = this.exec.currentSkeleton
    const changed = current === undefined ? false : !this.codec.matches(this.prevWords, 0, current)
    if (!changed && (this.expansions & 255) !== 0 && !this.finalAudit) return
    this.finalAudit = false
    if (!changed && this.codec.auditSkeleton(sk)) return
    const s = this.codec.decodeFresh(this.prevWords, 0)
    for (const inst of this.instances) {
      let next: S | undefined
      try {
        next = applyReference(inst, s)
      } catch (e) {
        throw this.explainThrow(inst, e, s)
      }
      const where = next === undefined ? undefined : this.codec.findShapeError(next)
      if (where !== undefined) throw new SpecError(`action ${inst.label} produced a state where ${where}`, { state: s })
    }
    throw new SpecError(changed
      ? 'an action wrote to the current state s (the reference executor could not say which); when and then may only read s'
      : `an action added a field to a state (the reference executor could not say which): ${this.codec.findShapeError(sk.root) ?? ''}`, { state: s })
  }

  /** The full audit, skeleton included, before a violation is reported or a search ends. */
  auditNow(): void {
    this.finalAudit = true
    this.audit()
  }

  /** Whether transition property `p` holds on the step by instance `i` from `s` to `next`. */
  holdsStep(p: number, i: number, s: S, next: S): boolean {
    const prop = this.properties[p]!
    let ok: unknown
    try {
      ok = prop.holds(s, this.stepOf[i]!, next)
    } catch (e) {
      throw new SpecError(`property ${prop.name} threw on ${this.instances[i]!.label}: ${messageOf(e)}`, { state: s })
    }
    if (ok === true || ok === false) return ok
    throw new SpecError(`property ${prop.name} returned ${String(ok)} on ${this.instances[i]!.label}, not a boolean`, { state: s })
  }

  /** Whether invariant `k` holds in `s`. */
  holdsInvariant(k: number, s: S): boolean {
    const inv = this.invariants[k]!
    let ok: unknown
    try {
      ok = inv.holds(s)
    } catch (e) {
      throw new SpecError(`invariant ${inv.name} threw: ${messageOf(e)}`, { state: s })
    }
    if (ok === true || ok === false) return ok
    throw new SpecError(`invariant ${inv.name} returned ${String(ok)}, not a boolean`, { state: s })
  }

  isFinal(s: S): boolean {
    try {
      return this.model.isFinal?.(s) === true
    } catch (e) {
      throw new SpecError(`isFinal threw: ${messageOf(e)}`, { state: s })
    }
  }

  propertyRef(kind: PropertyRef['kind'], index: number): PropertyRef {
    const p = kind === 'invariant' ? this.invariants[index]! : this.properties[index]!
    return { kind, index, name: p.name, description: p.description }
  }

  /** A fresh decoded (mutable) state. */
  decode(words: Uint32Array, off = 0): S { return this.codec.decodeFresh(words, off) }

  /** The encoding of `s`; a spec error if it is not in the declared domains. */
  encode(s: S): Uint32Array {
    const w = new Uint32Array(this.words)
    if (this.codec.encode(s, w, 0) !== -1) throw new SpecError(`a state is not in the declared domains: ${this.shapeError(s)}`, { state: s })
    return w
  }

  /** Instance `i` applied to `s` under the reference semantics (immer); undefined when disabled. */
  applyReference(i: number, s: S): S | undefined {
    const inst = this.instances[i]!
    try {
      return applyReference(inst, s)
    } catch (e) {
      throw this.explainThrow(inst, e, s)
    }
  }

  /** The first violated transition property of a step, or invariant of its target (replay, trace shortening). */
  firstViolation(i: number, s: S, next: S): PropertyRef | undefined {
    for (const p of this.propsOf[i]!) if (!this.holdsStep(p, i, s, next)) return this.propertyRef('property', p)
    return this.firstInvariantViolated(next)
  }

  firstInvariantViolated(s: S): PropertyRef | undefined {
    for (let k = 0; k < this.invariants.length; k++) if (!this.holdsInvariant(k, s)) return this.propertyRef('invariant', k)
    return undefined
  }

  private shapeError(s: unknown): string {
    return this.codec.findShapeError(s) ?? 'a value is outside its domain'
  }

  private encodeOrFail(next: S, inst: Instance<S>): void {
    let bad: number
    try {
      bad = this.exec.encodeNext(next, this.buf)
    } catch {
      bad = -2
    }
    if (bad !== -1) throw this.domainError(next, inst, bad)
  }

  /** With --por: the step may change only the slots its footprint declares it writes. */
  private checkWrites(i: number, inst: Instance<S>): void {
    const allowed = this.reducing!.writes[i]!
    const slots = this.codec.slots
    for (let k = 0; k < slots.length; k++) {
      const sl = slots[k]!
      const mask = sl.bits === 0 ? 0 : (((2 ** sl.bits) - 1) * 2 ** sl.shift) | 0
      if (((this.buf[sl.word]! ^ this.curWords[this.curOff + sl.word]!) & mask) !== 0 && (allowed[k >> 5]! & (1 << (k & 31))) === 0) {
        throw new SpecError(`action ${inst.label} wrote ${sl.path}, which its footprint does not declare (footprints must list every variable an action may write)`, { state: this.cur })
      }
    }
  }

  private domainError(next: S, inst: Instance<S>, bad: number): SpecError {
    const where = this.codec.findShapeError(next) ?? `${this.codec.slots[bad]?.path ?? 'a variable'} is outside its domain`
    return new SpecError(`action ${inst.label} produced a state where ${where}`, { state: this.cur })
  }

  /**
   * An action threw. The fast executor seals its scratch state and freezes the
   * current one, so a shape error or a write to `s` shows up as a TypeError;
   * the reference executor says which it was.
   */
  private explainThrow(inst: Instance<S>, e: unknown, at: S = this.cur): SpecError {
    if (e instanceof SpecError) return e
    const state = at
    let ref: S | undefined
    try {
      ref = applyReference(inst, this.codec.decodeFresh(this.encodeQuiet(state), 0))
    } catch (again) {
      const msg = messageOf(again)
      return /read.only|not extensible|Cannot (assign|add|delete|define)/i.test(msg)
        ? new SpecError(`action ${inst.label} wrote to the current state s (${msg}); when and then may only read s`, { state })
        : new SpecError(`action ${inst.label} threw: ${msg}`, { state })
    }
    if (ref !== undefined) {
      const where = this.codec.findShapeError(ref)
      if (where !== undefined) return new SpecError(`action ${inst.label} produced a state where ${where}`, { state })
    }
    return new SpecError(`action ${inst.label} threw: ${messageOf(e)}`, { state })
  }

  private encodeQuiet(s: S): Uint32Array {
    const w = new Uint32Array(this.words)
    this.codec.encode(s, w, 0)
    return w
  }

  /** Runs the same step again and compares: an update that reads anything but its inputs is a spec bug. */
  private checkDeterministic(inst: Instance<S>, first: S): S {
    this.probe.set(this.buf)
    let again: S | undefined
    try {
      const w = inst.action.when(this.cur, inst.params)
      again = w === undefined || w === false ? undefined : this.exec.fire(inst, w)
    } catch (e) {
      throw this.explainThrow(inst, e)
    }
    if (again !== undefined) this.encodeOrFail(again, inst)
    const differs = again === undefined || this.buf.some((w, k) => w !== this.probe[k])
    if (!differs && this.thorough) this.checkAgainstReference(inst)
    if (differs) {
      throw new SpecError(`action ${inst.label} is not deterministic: run twice on the same state it gave different results` +
        `${again === undefined ? ' (disabled the second time)' : ''}`, { state: this.cur })
    }
    return again ?? first
  }

  private checkDisabled(inst: Instance<S>): void {
    let w: unknown
    try {
      w = inst.action.when(this.cur, inst.params)
    } catch (e) {
      throw this.explainThrow(inst, e)
    }
    if (!disabled(w)) throw new SpecError(`action ${inst.label} is not deterministic: its guard was false, then true, on the same state`, { state: this.cur })
  }

  /** lint: the executor in use must agree with immer's reference semantics on this step. */
  private checkAgainstReference(inst: Instance<S>): void {
    const ref = this.applyReference(this.instances.indexOf(inst), this.codec.decodeFresh(this.curWords, this.curOff))
    const w = ref === undefined ? undefined : this.encodeQuiet(ref)
    if (w === undefined || w.some((x, k) => x !== this.buf[k])) {
      throw new SpecError(`action ${inst.label} gives a different successor under the reference (immer) semantics: it depends on something besides s, its parameters and what it writes to next`, { state: this.cur })
    }
  }

  /** lint: decode(encode(s)) = s, word for word. */
  private checkRoundTrip(words: Uint32Array, off: number): void {
    const again = this.encodeQuiet(this.cur)
    for (let k = 0; k < this.words; k++) {
      if (again[k] !== words[off + k]) throw new SpecError(`the codec does not round-trip this state (an internal error, please report it): ${describeState(this.cur)}`, { state: this.cur })
    }
  }
}

/** The model of `spec` at `params`, compiled; a throw in the spec's own `build` is a spec error. */
export function compile<S>(spec: Spec<S>, params: ParamValues, opts: CompileOptions & { variant?: string } = {}): TransitionSystem<S> {
  let model: Model<S>
  try {
    model = spec.build(params as never)
  } catch (e) {
    throw new SpecError(`spec ${spec.name} could not be built: ${messageOf(e)}`)
  }
  return new TransitionSystem(model, { spec: spec.name, variant: opts.variant, params }, opts)
}

/** A spec at its default variant (or `variant`) and defaults plus `overrides`; for tests and tools. */
export function compileVariant<S>(spec: Spec<S>, variant?: string, overrides: Readonly<Record<string, unknown>> = {}, opts: CompileOptions = {}): TransitionSystem<S> {
  const r = resolveParams(spec, variant, overrides)
  if (r._tag === 'Left') throw new Error(r.left)
  return compile(spec, r.right.params, { ...opts, variant: r.right.variant })
}

/** A bare model (no spec around it), for tests and programmatic use. */
export const compileModel = <S>(model: Model<S>, opts: CompileOptions = {}): TransitionSystem<S> =>
  new TransitionSystem(model, { spec: 'model', variant: undefined, params: {} }, opts)

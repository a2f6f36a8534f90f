/**
 * Breadth-first exploration, so the first violation found has a shortest trace.
 *
 * Per transition, in this order: compute the successor, encode it (a value
 * outside its domain is a spec error), check the transition properties on
 * (s, step, s'), fingerprint, and if the state is new: give it the next id,
 * record its parent and action instance, check the invariants, enqueue it.
 * Only the frontier holds encoded states; a counterexample is rebuilt by
 * replaying the recorded action instances from the initial state.
 *
 * The loop runs in slices (`run(budgetMs)`) so the caller can print progress
 * and honour Ctrl-C between slices.
 */
import { makeCodec, type Codec } from '../model/codec.js'
import type { Invariant, Model, Step, TransitionProperty } from '../model/spec.js'
import { makeExecutor, type Executor, type ExecutorKind } from './executor.js'
import { FingerprintSet, fingerprint } from './fingerprintSet.js'
import { Frontier } from './frontier.js'
import { instanceTable, showInstance, type Instance } from './instances.js'
import type { CheckResult, Stats, Trace, Violation } from './result.js'
import { SpecError, describeState } from './specError.js'
import { reconstruct } from './trace.js'
import { fewerSwitches } from './fewerSwitches.js'

export interface ExploreOptions<S> {
  readonly executor?: ExecutorKind
  /** Report states with no enabled action that the model does not call final (default true). */
  readonly deadlock?: boolean
  readonly maxStates?: number
  readonly maxDepth?: number
  readonly maxSeconds?: number
  /**
   * Keep searching after a violation (TLC's -continue): report every violated
   * property, each with its own shortest trace.
   */
  readonly continue?: boolean
  /** Called for every new distinct state (tests, graph dumps). */
  readonly onState?: (state: S, id: number, depth: number) => void
  /** Called for every transition, with the target's id (new or not, -1 if unknown because it was seen before). */
  readonly onEdge?: (from: number, instance: number, to: S, toId: number) => void
}

const NO_PARENT = -1

export class Explorer<S> {
  readonly codec: Codec<S>
  readonly table: Instance<S>[]
  private readonly exec: Executor<S>
  private readonly seen: FingerprintSet
  private readonly frontier: Frontier
  private parent = new Int32Array(1 << 16)
  private via: Uint16Array | Uint32Array
  /** First id of each BFS level; levelStart[d] .. levelStart[d+1]-1 are the states at depth d. */
  private readonly levelStart: number[] = [0]
  private readonly inits: S[] = []
  private readonly propsOf: TransitionProperty<S>[][]
  private readonly stepOf: Step[]
  private readonly invariants: readonly Invariant<S>[]
  private readonly deadlock: boolean
  private readonly buf: Uint32Array
  private readonly probe: Uint32Array
  private readonly fp = new Uint32Array(2)
  private readonly started = Date.now()
  private result: CheckResult<S> | undefined
  private readonly found = new Map<string, Violation<S>>()
  private stopReason: string | undefined
  private depthCut = false
  private transitions = 0
  private readonly generatedBy: number[]
  private readonly distinctBy: number[]
  private outMin = Infinity
  private outMax = 0

  constructor(readonly model: Model<S>, private readonly opts: ExploreOptions<S> = {}) {
    this.codec = makeCodec(model.vars)
    this.table = instanceTable(model)
    this.exec = makeExecutor(opts.executor ?? 'fast', this.codec)
    this.seen = new FingerprintSet(this.codec.bits <= 63 && this.codec.words <= 2)
    this.frontier = new Frontier(this.codec.words)
    this.via = this.table.length < 0xffff ? new Uint16Array(1 << 16) : new Uint32Array(1 << 16)
    this.invariants = model.invariants
    this.deadlock = opts.deadlock ?? true
    this.buf = new Uint32Array(this.codec.words)
    this.probe = new Uint32Array(this.codec.words)
    const props = model.properties ?? []
    this.propsOf = this.table.map(i => props.filter(p => p.actions === undefined || p.actions.includes(i.action.name)))
    this.stepOf = this.table.map(i => ({ action: i.action.name, params: i.params }))
    this.generatedBy = model.actions.map(() => 0)
    this.distinctBy = model.actions.map(() => 0)
    this.start()
  }

  /** Explores for up to `budgetMs`; returns the result when done, undefined if there is more to do. */
  run(budgetMs = Infinity): CheckResult<S> | undefined {
    const deadline = Date.now() + budgetMs
    const maxStates = this.opts.maxStates ?? Infinity
    const maxDepth = this.opts.maxDepth ?? Infinity
    const limitAt = this.opts.maxSeconds === undefined ? Infinity : this.started + this.opts.maxSeconds * 1000
    let slice = 0
    while (this.result === undefined) {
      if (this.stopReason !== undefined) return this.finish('incomplete', this.stopReason)
      if (this.frontier.size === 0) {
        return this.finish(this.depthCut ? 'incomplete' : 'verified', `depth limit ${maxDepth} reached`)
      }
      if ((slice++ & 255) === 0) {
        const now = Date.now()
        if (now >= limitAt) return this.finish('incomplete', `time limit of ${this.opts.maxSeconds} s reached`)
        if (now >= deadline) return undefined
      }
      const id = this.frontier.popped
      const { chunk, off } = this.frontier.pop()
      if (id === this.levelStart[this.levelStart.length - 1]! && id < this.seen.size) this.levelStart.push(this.seen.size)
      const depth = this.levelStart.length - 2
      if (depth >= maxDepth) { this.depthCut = true; continue }
      this.expand(id, depth, chunk, off)
      if (this.seen.size >= maxStates && this.result === undefined) {
        this.stopReason = `state limit of ${maxStates} distinct states reached`
      }
    }
    return this.result
  }

  /** Stops at the next slice boundary with verdict `incomplete` (Ctrl-C). */
  interrupt(reason: string): void { this.stopReason ??= reason }

  stats(): Stats {
    const storeBytes = this.seen.bytes + this.parent.byteLength + this.via.byteLength
    return {
      distinctStates: this.seen.size,
      transitions: this.transitions,
      depth: this.seen.size === 0 ? 0 : this.depthOf(this.seen.size - 1),
      queue: this.frontier.size,
      elapsedMs: Date.now() - this.started,
      actions: this.model.actions.map((a, i) => ({ name: a.name, generated: this.generatedBy[i]!, distinct: this.distinctBy[i]! })),
      outDegreeMin: this.outMin === Infinity ? 0 : this.outMin,
      outDegreeMax: this.outMax,
      storeBytes,
      frontierBytes: this.frontier.peakBytes,
      collisionProbability: this.seen.collisionProbability(),
    }
  }

  /** The behaviour that first reached state `id` (replayed with the reference semantics). */
  traceTo(id: number): Trace<S> {
    const steps: number[] = []
    let cur = id
    for (let hops = this.depthOf(id); this.parent[cur] !== NO_PARENT; hops--) {
      // Parents point exactly one level up, so a longer chain means the store is corrupt.
      if (hops === 0) throw new Error(`parent chain of state ${id} is longer than its depth`)
      steps.push(this.via[cur]!)
      cur = this.parent[cur]!
    }
    return reconstruct(this.codec, this.table, this.inits[this.via[cur]!]!, steps.reverse())
  }

  private depthOf(id: number): number {
    let d = this.levelStart.length - 1
    while (d > 0 && this.levelStart[d]! > id) d--
    return d
  }

  private start(): void {
    const inits = this.model.init()
    if (inits.length === 0) throw new SpecError('init() returned no initial state')
    inits.forEach((s, i) => {
      this.inits.push(s)
      if (this.codec.encode(s, this.buf, 0) >= 0) {
        throw new SpecError(`initial state ${i} is not in the declared domains: ${this.codec.findShapeError(s)}`, { state: s })
      }
      const id = this.admit(s, NO_PARENT, i)
      if (id >= 0) this.checkInvariants(s, id)
    })
  }

  private expand(id: number, depth: number, chunk: Uint32Array, off: number): void {
    const s = this.exec.load(chunk, off)
    const table = this.table
    let enabled = 0
    for (let i = 0; i < table.length && this.result === undefined; i++) {
      const inst = table[i]!
      let next: S | undefined
      try {
        next = this.exec.successor(inst)
      } catch (e) {
        throw new SpecError(`action ${showInstance(inst.action.name, inst.params)} threw: ${messageOf(e)}`, { state: s, trace: () => this.traceTo(id) })
      }
      if (next === undefined) continue
      enabled++
      this.transitions++
      this.generatedBy[inst.actionIndex]!++
      this.encodeOrFail(next, inst, s, id)
      if ((this.transitions & 4095) === 1) this.checkDeterministic(inst, s, id)
      const props = this.propsOf[i]!
      for (let p = 0; p < props.length; p++) {
        const prop = props[p]!
        if (!this.holdsStep(prop, s, this.stepOf[i]!, next, inst, id) && !this.found.has(prop.name)) {
          const trace = [...this.traceTo(id)]
          trace.push(...reconstructStep(this.codec, inst, i, trace[trace.length - 1]!.state))
          this.violate({ kind: 'property', property: prop.name, description: prop.description, trace: fewerSwitches(this.codec, this.table, trace, { property: prop }) })
          if (this.result !== undefined) return
        }
      }
      const nid = this.admit(next, id, i)
      if (nid >= 0) {
        this.distinctBy[inst.actionIndex]!++
        this.opts.onState?.(next, nid, depth + 1)
        this.checkInvariants(next, nid)
      }
      this.opts.onEdge?.(id, i, next, nid)
    }
    if (this.result !== undefined) return
    if (enabled < this.outMin) this.outMin = enabled
    if (enabled > this.outMax) this.outMax = enabled
    if (enabled === 0 && this.deadlock && !(this.model.isFinal?.(s) ?? false)) {
      this.result = { verdict: 'deadlock', trace: fewerSwitches(this.codec, this.table, this.traceTo(id), undefined), stats: this.stats() }
    }
  }

  /** Adds the state encoded in `buf` if new; returns its id, or -1 if seen before. */
  private admit(s: S, parent: number, via: number): number {
    fingerprint(this.buf, 0, this.codec.words, this.seen.exact, this.fp)
    if (!this.seen.add(this.fp[0]!, this.fp[1]!)) return -1
    const id = this.seen.size - 1
    if (id === this.parent.length) this.growStore()
    this.parent[id] = parent
    this.via[id] = via
    this.frontier.push(this.buf, 0)
    if (parent === NO_PARENT) this.opts.onState?.(s, id, 0)
    return id
  }

  private checkInvariants(s: S, id: number): void {
    for (const inv of this.invariants) {
      let ok: boolean
      try {
        ok = inv.holds(s)
      } catch (e) {
        throw new SpecError(`invariant ${inv.name} threw: ${messageOf(e)}`, { state: s, trace: () => this.traceTo(id) })
      }
      if (!ok && !this.found.has(inv.name)) {
        const trace = fewerSwitches(this.codec, this.table, this.traceTo(id), { invariant: inv })
        this.violate({ kind: 'invariant', property: inv.name, description: inv.description, trace })
        if (this.result !== undefined) return
      }
    }
  }

  private holdsStep(p: TransitionProperty<S>, s: S, step: Step, next: S, inst: Instance<S>, id: number): boolean {
    try {
      return p.holds(s, step, next)
    } catch (e) {
      throw new SpecError(`property ${p.name} threw on ${showInstance(inst.action.name, inst.params)}: ${messageOf(e)}`, { state: s, trace: () => this.traceTo(id) })
    }
  }

  private encodeOrFail(next: S, inst: Instance<S>, s: S, id: number): void {
    let bad: number
    try {
      bad = this.codec.encode(next, this.buf, 0)
    } catch {
      bad = -2 // a container is missing: the shape walk below says where
    }
    if (bad === -1) return
    const where = this.codec.findShapeError(next) ?? `${this.codec.slots[bad]?.path ?? 'a variable'} is outside its domain`
    throw new SpecError(`action ${showInstance(inst.action.name, inst.params)} produced a state where ${where}`, { state: s, trace: () => this.traceTo(id) })
  }

  /** Runs the same step again and compares: an update that reads anything but its inputs is a spec bug. */
  private checkDeterministic(inst: Instance<S>, s: S, id: number): void {
    this.probe.set(this.buf)
    const again = this.exec.successor(inst)
    if (again !== undefined) this.codec.encode(again, this.buf, 0)
    if (again === undefined || this.buf.some((w, k) => w !== this.probe[k])) {
      throw new SpecError(`action ${showInstance(inst.action.name, inst.params)} is not deterministic: run twice on the same state it gave different results`, { state: s, trace: () => this.traceTo(id) })
    }
  }

  /** Records a violation; without `continue` it ends the search. */
  private violate(v: Violation<S>): void {
    this.found.set(v.property, v)
    if (!this.opts.continue) this.result = this.violated(false)
  }

  private violated(exhaustive: boolean): CheckResult<S> {
    const all = [...this.found.values()]
    return { verdict: 'violated', ...all[0]!, violations: all, exhaustive, stats: this.stats() }
  }

  private growStore(): void {
    const grow = <T extends Int32Array | Uint16Array | Uint32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(a.length * 2)
      b.set(a)
      return b
    }
    this.parent = grow(this.parent)
    this.via = grow(this.via)
  }

  private finish(verdict: 'verified' | 'incomplete', reason: string): CheckResult<S> {
    // A violation found is a definite answer even when a limit cut the rest of the search.
    this.result = this.found.size > 0 ? this.violated(verdict === 'verified')
      : verdict === 'verified' ? { verdict, stats: this.stats() }
      : { verdict, reason, stats: this.stats() }
    return this.result
  }
}

function reconstructStep<S>(codec: Codec<S>, inst: Instance<S>, i: number, from: S): Trace<S> {
  return reconstruct(codec, [inst], from, [0]).slice(1).map(step => ({ ...step, instance: i }))
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

/** Explores to the end (or a limit) in one call. Spec errors come back as a `spec-error` result. */
export function explore<S>(model: Model<S>, opts: ExploreOptions<S> = {}): CheckResult<S> {
  let ex: Explorer<S> | undefined
  try {
    ex = new Explorer(model, opts)
    return ex.run()!
  } catch (e) {
    return specErrorResult(e, ex)
  }
}

export function specErrorResult<S>(e: unknown, ex: Explorer<S> | undefined): CheckResult<S> {
  if (!(e instanceof SpecError)) throw e
  const stats = ex?.stats() ?? emptyStats()
  let trace: Trace<S> | undefined
  try { trace = e.trace?.() as Trace<S> | undefined } catch { trace = undefined }
  const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
  return trace === undefined ? { verdict: 'spec-error', message, stats } : { verdict: 'spec-error', message, trace, stats }
}

const emptyStats = (): Stats => ({
  distinctStates: 0, transitions: 0, depth: 0, queue: 0, elapsedMs: 0, actions: [], outDegreeMin: 0,
  outDegreeMax: 0, storeBytes: 0, frontierBytes: 0, collisionProbability: 0,
})

/**
 * Breadth-first search over a compiled transition system, so the first
 * violation found has a shortest behaviour.
 *
 * Per expanded state: decode it once (frozen), then for every action instance
 * in table order: compute the successor (the system checks its domain and
 * samples determinism), check the transition properties that constrain the
 * instance on (s, step, s'), add s' to the store, and if it is new: enqueue
 * it, tell the observers, check the invariants. A state with no enabled
 * instance that the spec does not call final is a deadlock.
 *
 * The search runs in slices (`run(budgetMs)`) so the caller can print
 * progress and honour Ctrl-C between slices. Results carry paths of store
 * ids; traces are materialised afterwards (src/trace/rebuild.ts).
 */
import type { Canonicaliser } from '../semantics/symmetry.js'
import type { TransitionSystem, PropertyRef } from '../semantics/system.js'
import { SpecError, describeState } from '../semantics/specError.js'
import { queueFor, type StateQueue } from './queue.js'
import { searchOutcome, type Finding, type Path, type SearchResult, type Stats } from './result.js'
import { MemoryLimit } from './memory.js'
import { FULL, NO_PARENT, OutOfMemory, StateStore } from './store.js'

export interface Observer<S> {
  /** A new distinct state. Returning a string stops the search with that reason (incomplete). */
  onState?(id: number, depth: number, state: S): string | void
  /** A transition from `from` by action instance `instance` to `to` (new or not). */
  onEdge?(from: number, instance: number, to: number): void
}

export interface SearchOptions<S> {
  /** Report states with no enabled action that the model does not call final (default true). */
  readonly deadlock?: boolean
  readonly maxStates?: number
  readonly maxDepth?: number
  readonly maxSeconds?: number
  /** Keep searching after a violation (TLC's -continue): every violated property, each with a shortest behaviour. */
  readonly continue?: boolean
  /** States of up to this many words are stored whole (default 4: 128 bits); larger ones as fingerprints. */
  readonly exactWords?: number
  /** Stop (incomplete) before the process's resident memory passes this many bytes. */
  readonly maxMemory?: number
  readonly observers?: readonly Observer<S>[]
}

export class Bfs<S> {
  readonly store: StateStore
  private readonly queue: StateQueue
  /** First id of each BFS level: levelStart[d] .. levelStart[d+1]-1 are the states at depth d. */
  private readonly levelStart: number[] = [0]
  private readonly observers: readonly Observer<S>[]
  private readonly canonical: Canonicaliser | undefined
  private readonly found = new Map<string, Finding>()
  private readonly started = Date.now()
  private readonly generatedBy: number[]
  private readonly distinctBy: number[]
  private result: SearchResult | undefined
  private stopReason: string | undefined
  private depthCut = false
  private transitions = 0
  private expanded = 0
  /** The state the search is working on, for the path of a spec error. */
  private at = -1
  /** The state being expanded: its id, depth and decoded value. */
  private parent = -1
  private depth = 0
  private state: S = undefined as S
  /** Partial-order reduction: the enabled instances, what to skip, whether an ample successor was seen before, how many states were reduced. */
  private readonly enabledList: number[] = []
  private readonly skip: Uint8Array
  private sawOld = false
  private reduced = 0
  private outMin = Infinity
  private outMax = 0

  constructor(readonly system: TransitionSystem<S>, private readonly opts: SearchOptions<S> = {}) {
    this.store = new StateStore(system.words, {
      exactWords: opts.exactWords ?? 4, instances: system.instances.length, limit: opts.maxStates ?? Infinity, memory: new MemoryLimit(opts.maxMemory),
    })
    this.queue = queueFor(this.store, system.words)
    this.observers = opts.observers ?? []
    this.canonical = system.canonical
    this.skip = new Uint8Array(system.instances.length)
    this.generatedBy = system.model.actions.map(() => 0)
    this.distinctBy = system.model.actions.map(() => 0)
    this.guard(() => this.start())
  }

  /** Searches for up to `budgetMs`; returns the result when done, undefined if there is more to do. */
  run(budgetMs = Infinity): SearchResult | undefined {
    if (this.result !== undefined) return this.result
    const deadline = Date.now() + budgetMs
    const maxDepth = this.opts.maxDepth ?? Infinity
    const limitAt = this.opts.maxSeconds === undefined ? Infinity : this.started + this.opts.maxSeconds * 1000
    this.guard(() => {
      for (let slice = 0; this.result === undefined; slice++) {
        // Without --continue a violation ends the search once its level is done, so that the answer is the least
        // violation of that level (searchOutcome), not the first met: the same on any number of threads.
        if (this.found.size > 0 && !this.opts.continue && this.expanded === this.levelStart[this.levelStart.length - 1]) { this.finish('violated', ''); return }
        if (this.stopReason !== undefined) { this.finish('incomplete', this.stopReason); return }
        if (this.queue.size === 0) { this.finish(this.depthCut ? 'incomplete' : 'verified', `depth limit ${maxDepth} reached`); return }
        if ((slice & 255) === 0) {
          const now = Date.now()
          if (now >= limitAt) { this.finish('incomplete', `time limit of ${this.opts.maxSeconds} s reached`); return }
          if (now >= deadline) return
        }
        const id = this.expanded++
        const { chunk, off } = this.queue.pop()
        if (id === this.levelStart[this.levelStart.length - 1]! && id < this.store.size) this.levelStart.push(this.store.size)
        const depth = this.levelStart.length - 2
        if (depth >= maxDepth) { this.depthCut = true; continue }
        this.expand(id, depth, chunk, off)
      }
    })
    return this.result
  }

  /** Stops at the next slice boundary with verdict `incomplete` (Ctrl-C, SIGTERM). */
  interrupt(reason: string): void { this.stopReason ??= reason }

  stats(): Stats {
    const size = this.store.size
    return {
      distinctStates: size,
      transitions: this.transitions,
      depth: size === 0 ? 0 : this.depthOf(size - 1),
      queue: this.queue.size,
      elapsedMs: Date.now() - this.started,
      actions: this.system.model.actions.flatMap((a, i) => (a.exists === false ? [] : [{ name: a.name, generated: this.generatedBy[i]!, distinct: this.distinctBy[i]! }])),
      outDegreeMin: this.outMin === Infinity ? 0 : this.outMin,
      outDegreeMax: this.outMax,
      storeBytes: this.store.bytes,
      frontierBytes: this.queue.peakBytes,
      memoryBytes: process.memoryUsage.rss(),
      exact: this.store.exact,
      symmetry: this.canonical?.sets.map(x => `${x.name} (${x.size})`) ?? [],
      ...(this.system.reduction !== undefined ? { por: { reduced: this.reduced, candidates: this.system.reduction.candidates } } : {}),
      collisionProbability: this.store.collisionProbability(),
    }
  }

  /** The BFS level of a stored state. */
  depthOf(id: number): number {
    let d = this.levelStart.length - 1
    while (d > 0 && this.levelStart[d]! > id) d--
    return d
  }

  private start(): void {
    const canon = this.system.canonical
    this.system.initial().forEach(({ state, words }, i) => {
      canon?.canonicalise(words)
      const id = this.store.add(words, 0, NO_PARENT, i)
      if (id === FULL) { this.stopReason ??= this.stateLimit(); return }
      if (id < 0) return
      this.queue.push(words, 0)
      this.newState(id, 0, state)
    })
  }

  private expand(id: number, depth: number, chunk: Uint32Array, off: number): void {
    const sys = this.system
    this.at = id
    this.parent = id
    this.depth = depth
    this.state = sys.load(chunk, off)
    const enabled = sys.reducing === undefined ? sys.successors(this.onSuccessor) : this.expandReduced()
    if (this.result !== undefined || this.stopReason !== undefined) return
    if (enabled < this.outMin) this.outMin = enabled
    if (enabled > this.outMax) this.outMax = enabled
    if (enabled === 0 && (this.opts.deadlock ?? true) && !sys.isFinal(this.state)) {
      this.result = { verdict: 'deadlock', path: { ids: this.store.pathTo(id) }, stats: this.stats() }
    }
  }

  /**
   * Partial-order reduction: an ample set's successors only, if there is one
   * and every one of them lies in the next BFS level (new, or found there by
   * a sibling already): then every edge out of a reduced state goes one level
   * deeper, so every cycle holds a fully expanded state (the proviso for
   * breadth-first search). Otherwise the rest of the enabled instances too.
   * Returns the number enabled.
   */
  private expandReduced(): number {
    const sys = this.system
    sys.enabled(this.enabledList)
    const ample = sys.reducing!.ample(this.enabledList)
    if (ample === undefined) return sys.successors(this.onSuccessor)
    this.sawOld = false
    sys.successors(this.onSuccessor, ample)
    if (this.result !== undefined || this.stopReason !== undefined) return this.enabledList.length
    if (!this.sawOld) { this.reduced++; return this.enabledList.length }
    for (const i of ample) this.skip[i] = 1
    sys.successors(this.onSuccessor, undefined, this.skip)
    for (const i of ample) this.skip[i] = 0
    return this.enabledList.length
  }

  /** One transition of the state being expanded (`parent`); returns true to stop the expansion. */
  private readonly onSuccessor = (i: number, next: S): boolean => {
    const sys = this.system
    const id = this.parent
    const buf = sys.buf
    this.transitions++
    this.generatedBy[sys.instances[i]!.actionIndex]!++
    const props = sys.propsOf[i]!
    for (let p = 0; p < props.length; p++) {
      const k = props[p]!
      if (!sys.holdsStep(k, i, this.state, next)) {
        this.report(sys.propertyRef('property', k), { ids: this.store.pathTo(id), last: { instance: i, words: buf.slice() } })
        if (this.result !== undefined) return true
      }
    }
    if (this.canonical !== undefined) this.canonical.canonicalise(buf)
    const r = this.store.add(buf, 0, id, i)
    if (r === FULL) { this.stopReason ??= this.stateLimit(); return true }
    // The proviso: a successor in the next level (new, or found by a sibling) keeps every cycle away from reduced states.
    if (r < 0 && ~r < this.levelStart[this.levelStart.length - 1]!) this.sawOld = true
    if (r >= 0) {
      this.queue.push(buf, 0)
      this.distinctBy[sys.instances[i]!.actionIndex]!++
      this.newState(r, this.depth + 1, next)
      if (this.result !== undefined) return true
      this.at = id
    }
    for (const o of this.observers) o.onEdge?.(id, i, r >= 0 ? r : ~r)
    return false
  }

  /** A state seen for the first time: observers, then the invariants. */
  private newState(id: number, depth: number, s: S): void {
    this.at = id
    for (const o of this.observers) {
      const stop = o.onState?.(id, depth, s)
      if (typeof stop === 'string') this.stopReason ??= stop
    }
    const sys = this.system
    for (let k = 0; k < sys.invariants.length; k++) {
      if (!sys.holdsInvariant(k, s)) {
        this.report(sys.propertyRef('invariant', k), { ids: this.store.pathTo(id) })
        if (this.result !== undefined) return
      }
    }
  }

  /** Records a violation (the first for its property); without `continue` the search ends with the level. */
  private report(property: PropertyRef, path: Path): void {
    if (this.found.has(property.name)) return
    this.system.auditNow()
    this.found.set(property.name, { property, path })
  }

  private finish(verdict: 'verified' | 'incomplete' | 'violated', reason: string): void {
    this.system.auditNow()
    this.result = searchOutcome(this.found, verdict, reason, this.opts.continue === true, this.stats())
  }

  private stateLimit(): string { return `state limit of ${this.opts.maxStates} distinct states reached` }

  /** Spec errors and running out of memory end the search with what it has. */
  private guard(body: () => void): void {
    try {
      body()
    } catch (e) {
      if (e instanceof OutOfMemory || (e instanceof RangeError && /allocation failed|Invalid (typed )?array length/i.test(e.message))) {
        this.finish('incomplete', e instanceof OutOfMemory ? e.message : new OutOfMemory(this.store.bytes, e.message).message)
        return
      }
      if (!(e instanceof SpecError)) throw e
      const path = this.at >= 0 && this.at < this.store.size ? { ids: this.store.pathTo(this.at) } : undefined
      const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
      this.result = { verdict: 'spec-error', message, ...(path ? { path } : {}), stats: this.stats() }
    }
  }
}

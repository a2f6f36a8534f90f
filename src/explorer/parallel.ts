/**
 * Breadth-first search on several threads, level by level, over one shared
 * store (sharedStore.ts): counterexamples stay shortest, and the counts are
 * those of one thread. Each worker thread compiles the spec itself (actions
 * are closures, which cannot be sent) and expands states of the current
 * level, claimed in chunks from a shared counter; the states it finds are the
 * next level's. The coordinator (the main thread, which stays free for
 * progress and signals) starts each level when every worker has finished the
 * previous one, and pauses them all to rebuild the id table when it fills.
 *
 * Control block (Int32Array over a SharedArrayBuffer):
 *   STATE  RUN | PAUSE | STOP
 *   LEVEL  bumped to start a level; START/END/NEXT describe it
 *   GEN    bumped after each rebuild, so that a late 'paused' is not counted twice
 */
import { Worker } from 'node:worker_threads'
import { SpecError, describeState } from '../semantics/specError.js'
import type { PropertyRef, TransitionSystem } from '../semantics/system.js'
import { MemoryLimit } from './memory.js'
import { searchOutcome, type Finding, type Path, type SearchResult, type Stats } from './result.js'
import { SharedStateStore, sharedBuffers, type SharedBuffers } from './sharedStore.js'
import { FULL, NO_PARENT } from './store.js'

const STATE = 0, LEVEL = 1, START = 2, END = 3, NEXT = 4, GEN = 5
const RUN = 0, PAUSE = 1, STOP = 2
/** The control block's layout, for tests that play the coordinator. */
export const CONTROL = { STATE, LEVEL, START, END, NEXT, GEN, RUN, PAUSE, STOP, words: 8 } as const
const CHUNK = 64
/** Per worker, in its Float64Array: transitions, out-degree min and max, states reduced, then generated and distinct per action. */
const T = 0, OMIN = 1, OMAX = 2, REDUCED = 3, PER_ACTION = 4

export interface ParallelOptions {
  readonly workers: number
  readonly deadlock?: boolean
  readonly maxStates?: number
  readonly maxDepth?: number
  readonly maxSeconds?: number
  readonly maxMemory?: number
  readonly continue?: boolean
  readonly exactWords?: number
  /** The id table's first size (a power of two; it doubles as it fills). */
  readonly indexSlots?: number
  /** The worker thread's script (src/cli/searchWorker.ts, compiled) and what it needs to compile the spec. */
  readonly script: URL
  readonly spec: { readonly name?: string; readonly module?: string; readonly params: Record<string, unknown>; readonly variant?: string; readonly symmetry?: boolean; readonly por?: boolean }
}

/** What a worker is given when it starts. */
export interface WorkerInit {
  readonly spec: ParallelOptions['spec']
  readonly buffers: SharedBuffers
  readonly control: SharedArrayBuffer
  readonly stats: SharedArrayBuffer
  readonly deadlock: boolean
}

/** A worker's line to the coordinator: messages out, and the coordinator's messages read without waiting. */
export interface WorkerPort {
  postMessage(m: FromWorker): void
  receive(): unknown
}

/** What a worker and the coordinator must agree on before they share a store: the system's size and names. */
export const shapeOf = <S>(sys: TransitionSystem<S>): string =>
  `${sys.words} state words, ${sys.instances.length} action instances, invariants ${sys.invariants.map(i => i.name).join(' ') || 'none'}`

export type FromWorker =
  | { type: 'ready'; shape: string }
  | { type: 'done'; level: number }
  | { type: 'room' }
  | { type: 'paused'; gen: number }
  | { type: 'found'; kind: PropertyRef['kind']; index: number; parent: number; instance?: number; words?: Uint32Array; id?: number }
  | { type: 'deadlock'; id: number }
  | { type: 'full' }
  | { type: 'error'; message: string; at: number }
  | { type: 'oom'; message: string }

export class ParallelBfs<S> {
  readonly store: SharedStateStore
  private readonly control: Int32Array
  private readonly statsBuf: SharedArrayBuffer
  private readonly perWorker: Float64Array[]
  private readonly workers: Worker[] = []
  private readonly started = Date.now()
  private readonly found = new Map<string, Finding>()
  private readonly levelStart: number[] = [0]
  private readonly memory: MemoryLimit
  private stopReason: string | undefined
  private result: SearchResult | undefined
  private done = 0
  private paused = 0
  private roomWanted = false
  private depthCut = false
  private wake: (() => void) | undefined

  constructor(readonly system: TransitionSystem<S>, private readonly opts: ParallelOptions) {
    this.memory = new MemoryLimit(opts.maxMemory)
    const buffers = sharedBuffers(system.words, opts.exactWords ?? 4, opts.indexSlots ?? 1 << 18, opts.maxStates, this.memory.room())
    this.store = new SharedStateStore(buffers)
    this.control = new Int32Array(new SharedArrayBuffer(4 * CONTROL.words))
    const width = PER_ACTION + 2 * system.model.actions.length
    this.statsBuf = new SharedArrayBuffer(8 * width * opts.workers)
    this.perWorker = Array.from({ length: opts.workers }, (_, w) => new Float64Array(this.statsBuf, 8 * width * w, width))
    for (const p of this.perWorker) p[OMIN] = Infinity
  }

  interrupt(reason: string): void {
    this.stopReason ??= reason
    this.stop()
    this.poke()
  }

  /** Tells every worker to stop, waking those paused for a rebuild (a changed value alone does not wake a waiter). */
  private stop(): void {
    Atomics.store(this.control, STATE, STOP)
    Atomics.notify(this.control, STATE)
  }

  /** Runs the search to its end; `tick` is called about every 200 ms (progress). */
  async run(tick: () => void = () => {}): Promise<SearchResult> {
    const canon = this.system.canonical
    try {
      this.system.initial().forEach(({ state, words }, i) => {
        canon?.canonicalise(words)
        const id = this.store.add(words, 0, NO_PARENT, i)
        if (id === FULL) { this.stopReason ??= this.stateLimit(); return }
        if (id >= 0) {
          for (let k = 0; k < this.system.invariants.length; k++) {
            if (!this.system.holdsInvariant(k, state)) this.report({ property: this.system.propertyRef('invariant', k), path: { ids: [id] } })
          }
        }
      })
    } catch (e) {
      return this.specError(e, -1)
    }
    if (this.found.size > 0 && !this.opts.continue) this.finish('violated', '')
    if (this.result !== undefined) return this.result
    await this.startWorkers()
    const timer = setInterval(() => { tick(); this.checkLimits() }, 200)
    try {
      for (let depth = 0; this.result === undefined; depth++) {
        const start = this.levelStart[depth]!
        const end = this.store.size
        this.levelStart.push(end)
        if (this.stopReason !== undefined) { this.finish('incomplete', this.stopReason); break }
        if (start === end) { this.finish(this.depthCut ? 'incomplete' : 'verified', `depth limit ${this.opts.maxDepth} reached`); break }
        if (depth >= (this.opts.maxDepth ?? Infinity)) { this.depthCut = true; this.finish('incomplete', `depth limit ${this.opts.maxDepth} reached`); break }
        await this.level(start, end)
        // Without --continue a violation ends the search with its level: the least one found there (see finish).
        if (this.found.size > 0 && !this.opts.continue) this.finish('violated', '')
      }
    } finally {
      clearInterval(timer)
      Atomics.store(this.control, STATE, STOP)
      Atomics.add(this.control, LEVEL, 1)
      Atomics.notify(this.control, LEVEL)
      Atomics.notify(this.control, STATE)
      await Promise.all(this.workers.map(w => w.terminate()))
    }
    return this.result!
  }

  stats(): Stats {
    const size = this.store.size
    const actions = this.system.model.actions
    const sum = (k: number) => this.perWorker.reduce((a, p) => a + p[k]!, 0)
    let depth = this.levelStart.length - 1
    while (depth > 0 && this.levelStart[depth]! >= size) depth--
    return {
      distinctStates: size,
      transitions: sum(T),
      depth,
      queue: Math.max(0, size - (this.levelStart[this.levelStart.length - 2] ?? 0)),
      elapsedMs: Date.now() - this.started,
      actions: actions.flatMap((a, i) => (a.exists === false ? [] : [{ name: a.name, generated: sum(PER_ACTION + 2 * i), distinct: sum(PER_ACTION + 2 * i + 1) }])),
      outDegreeMin: Math.min(...this.perWorker.map(p => p[OMIN]!)) === Infinity ? 0 : Math.min(...this.perWorker.map(p => p[OMIN]!)),
      outDegreeMax: Math.max(...this.perWorker.map(p => p[OMAX]!)),
      storeBytes: this.store.bytes,
      frontierBytes: 0,
      memoryBytes: process.memoryUsage.rss(),
      exact: this.store.exact,
      symmetry: this.system.canonical?.sets.map(x => `${x.name} (${x.size})`) ?? [],
      ...(this.system.reduction !== undefined ? { por: { reduced: sum(REDUCED), candidates: this.system.reduction.candidates } } : {}),
      collisionProbability: this.store.collisionProbability(),
      workers: this.opts.workers,
    }
  }

  private async startWorkers(): Promise<void> {
    const init: WorkerInit = { spec: this.opts.spec, buffers: this.store.buffers, control: this.control.buffer as SharedArrayBuffer, stats: this.statsBuf, deadlock: this.opts.deadlock ?? true }
    const ready: Promise<void>[] = []
    for (let w = 0; w < this.opts.workers; w++) {
      const worker = new Worker(this.opts.script, { workerData: { ...init, worker: w } })
      this.workers.push(worker)
      ready.push(new Promise((resolve, reject) => {
        worker.once('message', (m: FromWorker) => {
          if (m.type !== 'ready') { reject(new Error(`worker ${w} did not start: ${JSON.stringify(m)}`)); return }
          // A worker compiles the spec itself: a different system (a stale dist/, a spec that depends on its thread) is refused.
          const mine = shapeOf(this.system)
          if (m.shape !== mine) this.result ??= { verdict: 'spec-error', message: `worker thread ${w} compiled another transition system (${m.shape}) than this thread (${mine}): the spec must not depend on the thread it runs in, and the compiled engine (dist/) must be current (npm run build)`, stats: this.stats() }
          resolve()
        })
        worker.once('error', reject)
      }))
    }
    await Promise.all(ready)
    for (const worker of this.workers) {
      worker.on('message', (m: FromWorker) => this.onMessage(m))
      worker.on('error', e => { this.result ??= { verdict: 'spec-error', message: `a worker thread failed: ${e.message}`, stats: this.stats() }; this.poke() })
    }
  }

  /** Expands ids start..end-1 on every worker; resolves when all are done with it (or the search stops). */
  private level(start: number, end: number): Promise<void> {
    this.done = 0
    Atomics.store(this.control, START, start)
    Atomics.store(this.control, END, end)
    Atomics.store(this.control, NEXT, start)
    Atomics.add(this.control, LEVEL, 1)
    Atomics.notify(this.control, LEVEL)
    return new Promise(resolve => {
      this.wake = () => {
        this.maybeRebuild()
        if (this.done === this.workers.length || this.result !== undefined) { this.wake = undefined; resolve() }
      }
      this.wake()
    })
  }

  private poke(): void { this.wake?.() }

  private onMessage(m: FromWorker): void {
    switch (m.type) {
      case 'done': this.done++; break
      case 'room': this.roomWanted = true; break
      case 'paused': if (m.gen === Atomics.load(this.control, GEN)) this.paused++; break
      case 'full': this.stopReason ??= this.stateLimit(); this.stop(); break
      case 'deadlock':
        this.result ??= { verdict: 'deadlock', path: { ids: this.store.pathTo(m.id) }, stats: this.stats() }
        this.stop()
        break
      case 'found': {
        const property = this.system.propertyRef(m.kind, m.index)
        const path: Path = m.kind === 'property'
          ? { ids: this.store.pathTo(m.parent), last: { instance: m.instance!, words: m.words! } }
          : { ids: this.store.pathTo(m.id!) }
        this.report({ property, path })
        break
      }
      case 'oom':
        this.stopReason ??= `out of memory: ${m.message} (the state store holds ${(this.store.bytes / 2 ** 20).toFixed(0)} MiB, the process ${(process.memoryUsage.rss() / 2 ** 20).toFixed(0)} MiB resident)`
        this.stop()
        break
      case 'error':
        this.result ??= { verdict: 'spec-error', message: m.message, ...(m.at >= 0 ? { path: { ids: this.store.pathTo(m.at) } } : {}), stats: this.stats() }
        this.stop()
        break
    }
    this.poke()
  }

  /** When the id table fills, every worker pauses (or has finished the level); then it is rebuilt twice as large. */
  private maybeRebuild(): void {
    if (!this.roomWanted || this.paused + this.done < this.workers.length) return
    const slots = this.store.indexSlots * 2
    const why = this.memory.refuses(slots * 4)
    if (why !== undefined || slots > 2 ** 30) {
      this.stopReason ??= `out of memory: ${why ?? 'the id table is full'} (the state store holds ${(this.store.bytes / 2 ** 20).toFixed(0)} MiB)`
      this.stop()
    } else {
      const index = this.store.rebuiltIndex(slots)
      this.store.useIndex(index)
      for (const w of this.workers) w.postMessage({ type: 'index', index })
      if (Atomics.load(this.control, STATE) === PAUSE) Atomics.store(this.control, STATE, RUN)
    }
    this.roomWanted = false
    this.paused = 0
    Atomics.add(this.control, GEN, 1)
    Atomics.notify(this.control, STATE)
  }

  private checkLimits(): void {
    const limitAt = this.opts.maxSeconds === undefined ? Infinity : this.started + this.opts.maxSeconds * 1000
    if (Date.now() >= limitAt) this.interrupt(`time limit of ${this.opts.maxSeconds} s reached`)
    const why = this.memory.refuses(this.store.bytes / 4)
    if (why !== undefined) this.interrupt(`out of memory: ${why} (the state store holds ${(this.store.bytes / 2 ** 20).toFixed(0)} MiB)`)
  }

  private report(f: Finding): void {
    if (this.found.has(f.property.name)) return
    this.found.set(f.property.name, f)
  }

  private finish(verdict: 'verified' | 'incomplete' | 'violated', reason: string): void {
    if (this.result !== undefined) return
    this.result = searchOutcome(this.found, verdict, reason, this.opts.continue === true, this.stats())
  }

  private stateLimit(): string { return `state limit of ${this.opts.maxStates} distinct states reached` }

  private specError(e: unknown, at: number): SearchResult {
    if (!(e instanceof SpecError)) throw e
    const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
    this.result = { verdict: 'spec-error', message, ...(at >= 0 ? { path: { ids: this.store.pathTo(at) } } : {}), stats: this.stats() }
    return this.result
  }
}

/**
 * A worker thread's part: expand the states of each level as the coordinator
 * starts it, until told to stop. Runs synchronously (it blocks on the control
 * block between levels and during pauses); messages from the coordinator
 * (a rebuilt id table) are read when it wakes.
 */
export function workerLoop<S>(sys: TransitionSystem<S>, init: WorkerInit & { worker: number }, port: WorkerPort): void {
  const control = new Int32Array(init.control)
  const store = new SharedStateStore(init.buffers)
  const width = PER_ACTION + 2 * sys.model.actions.length
  const mine = new Float64Array(init.stats, 8 * width * init.worker, width)
  const canon = sys.canonical
  const buf = sys.buf
  const enabledList: number[] = []
  const skip = new Uint8Array(sys.instances.length)
  const drain = () => {
    for (let m = port.receive(); m !== undefined; m = port.receive()) {
      const msg = m as { type: string; index: SharedArrayBuffer }
      if (msg.type === 'index') store.useIndex(msg.index)
    }
  }
  const pauseIfAsked = () => {
    if (store.needsRoom() && Atomics.compareExchange(control, STATE, RUN, PAUSE) === RUN) port.postMessage({ type: 'room' })
    if (Atomics.load(control, STATE) !== PAUSE) return
    port.postMessage({ type: 'paused', gen: Atomics.load(control, GEN) })
    Atomics.wait(control, STATE, PAUSE)
    drain()
  }
  let level = Atomics.load(control, LEVEL)
  port.postMessage({ type: 'ready', shape: shapeOf(sys) })
  for (;;) {
    Atomics.wait(control, LEVEL, level)
    level = Atomics.load(control, LEVEL)
    drain()
    // A worker that wakes after the search was stopped (another filled the store) still answers for the level.
    if (Atomics.load(control, STATE) === STOP) { port.postMessage({ type: 'done', level }); return }
    const end = Atomics.load(control, END)
    let parent = -1
    let state: S = undefined as S
    let enabled = 0
    let sawOld = false
    // Each property once per level and worker: the first found is as short as any (the level is its depth).
    const reported = new Set<string>()
    const found = (kind: PropertyRef['kind'], index: number, extra: object) => {
      const key = `${kind}${index}`
      if (reported.has(key)) return
      reported.add(key)
      port.postMessage({ type: 'found', kind, index, parent, ...extra })
    }
    const onSuccessor = (i: number, next: S): boolean => {
      mine[T]!++
      enabled++
      const a = sys.instances[i]!.actionIndex
      mine[PER_ACTION + 2 * a]!++
      for (const k of sys.propsOf[i]!) {
        if (!sys.holdsStep(k, i, state, next)) found('property', k, { instance: i, words: buf.slice() })
      }
      canon?.canonicalise(buf)
      const r = store.add(buf, 0, parent, i)
      if (r === FULL) { port.postMessage({ type: 'full' }); return true }
      if (r < 0 && ~r < end) sawOld = true
      if (r >= 0) {
        mine[PER_ACTION + 2 * a + 1]!++
        // Every invariant the state breaks, as one thread reports them (a state may break several).
        for (let k = 0; k < sys.invariants.length; k++) if (!sys.holdsInvariant(k, next)) found('invariant', k, { id: r })
      }
      return false
    }
    try {
      for (let c = Atomics.add(control, NEXT, CHUNK); c < end; c = Atomics.add(control, NEXT, CHUNK)) {
        for (let id = c; id < Math.min(end, c + CHUNK); id++) {
          if (Atomics.load(control, STATE) === STOP) break
          pauseIfAsked()
          parent = id
          enabled = 0
          state = sys.load(store.chunkOf(id), store.offsetOf(id))
          const ample = sys.reducing === undefined ? undefined : (sys.enabled(enabledList), sys.reducing.ample(enabledList))
          if (ample === undefined) sys.successors(onSuccessor)
          else {
            // The breadth-first proviso: the ample set stands for all only if all its successors are new.
            sawOld = false
            sys.successors(onSuccessor, ample)
            if (sawOld) { for (const i of ample) skip[i] = 1; sys.successors(onSuccessor, undefined, skip); for (const i of ample) skip[i] = 0 }
            else mine[REDUCED]!++
          }
          if (enabled < mine[OMIN]!) mine[OMIN] = enabled
          if (enabled > mine[OMAX]!) mine[OMAX] = enabled
          if (enabled === 0 && init.deadlock && !sys.isFinal(state)) { port.postMessage({ type: 'deadlock', id }); break }
        }
      }
      sys.auditNow()
    } catch (e) {
      if (e instanceof RangeError) port.postMessage({ type: 'oom', message: e.message })
      else {
        const message = e instanceof SpecError ? (e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`) : `${(e as Error).message}`
        port.postMessage({ type: 'error', message, at: parent })
      }
      // Every way out of a level answers for it: the coordinator waits for one 'done' per worker.
      port.postMessage({ type: 'done', level })
      return
    }
    port.postMessage({ type: 'done', level })
  }
}

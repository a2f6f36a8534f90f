/**
 * Random simulation: seeded random walks through the same compiled semantics,
 * for bounds past exhaustive reach (TLC's -simulate, Quint's run). Every
 * enabled successor of every visited state is checked (its invariants and the
 * step's transition properties), not only the one the walk takes, so a walk
 * finds what is one step off its path too.
 *
 * Run r of a simulation with seed S uses the generator seeded with (S, r), so
 * any run is reproducible from the two numbers printed. A violation found this
 * way is a real behaviour, but not a shortest one: the result says so, and
 * the checker shortens it (src/trace/shorten.ts).
 */
import type { PropertyRef, TransitionSystem } from '../semantics/system.js'
import { SpecError, describeState } from '../semantics/specError.js'
import type { Stats } from './result.js'

export interface SimulateOptions {
  readonly seed: number
  readonly runs: number
  /** Steps per run at most. */
  readonly depth: number
  readonly deadlock?: boolean
  readonly maxSeconds?: number
  /**
   * For one of several threads: this simulator does runs first, first+stride, ...
   * and none from `bound()` on (the least run another thread found something in).
   */
  readonly first?: number
  readonly stride?: number
  readonly bound?: () => number
}

/** A walk: the initial state's index in init(), then action instances. */
export interface Walk { readonly init: number; readonly steps: readonly number[] }

export type SimulationResult =
  | { readonly verdict: 'no-violation-found'; readonly stats: SimStats }
  | { readonly verdict: 'violated'; readonly property: PropertyRef; readonly walk: Walk; readonly run: number; readonly stats: SimStats }
  | { readonly verdict: 'deadlock'; readonly walk: Walk; readonly run: number; readonly stats: SimStats }
  | { readonly verdict: 'incomplete'; readonly reason: string; readonly stats: SimStats }
  | { readonly verdict: 'spec-error'; readonly message: string; readonly walk?: Walk; readonly run?: number; readonly stats: SimStats }

export interface SimStats {
  readonly seed: number
  runs: number
  steps: number
  /** Successors generated and checked (every enabled one of every visited state). */
  transitions: number
  elapsedMs: number
  actions: { name: string; generated: number; taken: number }[]
  /** Runs that ended before their depth: no enabled action (a proper end or a deadlock). */
  ended: number
  memoryBytes: number
  stats?: Stats
}

/** mulberry32: a small, well-distributed 32-bit generator; deterministic from its seed. */
export function random32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (t ^ (t >>> 14)) >>> 0
  }
}

/** The seed of run r of a simulation seeded with `seed`. */
export const runSeed = (seed: number, r: number): number => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(r + 1, 0xc2b2ae35)) >>> 0

export class Simulator<S> {
  private readonly started = Date.now()
  private run: number
  private result: SimulationResult | undefined
  private stopReason: string | undefined
  private readonly stats: SimStats
  private readonly generatedBy: number[]
  private readonly takenBy: number[]
  private readonly candidates: number[] = []
  private readonly words: Uint32Array[] = []
  private inits: { state: S; words: Uint32Array }[] | undefined

  constructor(readonly system: TransitionSystem<S>, private readonly opts: SimulateOptions) {
    this.run = opts.first ?? 0
    this.generatedBy = system.model.actions.map(() => 0)
    this.takenBy = system.model.actions.map(() => 0)
    this.stats = { seed: opts.seed >>> 0, runs: 0, steps: 0, transitions: 0, elapsedMs: 0, actions: [], ended: 0, memoryBytes: 0 }
  }

  interrupt(reason: string): void { this.stopReason ??= reason }

  /** Simulates for up to `budgetMs`; returns the result when done. */
  step(budgetMs = Infinity): SimulationResult | undefined {
    const deadline = Date.now() + budgetMs
    const limitAt = this.opts.maxSeconds === undefined ? Infinity : this.started + this.opts.maxSeconds * 1000
    let inits: { state: S; words: Uint32Array }[]
    try {
      inits = this.inits ??= this.system.initial()
    } catch (e) {
      return this.finish(this.specError(e, undefined))
    }
    while (this.result === undefined) {
      if (this.stopReason !== undefined) return this.finish({ verdict: 'incomplete', reason: this.stopReason, stats: this.stats })
      if (this.run >= Math.min(this.opts.runs, this.opts.bound?.() ?? Infinity)) return this.finish({ verdict: 'no-violation-found', stats: this.stats })
      const now = Date.now()
      if (now >= limitAt) return this.finish({ verdict: 'incomplete', reason: `time limit of ${this.opts.maxSeconds} s reached after ${this.stats.runs} runs`, stats: this.stats })
      if (now >= deadline) return undefined
      const run = this.run
      this.run += this.opts.stride ?? 1
      this.walk(run, inits)
    }
    return this.result
  }

  /** One random walk from a random initial state. */
  private walk(run: number, inits: readonly { state: S; words: Uint32Array }[]): void {
    const sys = this.system
    const next32 = random32(runSeed(this.opts.seed, run))
    const init = next32() % inits.length
    const steps: number[] = []
    const walk = () => ({ init, steps: [...steps] })
    let words = inits[init]!.words.slice()
    try {
      const bad = sys.firstInvariantViolated(inits[init]!.state)
      if (bad !== undefined) { this.result = { verdict: 'violated', property: bad, walk: walk(), run, stats: this.stats }; return }
      for (let d = 0; d < this.opts.depth; d++) {
        const s = sys.load(words, 0)
        this.candidates.length = 0
        let found: { property: PropertyRef; instance: number } | undefined
        sys.successors((i, next) => {
          this.stats.transitions++
          this.generatedBy[sys.instances[i]!.actionIndex]!++
          const k = this.candidates.length
          this.candidates.push(i)
          const w = (this.words[k] ??= new Uint32Array(sys.words))
          w.set(sys.buf)
          const bad = sys.firstViolation(i, s, next)
          if (bad !== undefined) { found = { property: bad, instance: i }; return true }
          return false
        })
        if (found !== undefined) {
          this.result = { verdict: 'violated', property: found.property, walk: { init, steps: [...steps, found.instance] }, run, stats: this.stats }
          return
        }
        if (this.candidates.length === 0) {
          this.stats.ended++
          if ((this.opts.deadlock ?? true) && !sys.isFinal(s)) this.result = { verdict: 'deadlock', walk: walk(), run, stats: this.stats }
          return
        }
        const pick = next32() % this.candidates.length
        const i = this.candidates[pick]!
        this.takenBy[sys.instances[i]!.actionIndex]!++
        steps.push(i)
        words = this.words[pick]!.slice()
        this.stats.steps++
      }
    } catch (e) {
      const err = this.specError(e, walk())
      this.result = err.verdict === 'spec-error' ? { ...err, run } : err
    } finally {
      this.stats.runs++
    }
  }

  private specError(e: unknown, walk: Walk | undefined): SimulationResult {
    if (!(e instanceof SpecError)) throw e
    const message = e.state === undefined ? e.message : `${e.message}\n  in state: ${describeState(e.state)}`
    return { verdict: 'spec-error', message, ...(walk ? { walk } : {}), stats: this.stats }
  }

  private finish(r: SimulationResult): SimulationResult {
    this.result = r
    return r
  }

  currentStats(): SimStats {
    this.stats.elapsedMs = Date.now() - this.started
    this.stats.memoryBytes = process.memoryUsage.rss()
    this.stats.actions = this.system.model.actions.flatMap((a, i) => (a.exists === false ? [] : [{ name: a.name, generated: this.generatedBy[i]!, taken: this.takenBy[i]! }]))
    return this.stats
  }
}

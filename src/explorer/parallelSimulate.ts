/**
 * Simulation on several threads. Run r is done by thread r mod N, seeded from
 * (seed, r) as on one thread, so every run is the same walk whichever thread
 * does it. The answer is the least run that found something (a violation, a
 * deadlock, a spec error): a thread that finds one lowers a shared bound, and
 * no thread starts a run at or past the bound, but every run below it is
 * still done. So the answer is the one thread's answer, whatever the timing
 * (a time limit or a signal aside).
 */
import { Worker } from 'node:worker_threads'
import type { TransitionSystem } from '../semantics/system.js'
import { Simulator, type SimulateOptions, type SimulationResult, type SimStats } from './simulate.js'

const BOUND = 0, STOP = 1
/** Per worker, in its Float64Array: runs, steps, transitions, ended, then generated and taken per action. */
const RUNS = 0, STEPS = 1, TRANSITIONS = 2, ENDED = 3, PER_ACTION = 4

type Plain = Omit<SimulateOptions, 'bound' | 'first' | 'stride'>

export interface SimWorkerInit {
  /** What the worker compiles (the command line's spec reference). */
  readonly spec: unknown
  readonly opts: Plain
  readonly control: SharedArrayBuffer
  readonly stats: SharedArrayBuffer
  readonly worker: number
  readonly workers: number
}

export class ParallelSimulator<S> {
  private readonly control = new Int32Array(new SharedArrayBuffer(8))
  private readonly statsBuf: SharedArrayBuffer
  private readonly perWorker: Float64Array[]
  private readonly started = Date.now()
  private readonly workers: Worker[] = []

  constructor(readonly system: TransitionSystem<S>, private readonly opts: Plain & { readonly workers: number; readonly script: URL; readonly spec: unknown }) {
    this.control[BOUND] = opts.runs
    const width = PER_ACTION + 2 * system.model.actions.length
    this.statsBuf = new SharedArrayBuffer(8 * width * opts.workers)
    this.perWorker = Array.from({ length: opts.workers }, (_, w) => new Float64Array(this.statsBuf, 8 * width * w, width))
  }

  private reason: string | undefined

  interrupt(reason: string): void {
    this.reason ??= reason
    Atomics.store(this.control, STOP, 1)
  }

  async run(): Promise<SimulationResult> {
    const { workers: n, script, spec, ...opts } = this.opts
    const results = await Promise.all(Array.from({ length: n }, (_, w) => new Promise<SimulationResult>((resolve, reject) => {
      const init: SimWorkerInit = { spec, opts, control: this.control.buffer as SharedArrayBuffer, stats: this.statsBuf, worker: w, workers: n }
      const worker = new Worker(script, { workerData: init })
      this.workers.push(worker)
      worker.once('message', (m: { type: 'result'; result: SimulationResult } | { type: 'error'; message: string }) =>
        (m.type === 'result' ? resolve(m.result) : reject(new Error(m.message))))
      worker.once('error', reject)
    })))
    await Promise.all(this.workers.map(w => w.terminate()))
    const stats = this.stats()
    const found = results.filter(r => 'run' in r && r.run !== undefined).sort((a, b) => (a as { run: number }).run - (b as { run: number }).run)[0]
    if (found !== undefined) {
      // Runs 0..r were all done: count those, as one thread would have.
      stats.runs = (found as { run: number }).run + 1
      return { ...found, stats }
    }
    const cut = results.find(r => r.verdict === 'incomplete')
    if (cut?.verdict === 'incomplete') return { ...cut, reason: this.reason ?? cut.reason.replace(/after \d+ runs/, `after ${stats.runs} runs`), stats }
    return { verdict: 'no-violation-found', stats }
  }

  /** The threads' statistics so far, summed. */
  stats(): SimStats {
    const sum = (k: number) => this.perWorker.reduce((a, p) => a + p[k]!, 0)
    return {
      seed: this.opts.seed >>> 0,
      runs: sum(RUNS), steps: sum(STEPS), transitions: sum(TRANSITIONS), ended: sum(ENDED),
      elapsedMs: Date.now() - this.started,
      actions: this.system.model.actions.flatMap((a, i) => (a.exists === false ? [] : [{ name: a.name, generated: sum(PER_ACTION + 2 * i), taken: sum(PER_ACTION + 2 * i + 1) }])),
      memoryBytes: process.memoryUsage.rss(),
    }
  }
}

/** A worker thread's part: its share of the runs, its statistics published as it goes. */
export function simulateWorkerLoop<S>(sys: TransitionSystem<S>, init: SimWorkerInit): SimulationResult {
  const control = new Int32Array(init.control)
  const width = PER_ACTION + 2 * sys.model.actions.length
  const mine = new Float64Array(init.stats, 8 * width * init.worker, width)
  const sim = new Simulator(sys, { ...init.opts, first: init.worker, stride: init.workers, bound: () => Atomics.load(control, BOUND) })
  const publish = () => {
    const s = sim.currentStats()
    mine[RUNS] = s.runs; mine[STEPS] = s.steps; mine[TRANSITIONS] = s.transitions; mine[ENDED] = s.ended
    sys.model.actions.forEach((a, i) => {
      const x = s.actions.find(y => y.name === a.name)
      mine[PER_ACTION + 2 * i] = x?.generated ?? 0
      mine[PER_ACTION + 2 * i + 1] = x?.taken ?? 0
    })
  }
  for (;;) {
    if (Atomics.load(control, STOP) === 1) sim.interrupt('stopped')
    const r = sim.step(100)
    publish()
    if (r === undefined) continue
    if ('run' in r && r.run !== undefined) {
      // Lower the bound to this run, unless another thread found an earlier one.
      for (let b = Atomics.load(control, BOUND); r.run < b; b = Atomics.load(control, BOUND)) {
        if (Atomics.compareExchange(control, BOUND, b, r.run) === b) break
      }
    }
    return r
  }
}

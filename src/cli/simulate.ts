/**
 * `sptecheck simulate <spec>`: seeded random walks through the compiled
 * semantics, every invariant and transition property checked on every step.
 * Never says `verified`: finding nothing in N runs proves nothing, and the
 * summary says so. A violation's trace is real, then shortened.
 */
import { writeFileSync } from 'node:fs'
import { ParallelSimulator } from '../explorer/parallelSimulate.js'
import { Simulator, type SimulationResult, type SimStats } from '../explorer/simulate.js'
import type { TransitionSystem } from '../semantics/system.js'
import { fewerSwitches } from '../trace/fewerSwitches.js'
import { shorten } from '../trace/shorten.js'
import type { Trace } from '../explorer/result.js'
import { renderTrace, TRACE_FORMATS, type TraceFormat } from '../report/render.js'
import { mib, showParams } from '../report/summary.js'
import { compiledOrSpecError } from './compiledOrSpecError.js'
import { natFlag, parseArgs } from './args.js'
import { formatOfFile } from './check.js'
import { Exit } from './exitCodes.js'
import { loadSpec } from './load.js'
import { positiveFlag, resolvedParams, writableFile } from './options.js'
import type { SpecRef } from './runCheck.js'
import { onStop } from './signals.js'
import { defaultWorkers, workerScript } from './workers.js'
import { orUsage, UsageError } from './usageError.js'

interface Outcome<S> { readonly result: SimulationResult; readonly trace?: Trace<S> }

/** The walk found, shortened and with fewer thread switches. */
function shortened<S>(sys: TransitionSystem<S>, r: SimulationResult): Outcome<S> {
  const target = r.verdict === 'violated' ? r.property : r.verdict === 'deadlock' ? 'deadlock' as const : undefined
  if (target === undefined || !('walk' in r) || r.walk === undefined) return { result: r }
  const short = shorten(sys, r.walk, target)
  return { result: r, trace: fewerSwitches(sys, short, target === 'deadlock' ? undefined : target) }
}

const progressLine = (s: SimStats) =>
  `${(s.elapsedMs / 1000).toFixed(0)}s: ${s.runs} runs, ${s.steps.toLocaleString('en')} steps, ${Math.round(s.steps / Math.max(0.001, s.elapsedMs / 1000)).toLocaleString('en')} steps/s, ${mib(s.memoryBytes)}\n`

export async function runSimulation<S>(sys: TransitionSystem<S>, opts: ConstructorParameters<typeof Simulator>[1], show: boolean, parallel?: { workers: number; spec: SpecRef }): Promise<Outcome<S>> {
  if (parallel !== undefined && parallel.workers > 1) {
    const sim = new ParallelSimulator(sys, { ...opts, workers: parallel.workers, spec: parallel.spec, script: workerScript('simulateWorker') })
    const off = onStop(reason => sim.interrupt(reason))
    const timer = show ? setInterval(() => process.stderr.write(progressLine(sim.stats())), process.stderr.isTTY ? 3000 : 10_000) : undefined
    try {
      return shortened(sys, await sim.run())
    } finally {
      clearInterval(timer)
      off()
    }
  }
  const sim = new Simulator(sys, opts)
  const off = onStop(reason => sim.interrupt(reason))
  let last = Date.now()
  try {
    for (;;) {
      const r = sim.step(200)
      if (r !== undefined) {
        sim.currentStats()
        return shortened(sys, r)
      }
      if (show && Date.now() - last > (process.stderr.isTTY ? 3000 : 10_000)) {
        last = Date.now()
        process.stderr.write(progressLine(sim.currentStats()))
      }
      await new Promise(resolve => setImmediate(resolve))
    }
  } finally {
    off()
  }
}

const rate = (s: SimStats) => Math.round(s.steps / Math.max(0.001, s.elapsedMs / 1000))

export async function simulateCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, {
    valued: ['variant', 'set', 'seed', 'runs', 'depth', 'max-seconds', 'format', 'out', 'workers'],
    boolean: ['no-deadlock', 'json'],
    repeat: ['set'],
  }))
  if (p.positional.length > 1) throw new UsageError(`simulate takes one spec, got: ${p.positional.join(' ')}`)
  const format = (p.values['format']?.[0] ?? 'text') as TraceFormat
  if (!TRACE_FORMATS.includes(format)) throw new UsageError(`--format expects one of ${TRACE_FORMATS.join(', ')}, got '${format}'`)
  if (p.flags.has('json') && p.values['format']) throw new UsageError('--json prints a report without traces, so --format does not apply; write the trace with --out FILE')
  const seedGiven = orUsage(natFlag(p, 'seed'))
  if (seedGiven !== undefined && seedGiven > 0xffffffff) throw new UsageError('--seed expects an integer below 2^32')
  const seed = seedGiven ?? (Date.now() ^ (process.pid << 16)) >>> 0
  const runs = positiveFlag(p, 'runs') ?? 1000
  const depth = positiveFlag(p, 'depth') ?? 100
  const maxSeconds = positiveFlag(p, 'max-seconds')
  const out = p.values['out']?.[0] === undefined ? undefined : writableFile('out', p.values['out'][0])
  const workers = positiveFlag(p, 'workers') ?? defaultWorkers()
  if (workers > 64) throw new UsageError('--workers expects at most 64')
  const { spec, bundle } = await loadSpec(p.positional[0])
  const { variant, params } = resolvedParams(spec, p)
  const sys = compiledOrSpecError(spec, params, { variant })
  if (sys === undefined) return Exit.specError
  const { result: r, trace } = await runSimulation(sys, {
    seed, runs, depth, ...(maxSeconds ? { maxSeconds } : {}), ...(p.flags.has('no-deadlock') ? { deadlock: false } : {}),
  }, true, { workers, spec: { ...(bundle ? { module: bundle } : { name: spec.name }), params, ...(variant ? { variant } : {}) } })
  const s = r.stats
  const head = `${spec.name}${variant ? ` (variant ${variant})` : ''}: ${showParams(params)}`
  const found = r.verdict === 'violated' || r.verdict === 'deadlock' ? r : undefined
  const shown = trace === undefined ? undefined : r.verdict === 'violated'
    ? { kind: r.property.kind, property: r.property.name, description: r.property.description, trace }
    : { kind: 'deadlock' as const, trace }
  if (out !== undefined && shown !== undefined) writeFileSync(out, renderTrace(formatOfFile(out), { sys }, shown))
  if (p.flags.has('json')) {
    process.stdout.write(`${JSON.stringify({
      spec: spec.name, variant: variant ?? null, params, mode: 'simulate', verdict: r.verdict, seed: s.seed, runs: s.runs, depth, workers,
      steps: s.steps, transitions: s.transitions, elapsedMs: s.elapsedMs, stepsPerSecond: rate(s),
      ...(found ? { run: found.run, foundAfterSteps: found.walk.steps.length, traceLength: (trace?.length ?? 1) - 1, shortest: false } : {}),
      ...(r.verdict === 'violated' ? { property: r.property.name, propertyKind: r.property.kind } : {}),
      ...(r.verdict === 'incomplete' ? { reason: r.reason } : {}),
      ...(r.verdict === 'spec-error' ? { message: r.message } : {}),
      coverage: s.actions, memoryBytes: s.memoryBytes, peakMemoryBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`)
  } else {
    const body = r.verdict === 'no-violation-found'
      ? `No violation found in ${s.runs} runs of up to ${depth} steps (seed ${s.seed}). A simulation is not a proof: \`sptecheck check\` explores every state.`
      : r.verdict === 'incomplete' ? `Incomplete: ${r.reason}. No violation found in the ${s.runs} runs made (seed ${s.seed}).`
      : r.verdict === 'spec-error' ? `Spec error: ${r.message}`
      : `${r.verdict === 'violated' ? `Violated: ${r.property.name}. ${r.property.description}` : 'Deadlock: a reachable state where no action is enabled.'}\n` +
        `Found by run ${r.run} of seed ${s.seed} after ${r.walk.steps.length} steps, shortened to ${(trace?.length ?? 1) - 1}: a real behaviour, ` +
        `not necessarily a shortest one (\`sptecheck check\` finds a shortest).\n\n${shown ? renderTrace(format, { sys }, shown) : ''}`
    const stats = [`${s.runs} runs, ${s.steps.toLocaleString('en')} steps (${rate(s).toLocaleString('en')} steps/s), ${s.transitions.toLocaleString('en')} successors checked, ${(s.elapsedMs / 1000).toFixed(2)} s, ${mib(s.memoryBytes)} resident.`,
      'Coverage (taken:generated per action):', ...s.actions.map(a => `  ${a.name.padEnd(24)} ${a.taken}:${a.generated}`)]
    const never = s.actions.filter(a => a.generated === 0).map(a => a.name)
    if (never.length > 0) stats.push(`Warning: never enabled: ${never.join(', ')}`)
    process.stdout.write(`${[head, body, stats.join('\n')].join('\n\n')}\n`)
  }
  return { 'no-violation-found': Exit.verified, violated: Exit.violated, deadlock: Exit.deadlock, incomplete: Exit.incomplete, 'spec-error': Exit.specError }[r.verdict]
}

/** The commands of the CLI; each takes its argv tail and returns an exit status. */
import { writeFileSync } from 'node:fs'
import { instanceTable } from '../explorer/instances.js'
import { SpecError } from '../explorer/specError.js'
import { makeCodec } from '../model/codec.js'
import { describeParam, resolveParams } from '../model/params.js'
import type { Model, Spec } from '../model/spec.js'
import { DotGraph } from '../report/dot.js'
import { renderTrace, TRACE_FORMATS, type TraceFormat } from '../report/render.js'
import { summary } from '../report/summary.js'
import { specs, findSpec } from '../../spec/index.js'
import { natFlag, parseArgs } from './args.js'
import { Exit, exitOf } from './exitCodes.js'
import { runCheck } from './runCheck.js'
import { orUsage, UsageError } from './usageError.js'

export type Command = (argv: readonly string[]) => Promise<number>

const specNamed = (name: string | undefined): Spec => {
  if (name === undefined) throw new UsageError(`name a spec; the specs are: ${specs.map(s => s.name).join(', ')}`)
  const spec = findSpec(name)
  if (spec === undefined) throw new UsageError(`unknown spec '${name}'; the specs are: ${specs.map(s => s.name).join(', ')}`)
  return spec
}

/** Builds the model, turning a throw in the spec's own code into a spec error. */
export const buildModel = <S>(spec: Spec<S>, params: Record<string, unknown>): Model<S> => {
  try {
    return spec.build(params as never)
  } catch (e) {
    throw new SpecError(`spec ${spec.name} could not be built: ${e instanceof Error ? e.message : String(e)}`)
  }
}

const list: Command = async argv => {
  orUsage(parseArgs(argv, { valued: [], boolean: [] }))
  for (const spec of specs) {
    const out = [`${spec.name}: ${spec.description}`, '  parameters:']
    for (const [k, d] of Object.entries(spec.params)) out.push(`    ${describeParam(k, d)}`)
    const variants = Object.entries(spec.variants ?? {})
    if (variants.length > 0) out.push('  variants:')
    for (const [k, v] of variants) out.push(`    ${k}${k === spec.defaultVariant ? ' (default)' : ''}: ${v.description}`)
    process.stdout.write(`${out.join('\n')}\n\n`)
  }
  return Exit.verified
}

const check: Command = async argv => {
  const p = orUsage(parseArgs(argv, {
    valued: ['variant', 'set', 'max-states', 'max-depth', 'max-seconds', 'dump-dot', 'executor', 'format', 'out'],
    boolean: ['no-deadlock', 'json', 'continue'],
    repeat: ['set'],
  }))
  if (p.positional.length > 1) throw new UsageError(`check takes one spec, got: ${p.positional.join(' ')}`)
  const spec = specNamed(p.positional[0])
  const { variant, params } = orUsage(resolveParams(spec, p.values['variant']?.[0], p.values['set'] ?? []))
  const format = (p.values['format']?.[0] ?? 'text') as TraceFormat
  if (!TRACE_FORMATS.includes(format)) throw new UsageError(`--format expects one of ${TRACE_FORMATS.join(', ')}, got '${format}'`)
  const out = p.values['out']?.[0]
  const executor = p.values['executor']?.[0] ?? 'fast'
  if (executor !== 'fast' && executor !== 'immer') throw new UsageError(`--executor expects fast or immer, got '${executor}'`)
  const limits = {
    maxStates: orUsage(natFlag(p, 'max-states')),
    maxDepth: orUsage(natFlag(p, 'max-depth')),
    maxSeconds: orUsage(natFlag(p, 'max-seconds')),
  }
  let model: Model<unknown>
  try {
    model = buildModel(spec, params)
  } catch (e) {
    process.stderr.write(`sptecheck: ${(e as Error).message}\n`)
    return Exit.specError
  }
  const dotFile = p.values['dump-dot']?.[0]
  const dot = dotFile === undefined ? undefined : new DotGraph(model)
  const json = p.flags.has('json')
  const { result } = await runCheck(model, {
    executor,
    ...(p.flags.has('no-deadlock') ? { deadlock: false } : {}),
    ...(p.flags.has('continue') ? { continue: true } : {}),
    ...Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)),
    ...(dot ? { onState: dot.onState, onEdge: dot.edge(instanceTable(model)) } : {}),
  }, true)
  if (dot && dotFile) writeFileSync(dotFile, dot.render(spec.name))
  const info = { spec: spec.name, variant, params }
  const ctx = { ...info, model, codec: makeCodec(model.vars) }
  if (out !== undefined) {
    const v = result.verdict === 'violated' ? result : result.verdict === 'deadlock' ? { kind: 'deadlock' as const, trace: result.trace } : undefined
    if (v === undefined) process.stderr.write(`sptecheck: no counterexample to write to ${out} (verdict ${result.verdict})\n`)
    else writeFileSync(out, renderTrace(formatOfFile(out), ctx, v))
  }
  if (json) {
    process.stdout.write(`${JSON.stringify(jsonReport(info, result))}\n`)
  } else {
    process.stdout.write(`${summary(ctx, result, format)}\n`)
  }
  return exitOf(result.verdict)
}

/** The format a counterexample file gets from its name. */
export const formatOfFile = (file: string): TraceFormat =>
  file.endsWith('.itf.json') || file.endsWith('.json') ? 'itf' : file.endsWith('.md') ? 'mermaid' : file.endsWith('.chart.txt') ? 'chart' : 'text'

export function jsonReport(info: { spec: string; variant: string | undefined; params: object }, r: import('../explorer/result.js').CheckResult<unknown>) {
  const s = r.stats
  return {
    spec: info.spec,
    variant: info.variant ?? null,
    params: info.params,
    verdict: r.verdict,
    distinctStates: s.distinctStates,
    transitions: s.transitions,
    depth: s.depth,
    elapsedMs: s.elapsedMs,
    ...(r.verdict === 'violated' ? {
      property: r.property, propertyKind: r.kind, traceLength: r.trace.length - 1,
      violations: r.violations.map(v => ({ property: v.property, kind: v.kind, traceLength: v.trace.length - 1 })),
    } : {}),
    ...(r.verdict === 'deadlock' ? { traceLength: r.trace.length - 1 } : {}),
    ...(r.verdict === 'incomplete' ? { reason: r.reason } : {}),
    ...(r.verdict === 'spec-error' ? { message: r.message } : {}),
    queue: s.queue,
    outDegree: { min: s.outDegreeMin, max: s.outDegreeMax },
    coverage: s.actions,
    neverEnabled: s.actions.filter(a => a.generated === 0).map(a => a.name),
    collisionProbability: s.collisionProbability,
  }
}

export const commands: Record<string, Command> = {
  list,
  check,
  replay: argv => import('./replay.js').then(m => m.replayCommand(argv)),
  matrix: argv => import('./matrix.js').then(m => m.matrixCommand(argv)),
  traces: argv => import('./generate.js').then(m => m.tracesCommand(argv)),
  docs: argv => import('./generate.js').then(m => m.docsCommand(argv)),
}

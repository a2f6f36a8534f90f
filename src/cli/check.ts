/**
 * `sptecheck check <spec> [options]`: an exhaustive search of one
 * configuration, its verdict, statistics and counterexamples.
 *
 * Every output path is checked before the search, conflicting flags are
 * refused up front, and stdout carries exactly one thing: the human summary,
 * the JSON report (--json) or the ITF document (--format itf; the summary
 * then goes to stderr).
 */
import { writeFileSync } from 'node:fs'
import { dirname, relative } from 'node:path'
import type { CheckResult } from '../explorer/result.js'
import { DotGraph } from '../report/dot.js'
import { DOCUMENT_FORMATS, renderTrace, TRACE_FORMATS, type TraceFormat, type Shown } from '../report/render.js'
import { summary } from '../report/summary.js'
import { traceFiles, writeTraceFiles } from '../report/traceFiles.js'
import { compiledOrSpecError } from './compiledOrSpecError.js'
import { parseArgs } from './args.js'
import { defaultWorkers } from './workers.js'
import { Exit, exitOf } from './exitCodes.js'
import { jsonReport, specErrorReport } from './json.js'
import { loadSpec } from './load.js'
import { limits, positiveFlag, resolvedParams, writableDir, writableFile } from './options.js'
import { runCheck } from './runCheck.js'
import { orUsage, UsageError } from './usageError.js'

export const CHECK_FLAGS = {
  valued: ['variant', 'set', 'max-states', 'max-depth', 'max-seconds', 'max-memory', 'dump-dot', 'executor', 'format', 'out', 'out-dir', 'workers'],
  boolean: ['no-deadlock', 'json', 'continue', 'fingerprints', 'symmetry', 'liveness', 'por'],
  repeat: ['set'],
}

/** The format a counterexample file gets from its name. */
export const formatOfFile = (file: string): TraceFormat =>
  file.endsWith('.itf.json') || file.endsWith('.json') ? 'itf' : file.endsWith('.md') ? 'mermaid' : file.endsWith('.chart.txt') ? 'chart'
    : /\.html?$/.test(file) ? 'html' : 'text'

/** The behaviour a counterexample file holds: the first violation, or the deadlock. */
const shownOf = <S>(r: CheckResult<S>): Shown<S> | undefined =>
  r.verdict === 'violated' ? r : r.verdict === 'deadlock' ? { kind: 'deadlock', trace: r.trace } : undefined

export async function checkCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, CHECK_FLAGS))
  if (p.positional.length > 1) throw new UsageError(`check takes one spec, got: ${p.positional.join(' ')}`)
  const format = (p.values['format']?.[0] ?? 'text') as TraceFormat
  if (!TRACE_FORMATS.includes(format)) throw new UsageError(`--format expects one of ${TRACE_FORMATS.join(', ')}, got '${format}'`)
  const json = p.flags.has('json')
  const keepGoing = p.flags.has('continue')
  if (json && p.values['format']) throw new UsageError('--json prints a report without traces, so --format does not apply; write the trace with --out FILE')
  if (keepGoing && p.values['out']) throw new UsageError('--out writes one counterexample; with --continue use --out-dir DIR, which writes each violation in every format')
  if (keepGoing && DOCUMENT_FORMATS.includes(format)) throw new UsageError(`--format ${format} prints one ${format === 'itf' ? 'ITF document' : 'page'}; with --continue use --out-dir DIR`)
  const liveness = p.flags.has('liveness')
  if (liveness && p.flags.has('symmetry')) throw new UsageError('--symmetry is refused with --liveness: a lasso in the reduced graph need not be one in the real graph (its loop may close only up to renaming)')
  if (liveness && p.flags.has('fingerprints')) throw new UsageError('--liveness needs states stored whole; drop --fingerprints')
  if (liveness && p.flags.has('por')) throw new UsageError('--por is refused with --liveness: an ample set keeps stutter-equivalent behaviours for safety here, and its cycle proviso is not the one liveness needs')
  if (liveness && p.values['dump-dot']) throw new UsageError('--liveness and --dump-dot cannot be combined; dump the graph in a run of its own')
  const executor = p.values['executor']?.[0] ?? 'fast'
  if (executor !== 'fast' && executor !== 'immer') throw new UsageError(`--executor expects fast or immer, got '${executor}'`)
  const out = p.values['out']?.[0] === undefined ? undefined : writableFile('out', p.values['out'][0])
  const outDir = p.values['out-dir']?.[0] === undefined ? undefined : writableDir('out-dir', p.values['out-dir'][0])
  const dotFile = p.values['dump-dot']?.[0] === undefined ? undefined : writableFile('dump-dot', p.values['dump-dot'][0])
  const bounds = limits(p)

  const workersGiven = positiveFlag(p, 'workers')
  if (workersGiven !== undefined && workersGiven > 64) throw new UsageError('--workers expects at most 64')
  if (workersGiven !== undefined && workersGiven > 1 && liveness) throw new UsageError('--liveness needs the whole graph in one thread; drop --workers (or use --workers 1)')
  if (workersGiven !== undefined && workersGiven > 1 && p.values['dump-dot']) throw new UsageError('--dump-dot needs one thread; drop --workers')
  const { spec, module, bundle } = await loadSpec(p.positional[0])
  const { variant, params } = resolvedParams(spec, p)
  const info = { spec: spec.name, variant, params }
  const sys = compiledOrSpecError(spec, params, { executor, variant, ...(p.flags.has('symmetry') ? { symmetry: true } : {}), ...(p.flags.has('por') ? { por: true } : {}) },
    json ? m => `${JSON.stringify(specErrorReport(info, m))}\n` : undefined)
  if (sys === undefined) return Exit.specError
  if (liveness && (sys.model.liveness ?? []).length === 0) throw new UsageError(`spec ${spec.name} declares no liveness properties (a 'liveness' list on the model)`)
  const dot = dotFile === undefined ? undefined : new DotGraph(sys)
  const { result } = await runCheck(sys, {
    ...bounds,
    ...(p.flags.has('no-deadlock') ? { deadlock: false } : {}),
    ...(keepGoing ? { continue: true } : {}),
    ...(liveness ? { liveness: true } : {}),
    ...(p.flags.has('fingerprints') ? { exactWords: 0 } : {}),
    ...(dot ? { observers: [dot] } : {}),
  }, { show: true }, {
    workers: workersGiven ?? (liveness || dot ? 1 : defaultWorkers()),
    spec: { ...(bundle ? { module: bundle } : { name: spec.name }), params, ...(variant ? { variant } : {}), ...(p.flags.has('symmetry') ? { symmetry: true } : {}), ...(p.flags.has('por') ? { por: true } : {}) },
  })

  if (dot && dotFile && result.verdict !== 'incomplete') writeFileSync(dotFile, dot.render(spec.name))
  const shown = shownOf(result)
  const moduleFor = (dir: string) => (module === undefined ? {} : { specModule: relative(dir, module) || '.' })
  if (out !== undefined) {
    if (shown === undefined) process.stderr.write(`sptecheck: no counterexample to write to ${out} (verdict ${result.verdict})\n`)
    else writeFileSync(out, renderTrace(formatOfFile(out), { sys, ...moduleFor(dirname(out)) }, shown))
  }
  if (outDir !== undefined) writeTraceFiles(traceFiles('.', sys, result), outDir)

  if (json) process.stdout.write(`${JSON.stringify(jsonReport(sys.info, result))}\n`)
  else if (DOCUMENT_FORMATS.includes(format)) {
    // stdout holds the document alone, so `> trace.itf.json` and `> trace.html` work.
    if (shown !== undefined) process.stdout.write(renderTrace(format, { sys, ...moduleFor(process.cwd()) }, shown))
    process.stderr.write(`${summary({ sys }, result, 'text', false)}\n`)
  } else {
    process.stdout.write(`${summary({ sys }, result, format)}\n`)
  }
  return exitOf(result.verdict)
}

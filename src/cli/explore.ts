/**
 * `sptecheck explore <spec> [--variant V] [--set k=v ...]`: writes the state
 * explorer, one self-contained page with the compiled spec bundled in, and
 * the counterexamples it can jump to (stored ones of this configuration,
 * and with --check those a search finds now).
 */
import { existsSync, statSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Trace } from '../explorer/result.js'
import type { Counterexample } from '../report/html/explorePage.js'
import { exploreHtml } from '../report/html/exploreHtml.js'
import { units } from '../report/changes.js'
import type { TransitionSystem } from '../semantics/system.js'
import { compiledOrSpecError } from './compiledOrSpecError.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { loadSpec, specImport } from './load.js'
import { resolvedParams, writableFile } from './options.js'
import { runCheck } from './runCheck.js'
import { storedCounterexamples } from './storedCounterexamples.js'
import { orUsage, UsageError } from './usageError.js'

export const EXPLORE_FLAGS = { valued: ['variant', 'set', 'out', 'traces'], boolean: ['check'], repeat: ['set'] }

export async function exploreCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, EXPLORE_FLAGS))
  if (p.positional.length > 1) throw new UsageError(`explore takes one spec, got: ${p.positional.join(' ')}`)
  const tracesArg = p.values['traces']?.[0]
  if (tracesArg !== undefined && !(existsSync(tracesArg) && statSync(tracesArg).isDirectory())) {
    throw new UsageError(`--traces ${tracesArg}: no such folder`)
  }
  const loaded = await loadSpec(p.positional[0])
  const { spec } = loaded
  const { variant, params } = resolvedParams(spec, p)
  const out = writableFile('out', p.values['out']?.[0] ?? `${spec.name}${variant ? `-${variant}` : ''}.explore.html`)

  const sys = compiledOrSpecError(spec, params, { variant })
  if (sys === undefined) return Exit.specError
  const tracesDir = tracesArg ?? (existsSync('traces') && statSync('traces').isDirectory() ? 'traces' : undefined)
  const counterexamples = [
    ...(tracesDir === undefined ? [] : storedCounterexamples(resolve(tracesDir), sys, process.cwd())),
    ...(p.flags.has('check') ? await searched(sys) : []),
  ]

  let html: string
  try {
    html = await exploreHtml({
      spec: spec.name, description: spec.description, variant: variant ?? null, params, counterexamples,
      variables: [...new Set(units(sys, sys.initial()[0]!.state).map(u => u.variable))],
      specImport: specImport(loaded),
    })
  } catch (e) {
    const first = (e as { errors?: { text: string; location?: { file: string; line: number } | null }[] }).errors?.[0]
    if (first === undefined) throw e
    const where = first.location ? `${first.location.file}:${first.location.line}: ` : ''
    throw new UsageError(`spec ${spec.name} cannot run in a browser page: ${where}${first.text}`, Exit.specError)
  }
  writeFileSync(out, html)
  const n = counterexamples.length
  process.stdout.write(`wrote ${out}: the ${spec.name}${variant ? ` (${variant})` : ''} state explorer, ` +
    `${n === 0 ? 'no counterexample' : n === 1 ? 'one counterexample' : `${n} counterexamples`} to jump to.\nOpen it in a browser: ${pathToFileURL(out).href}\n`)
  return Exit.verified
}

/** Every violation (and a deadlock) a search of this configuration finds now, each with a shortest trace. */
async function searched(sys: TransitionSystem): Promise<Counterexample[]> {
  const { result } = await runCheck(sys, { continue: true }, { show: true })
  const path = (trace: Trace<unknown>) => {
    const first = sys.encode(trace[0]!.state)
    return {
      steps: trace.slice(1).map(s => ({ action: s.action, params: s.params })),
      init: Math.max(0, sys.initial().findIndex(i => i.words.every((w, j) => w === first[j]))),
    }
  }
  if (result.verdict === 'violated') {
    return result.violations.map(v => ({ property: v.property, kind: v.kind, description: v.description, from: 'search', ...path(v.trace) }))
  }
  if (result.verdict === 'deadlock') return [{ property: 'deadlock', kind: 'deadlock', description: 'a state where no action is enabled', from: 'search', ...path(result.trace) }]
  if (result.verdict === 'incomplete') process.stderr.write(`sptecheck: the search was incomplete (${result.reason}); the page offers what it found\n`)
  return []
}

/** One counterexample in each of the formats the CLI and traces/ offer. */
import { match } from 'ts-pattern'
import type { Trace, Violation } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { chartText } from './chart.js'
import { traceHtml } from './html/traceHtml.js'
import { toItf } from './itf.js'
import { mermaidMarkdown } from './mermaid.js'
import { traceText } from './text.js'

export type TraceFormat = 'text' | 'chart' | 'itf' | 'mermaid' | 'html'
export const TRACE_FORMATS: readonly TraceFormat[] = ['text', 'chart', 'itf', 'mermaid', 'html']
export const EXTENSION: Record<TraceFormat, string> = { text: '.txt', chart: '.chart.txt', itf: '.itf.json', mermaid: '.md', html: '.html' }
/** Formats that are one document each: on stdout they come alone, and the summary goes to stderr. */
export const DOCUMENT_FORMATS: readonly TraceFormat[] = ['itf', 'html']

export interface TraceContext<S> {
  readonly sys: TransitionSystem<S>
  /** Where the spec module is, as the ITF file should record it (specs loaded from a path). */
  readonly specModule?: string
}

/** A behaviour worth printing: a violation, a deadlock, or the behaviour up to a spec error. */
export type Shown<S> = Violation<S> | { kind: 'deadlock'; trace: Trace<S>; property?: undefined; description?: undefined; loop?: undefined; notes?: undefined }

/** What went wrong, in one line. */
export const headline = (v: Pick<Violation<unknown>, 'kind' | 'property' | 'trace' | 'loop'> | { kind: 'deadlock'; trace: Trace<unknown> }): string =>
  v.kind === 'deadlock' ? `Deadlock after ${v.trace.length - 1} steps`
    : v.kind === 'liveness' ? `Liveness property ${v.property} violated by a lasso: ${v.loop!.at} steps, then ${v.loop!.closing === undefined ? 'stuttering for ever' : `a loop of ${v.trace.length - v.loop!.at} step${v.trace.length - v.loop!.at === 1 ? '' : 's'} for ever`}`
    : `${v.kind === 'invariant' ? 'Invariant' : 'Property'} ${v.property} violated after ${v.trace.length - 1} steps`

export function renderTrace<S>(format: TraceFormat, ctx: TraceContext<S>, v: Shown<S>): string {
  const info = ctx.sys.info
  const title = `${info.spec}${info.variant ? ` (${info.variant})` : ''}: ${headline(v)}`
  const notes = v.notes?.length ? `${v.notes.map(n => `- ${n}`).join('\n')}\n` : ''
  const about = `${title}\n${v.description ? `${v.description}\n` : ''}${notes}`
  const loop = v.loop
  const closing = loop === undefined ? '' : loop.closing === undefined
    ? `\n(The last state stutters for ever: the behaviour stays there.)\n`
    : `\nThen ${ctx.sys.instances[loop.closing]!.label}${ctx.sys.instances[loop.closing]!.actor ? ` [${ctx.sys.instances[loop.closing]!.actor}]` : ''} leads back to state ${loop.at + 1}, and the loop repeats for ever.\n`
  return match(format)
    .with('text', () => `${about}\n${traceText(ctx.sys, v.trace, loop?.at)}${closing}`)
    .with('chart', () => `${about}\n${chartText(ctx.sys, v.trace, loop?.at)}\n${closing}\n=> ${headline(v)}\n`)
    .with('mermaid', () => mermaidMarkdown(ctx.sys, v.trace, title, v.description ? `${headline(v)}: ${v.description}` : headline(v), loop?.at))
    .with('html', () => traceHtml({
      sys: ctx.sys, trace: v.trace, headline: headline(v), ...(loop === undefined ? {} : { loop: loop.at }),
      ...(loop?.closing !== undefined ? { closing: ctx.sys.instances[loop.closing]!.label } : {}), ...(v.notes?.length ? { notes: v.notes } : {}),
      broken: v.kind === 'deadlock' ? { name: 'deadlock', kind: 'deadlock', description: '' } : { name: v.property, kind: v.kind, description: v.description },
    }))
    .with('itf', () => `${JSON.stringify(toItf(ctx.sys, v.trace, {
      spec: info.spec, ...(ctx.specModule ? { specModule: ctx.specModule } : {}), variant: info.variant ?? null, params: info.params,
      status: v.kind === 'deadlock' ? 'deadlock' : 'violation',
      ...(v.property ? { property: v.property, propertyKind: v.kind as 'invariant' | 'property' | 'liveness', propertyDescription: v.description } : {}),
      ...(loop?.closing !== undefined ? { closingAction: ctx.sys.instances[loop.closing]!.action.name, closingParams: ctx.sys.instances[loop.closing]!.params } : {}),
    }, loop?.at), null, 1)}\n`)
    .exhaustive()
}

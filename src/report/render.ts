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
export type Shown<S> = Violation<S> | { kind: 'deadlock'; trace: Trace<S>; property?: undefined; description?: undefined }

/** What went wrong, in one line. */
export const headline = (v: Pick<Violation<unknown>, 'kind' | 'property' | 'trace'> | { kind: 'deadlock'; trace: Trace<unknown> }): string =>
  v.kind === 'deadlock' ? `Deadlock after ${v.trace.length - 1} steps`
    : `${v.kind === 'invariant' ? 'Invariant' : 'Property'} ${v.property} violated after ${v.trace.length - 1} steps`

/** `loop`, for a lasso, is the index of the state where the loop starts (the steps after it repeat forever). */
export function renderTrace<S>(format: TraceFormat, ctx: TraceContext<S>, v: Shown<S>, loop?: number): string {
  const info = ctx.sys.info
  const title = `${info.spec}${info.variant ? ` (${info.variant})` : ''}: ${headline(v)}`
  const about = v.description ? `${title}\n${v.description}\n` : `${title}\n`
  return match(format)
    .with('text', () => `${about}\n${traceText(ctx.sys, v.trace, loop)}`)
    .with('chart', () => `${about}\n${chartText(ctx.sys, v.trace, loop)}\n\n=> ${headline(v)}\n`)
    .with('mermaid', () => mermaidMarkdown(ctx.sys, v.trace, title, v.description ? `${headline(v)}: ${v.description}` : headline(v), loop))
    .with('html', () => traceHtml({
      sys: ctx.sys, trace: v.trace, headline: headline(v), ...(loop === undefined ? {} : { loop }),
      broken: v.kind === 'deadlock' ? { name: 'deadlock', kind: 'deadlock', description: '' } : { name: v.property, kind: v.kind, description: v.description },
    }))
    .with('itf', () => `${JSON.stringify(toItf(ctx.sys, v.trace, {
      spec: info.spec, ...(ctx.specModule ? { specModule: ctx.specModule } : {}), variant: info.variant ?? null, params: info.params,
      status: v.kind === 'deadlock' ? 'deadlock' : 'violation',
      ...(v.property ? { property: v.property, propertyKind: v.kind as 'invariant' | 'property', propertyDescription: v.description } : {}),
    }, loop), null, 1)}\n`)
    .exhaustive()
}

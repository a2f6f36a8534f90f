/** One counterexample in each of the formats the CLI and traces/ offer. */
import { match } from 'ts-pattern'
import type { Codec } from '../model/codec.js'
import type { Model, ParamValues } from '../model/spec.js'
import type { Trace, Violation } from '../explorer/result.js'
import { chartText } from './chart.js'
import { toItf } from './itf.js'
import { mermaidMarkdown } from './mermaid.js'
import { traceText } from './text.js'

export type TraceFormat = 'text' | 'chart' | 'itf' | 'mermaid'
export const TRACE_FORMATS: readonly TraceFormat[] = ['text', 'chart', 'itf', 'mermaid']
export const EXTENSION: Record<TraceFormat, string> = { text: '.txt', chart: '.chart.txt', itf: '.itf.json', mermaid: '.md' }

export interface TraceContext<S> {
  readonly spec: string
  readonly variant: string | undefined
  readonly params: ParamValues
  readonly model: Model<S>
  readonly codec: Codec<S>
}

/** What went wrong, in one line. */
export const headline = (v: Pick<Violation<unknown>, 'kind' | 'property' | 'trace'> | { kind: 'deadlock'; trace: Trace<unknown> }): string =>
  v.kind === 'deadlock' ? `Deadlock after ${v.trace.length - 1} steps`
    : `${v.kind === 'invariant' ? 'Invariant' : 'Property'} ${v.property} violated after ${v.trace.length - 1} steps`

export function renderTrace<S>(
  format: TraceFormat, ctx: TraceContext<S>,
  v: Violation<S> | { kind: 'deadlock'; trace: Trace<S>; property?: undefined; description?: undefined },
): string {
  const title = `${ctx.spec}${ctx.variant ? ` (${ctx.variant})` : ''}: ${headline(v)}`
  const about = v.description ? `${title}\n${v.description}\n` : `${title}\n`
  const byName = new Map(ctx.model.actions.map(a => [a.name, a]))
  return match(format)
    .with('text', () => `${about}\n${traceText(ctx.model, ctx.codec, v.trace)}`)
    .with('chart', () => `${about}\n${chartText(ctx.model, ctx.codec, v.trace)}\n\n=> ${headline(v)}\n`)
    .with('mermaid', () => mermaidMarkdown(ctx.model, ctx.codec, v.trace, title, v.description ? `${headline(v)}: ${v.description}` : headline(v)))
    .with('itf', () => `${JSON.stringify(toItf(ctx.model.vars, v.trace, {
      spec: ctx.spec, variant: ctx.variant ?? null, params: ctx.params,
      status: v.kind === 'deadlock' ? 'deadlock' : 'violation',
      ...(v.property ? { property: v.property, propertyKind: v.kind as 'invariant' | 'property', propertyDescription: v.description } : {}),
    }, i => (i === 0 ? undefined : byName.get(v.trace[i]!.action)?.actor?.(v.trace[i]!.params as never))), null, 1)}\n`)
    .exhaustive()
}

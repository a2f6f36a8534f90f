/** The human summary of a check: verdict, counterexamples, counts and coverage. */
import { match } from 'ts-pattern'
import type { CheckResult, Stats } from '../explorer/result.js'
import type { ParamValues } from '../model/spec.js'
import { renderTrace, type TraceContext, type TraceFormat } from './render.js'

export const showParams = (p: ParamValues): string => Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(' ')

export function summary<S>(ctx: TraceContext<S>, r: CheckResult<S>, format: TraceFormat = 'text'): string {
  const head = `${ctx.spec}${ctx.variant ? ` (variant ${ctx.variant})` : ''}: ${showParams(ctx.params)}`
  const body = match(r)
    .with({ verdict: 'verified' }, () => 'Verified: no property is violated in any reachable state (the search was exhaustive for these bounds).')
    .with({ verdict: 'violated' }, v => [
      v.violations.length === 1
        ? `Violated: ${v.property}. ${v.description}`
        : `Violated: ${v.violations.map(x => x.property).join(', ')} (each with a shortest trace below).`,
      ...(v.exhaustive || v.violations.length === 1 ? [] : ['The search was cut short: other properties may be violated too.']),
      ...v.violations.map(x => renderTrace(format, ctx, x)),
    ].join('\n\n'))
    .with({ verdict: 'deadlock' }, v => `Deadlock: a reachable state where no action is enabled.\n\n${renderTrace(format, ctx, { kind: 'deadlock', trace: v.trace })}`)
    .with({ verdict: 'incomplete' }, v => `Incomplete: ${v.reason}. Nothing is proved beyond the states explored.`)
    .with({ verdict: 'spec-error' }, v => `Spec error: ${v.message}${v.trace ? `\n\nThe behaviour up to the error:\n\n${renderTrace('text', ctx, { kind: 'deadlock', trace: v.trace }).split('\n').slice(2).join('\n')}` : ''}`)
    .exhaustive()
  return [head, body, statsText(r.stats)].join('\n\n')
}

export function statsText(s: Stats): string {
  const lines = [
    `${s.distinctStates.toLocaleString('en')} distinct states, ${s.transitions.toLocaleString('en')} transitions, depth ${s.depth}, ` +
      `${s.queue.toLocaleString('en')} left on the queue, ${(s.elapsedMs / 1000).toFixed(2)} s.`,
    `Out-degree ${s.outDegreeMin}..${s.outDegreeMax}. ` +
      (s.collisionProbability === 0 ? 'Seen set exact (no fingerprint collision possible).' : `Fingerprint collision probability ${s.collisionProbability.toExponential(1)}.`),
    'Coverage (distinct:generated per action):',
    ...s.actions.map(a => `  ${a.name.padEnd(24)} ${a.distinct}:${a.generated}`),
  ]
  const never = s.actions.filter(a => a.generated === 0).map(a => a.name)
  if (never.length > 0) lines.push(`Warning: never enabled: ${never.join(', ')}`)
  return lines.join('\n')
}

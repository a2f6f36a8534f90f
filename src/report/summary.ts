/** The human summary of a check: verdict, counts, coverage, and the counterexample. */
import { match } from 'ts-pattern'
import type { CheckResult, Stats } from '../explorer/result.js'
import type { Codec } from '../model/codec.js'
import type { Model, ParamValues } from '../model/spec.js'
import { traceText } from './text.js'

export interface RunInfo {
  readonly spec: string
  readonly variant: string | undefined
  readonly params: ParamValues
}

export const showParams = (p: ParamValues): string => Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(' ')

export function summary<S>(info: RunInfo, model: Model<S>, codec: Codec<S>, r: CheckResult<S>, traceBody?: string): string {
  const head = `${info.spec}${info.variant ? ` (variant ${info.variant})` : ''}: ${showParams(info.params)}`
  const body = traceBody ?? ('trace' in r && r.trace ? traceText(model, codec, r.trace) : '')
  const verdict = match(r)
    .with({ verdict: 'verified' }, () => 'Verified: no property is violated in any reachable state (the search was exhaustive).')
    .with({ verdict: 'violated', kind: 'invariant' }, v => `Invariant ${v.property} is violated after ${v.trace.length - 1} steps.\n  ${v.description}\nThe behaviour up to this point is:\n\n${body}`)
    .with({ verdict: 'violated', kind: 'property' }, v => `Property ${v.property} is violated by step ${v.trace.length - 1}.\n  ${v.description}\nThe behaviour up to this point is:\n\n${body}`)
    .with({ verdict: 'deadlock' }, v => `Deadlock reached after ${v.trace.length - 1} steps: no action is enabled.\nThe behaviour up to this point is:\n\n${body}`)
    .with({ verdict: 'incomplete' }, v => `Incomplete: ${v.reason}. Nothing is proved beyond the states explored.`)
    .with({ verdict: 'spec-error' }, v => `Spec error: ${v.message}${v.trace ? `\nThe behaviour up to the error:\n\n${body}` : ''}`)
    .exhaustive()
  return [head, verdict, statsText(r.stats)].join('\n')
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

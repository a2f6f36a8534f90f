/** The human summary of a check: verdict, counterexamples, counts and coverage. */
import { match } from 'ts-pattern'
import type { CheckResult, Stats } from '../explorer/result.js'
import type { ParamValues } from '../model/spec.js'
import { renderTrace, type TraceContext, type TraceFormat } from './render.js'

export const showParams = (p: ParamValues): string => Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(' ')

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`

/** The verdict and its counterexamples; `traces: false` leaves the traces out (they went elsewhere). */
export function summary<S>(ctx: TraceContext<S>, r: CheckResult<S>, format: TraceFormat = 'text', traces = true): string {
  const info = ctx.sys.info
  const head = `${info.spec}${info.variant ? ` (variant ${info.variant})` : ''}: ${showParams(info.params)}`
  const live = (r.verdict === 'verified' || r.verdict === 'violated') && r.liveness ? r : undefined
  const livenessLine = live?.liveness ? `Liveness, assuming ${live.fairness?.length ? live.fairness.join(', ') : 'no fairness (a behaviour may stop anywhere)'}: ` +
    `${live.liveness.map(l => `${l.property} ${l.verdict}`).join('; ')}.` : undefined
  const body = match(r)
    .with({ verdict: 'verified' }, () => [`Verified: no property is violated in any reachable state (the search was exhaustive for these bounds${r.stats.exact ? '' : ', up to the fingerprint collision probability below'}).`,
      ...(livenessLine ? [livenessLine] : [])].join('\n'))
    .with({ verdict: 'violated' }, v => [
      ...(livenessLine ? [livenessLine] : []),
      v.violations.length === 1
        ? `Violated: ${v.property}. ${v.description}`
        : `Violated: ${v.violations.map(x => x.property).join(', ')} (each with a shortest trace below).`,
      ...(v.exhaustive || v.violations.length === 1 ? [] : [`The search was cut short${v.reason ? ` (${v.reason})` : ''}: other properties may be violated too.`]),
      ...(traces ? v.violations.map(x => renderTrace(format, ctx, x)) : []),
    ].join('\n\n'))
    .with({ verdict: 'deadlock' }, v => `Deadlock: a reachable state where no action is enabled.${traces ? `\n\n${renderTrace(format, ctx, { kind: 'deadlock', trace: v.trace })}` : ''}`)
    .with({ verdict: 'incomplete' }, v => `Incomplete: ${v.reason}. Nothing is proved beyond the states explored.`)
    .with({ verdict: 'spec-error' }, v => `Spec error: ${v.message}${v.trace && traces ? `\n\nThe behaviour up to the error:\n\n${renderTrace('text', ctx, { kind: 'deadlock', trace: v.trace }).split('\n').slice(2).join('\n')}` : ''}`)
    .exhaustive()
  return [head, body, statsText(r.stats)].join('\n\n')
}

export function statsText(s: Stats): string {
  const lines = [
    `${s.distinctStates.toLocaleString('en')} distinct states, ${s.transitions.toLocaleString('en')} transitions, depth ${s.depth}, ` +
      `${s.queue.toLocaleString('en')} left on the queue, ${(s.elapsedMs / 1000).toFixed(2)} s${s.workers !== undefined && s.workers > 1 ? ` on ${s.workers} threads` : ''}, ${mib(s.memoryBytes)} resident.`,
    `Out-degree ${s.outDegreeMin}..${s.outDegreeMax}. ` +
      (s.exact ? 'States stored whole: exact (no two distinct states can be confused).' : `States stored as 64-bit fingerprints: collision probability ${s.collisionProbability.toExponential(1)}.`) +
      (s.symmetry.length > 0 ? ` Symmetry: one state per orbit of ${s.symmetry.join(', ')}; the counts are of orbits, the traces real behaviours.` : '') +
      (s.por === undefined ? ''
        : s.por.candidates === 0 ? ' Partial-order reduction: no action instance can be in an ample set (no footprints declare one independent and invisible), so this was the plain search.'
        : ` Partial-order reduction: ${s.por.reduced.toLocaleString('en')} states expanded by an ample set (${s.por.candidates} action instances can be ample); a trace is shortest in the reduced graph, not always in the real one (rerun without --por for a shortest).`),
    'Coverage (distinct:generated per action):',
    ...s.actions.map(a => `  ${a.name.padEnd(24)} ${a.distinct}:${a.generated}`),
  ]
  const never = s.actions.filter(a => a.generated === 0).map(a => a.name)
  if (never.length > 0) lines.push(`Warning: never enabled: ${never.join(', ')}`)
  return lines.join('\n')
}

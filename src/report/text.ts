/**
 * The counterexample as text, TLC's shape: numbered states, each headed by
 * the action, its parameters and the function it models, then only the
 * variables that changed (every variable for the initial state).
 */
import type { Codec } from '../model/codec.js'
import type { Model } from '../model/spec.js'
import { showInstance } from '../explorer/instances.js'
import type { Trace } from '../explorer/result.js'
import { changes, units } from './changes.js'

export function traceText<S>(model: Model<S>, codec: Codec<S>, trace: Trace<S>): string {
  const byName = new Map(model.actions.map(a => [a.name, a]))
  const lines: string[] = []
  trace.forEach((step, k) => {
    const a = byName.get(step.action)
    const actor = a?.actor ? `[${a.actor(step.params as never)}] ` : ''
    const head = k === 0 ? 'Initial state' : `${actor}${showInstance(step.action, step.params)}`
    lines.push(`State ${k + 1}: <${head}>${a?.source ? `    -- ${a.source}` : ''}`)
    const vars = k === 0 ? units(model, codec, step.state) : changes(model, codec, trace[k - 1]!.state, step.state)
    if (vars.length === 0) lines.push('   (no variable changed)')
    for (const c of vars) lines.push(`/\\ ${c.path} = ${c.value}`)
    lines.push('')
  })
  return lines.join('\n')
}

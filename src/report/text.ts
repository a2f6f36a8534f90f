/**
 * The counterexample as text, TLC's shape: numbered states, each headed by
 * the action, its parameters and the function it models, then only the
 * variables that changed (every variable for the initial state).
 */
import type { Trace } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { changes, units } from './changes.js'

export function traceText<S>(sys: TransitionSystem<S>, trace: Trace<S>, loopAt?: number): string {
  const lines: string[] = []
  trace.forEach((step, k) => {
    const inst = sys.instances[step.instance]
    const actor = inst?.actor ? `[${inst.actor}] ` : ''
    const head = k === 0 ? 'Initial state' : `${actor}${inst?.label ?? step.action}`
    if (loopAt === k) lines.push('--- the loop starts here: the states below repeat forever ---', '')
    lines.push(`State ${k + 1}: <${head}>${inst?.action.source ? `    -- ${inst.action.source}` : ''}`)
    const vars = k === 0 ? units(sys, step.state) : changes(sys, trace[k - 1]!.state, step.state)
    if (vars.length === 0) lines.push('   (no variable changed)')
    for (const c of vars) lines.push(`/\\ ${c.path} = ${c.value}`)
    lines.push('')
  })
  return lines.join('\n')
}

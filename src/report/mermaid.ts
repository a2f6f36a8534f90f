/**
 * A counterexample as a Mermaid sequence diagram inside Markdown, so it
 * renders on any code host. Steps that change an observer's variables (the
 * TDX module's S-EPT) are drawn as a call to it and its answer; other steps
 * are notes over the thread that takes them.
 */
import type { Trace } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { chartRows } from './chart.js'

const id = (column: string) => column.replace(/[^A-Za-z0-9]/g, '') || 'X'
/** Mermaid reads ';' and '#' specially in message text. */
const clean = (text: string) => text.replace(/;/g, ',').replace(/#/g, 'no. ')

export function mermaidMarkdown<S>(sys: TransitionSystem<S>, trace: Trace<S>, title: string, verdict: string, loopAt?: number): string {
  const { columns, rows } = chartRows(sys, trace)
  const observers = new Set((sys.model.view?.observers ?? []).map(o => o.column))
  const lines = ['```mermaid', 'sequenceDiagram']
  for (const c of columns) lines.push(`    participant ${id(c)} as ${c}`)
  const first = columns[0]
  const last = columns[columns.length - 1]
  for (const r of rows) {
    if (loopAt !== undefined && r.step === loopAt + 1 && first !== undefined && last !== undefined) {
      lines.push(`    Note over ${id(first)},${id(last)}: loop: the steps below repeat forever`)
    }
    const own = r.cells.get(r.actor) ?? trace[r.step]!.action
    const called = [...r.cells].filter(([c]) => observers.has(c) && c !== r.actor)
    if (called.length === 0) { lines.push(`    Note over ${id(r.actor)}: ${r.step}. ${clean(own)}`); continue }
    for (const [obs, effect] of called) {
      lines.push(`    ${id(r.actor)}->>${id(obs)}: ${r.step}. ${clean(own)}`)
      lines.push(`    ${id(obs)}-->>${id(r.actor)}: ${clean(effect)}`)
    }
  }
  if (first !== undefined && last !== undefined) lines.push(`    Note over ${id(first)},${id(last)}: ${clean(verdict)}`)
  lines.push('```')
  return `# ${title}\n\n${verdict}\n\n${lines.join('\n')}\n`
}

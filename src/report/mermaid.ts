/**
 * A counterexample as a Mermaid sequence diagram inside Markdown, so it
 * renders on any code host. Steps that change an observer's variables (the
 * TDX module's S-EPT) are drawn as a call to it and its answer; other steps
 * are notes over the thread that takes them.
 */
import type { Codec } from '../model/codec.js'
import type { Model } from '../model/spec.js'
import type { Trace } from '../explorer/result.js'
import { chartRows } from './chart.js'

const id = (column: string) => column.replace(/[^A-Za-z0-9]/g, '') || 'X'
/** Mermaid reads ';' and '#' specially in message text. */
const clean = (text: string) => text.replace(/;/g, ',').replace(/#/g, 'no. ')

export function mermaidMarkdown<S>(model: Model<S>, codec: Codec<S>, trace: Trace<S>, title: string, verdict: string): string {
  const { columns, rows } = chartRows(model, codec, trace)
  const observers = new Set((model.display?.observers ?? []).map(o => o.column))
  const byName = new Map(model.actions.map(a => [a.name, a]))
  const lines = ['```mermaid', 'sequenceDiagram']
  for (const c of columns) lines.push(`    participant ${id(c)} as ${c}`)
  for (const r of rows) {
    const step = trace[r.step]!
    const actor = byName.get(step.action)?.actor?.(step.params as never) ?? 'spec'
    const own = r.cells.get(actor) ?? step.action
    const called = [...r.cells].filter(([c]) => observers.has(c) && c !== actor)
    if (called.length === 0) { lines.push(`    Note over ${id(actor)}: ${r.step}. ${clean(own)}`); continue }
    for (const [obs, effect] of called) {
      lines.push(`    ${id(actor)}->>${id(obs)}: ${r.step}. ${clean(own)}`)
      lines.push(`    ${id(obs)}-->>${id(actor)}: ${clean(effect)}`)
    }
  }
  const first = columns[0]
  const last = columns[columns.length - 1]
  if (first !== undefined && last !== undefined) lines.push(`    Note over ${id(first)},${id(last)}: ${clean(verdict)}`)
  lines.push('```')
  return `# ${title}\n\n${verdict}\n\n${lines.join('\n')}\n`
}

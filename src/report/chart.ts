/**
 * An interleaving chart: one column per thread (plus observers such as the TDX
 * module where they act), time downwards, as kernel developers draw races in
 * changelogs.
 */
import type { Trace } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'
import { changes } from './changes.js'

/** One thing a step did in one column: what the thread did, or a variable it changed there. */
export interface ChartPart {
  readonly text: string
  /** The top-level variable a change is to (a page that hides the variable hides the change too). */
  readonly variable?: string
}

export interface ChartRow {
  readonly step: number
  /** The column of the thread taking the step. */
  readonly actor: string
  /** Column -> what happened there in this step. */
  readonly cells: ReadonlyMap<string, string>
  /** The same, part by part. */
  readonly parts: ReadonlyMap<string, readonly ChartPart[]>
}

/** The chart as data: its columns and, per step, the text in each column it touches. */
export function chartRows<S>(sys: TransitionSystem<S>, trace: Trace<S>): { columns: string[]; rows: ChartRow[] } {
  const view = sys.model.view ?? {}
  const observers = view.observers ?? []
  const hidden = new Set(view.hideInChart ?? [])
  const observerOf = new Map(observers.flatMap(o => o.vars.map(v => [v, o.column] as const)))
  const narrate: Readonly<Record<string, ((s: S, p: any, n: S) => string) | undefined>> = view.narrate ?? {}
  const calls: Readonly<Record<string, string | undefined>> = view.calls ?? {}
  const seen = new Set<string>()
  const rows: ChartRow[] = []
  for (let k = 1; k < trace.length; k++) {
    const step = trace[k]!
    const inst = sys.instances[step.instance]
    const actor = inst?.actor ?? 'spec'
    const cells = new Map<string, ChartPart[]>()
    const put = (col: string, text: string, variable?: string) => {
      seen.add(col)
      ;(cells.get(col) ?? cells.set(col, []).get(col)!).push(variable === undefined ? { text } : { text, variable })
    }
    const params = Object.entries(step.params).filter(([, v]) => typeof v !== 'boolean' || v).map(([p, v]) => `${p}=${String(v)}`)
    put(actor, narrate[step.action]?.(trace[k - 1]!.state, step.params, step.state) ?? `${step.action}${params.length ? ` ${params.join(' ')}` : ''}`)
    for (const c of changes(sys, trace[k - 1]!.state, step.state)) {
      if (hidden.has(c.variable)) continue
      put(observerOf.get(c.variable) ?? actor, `${c.path} := ${c.value}`, c.variable)
    }
    const callee = calls[step.action]
    if (callee !== undefined && !cells.has(callee)) put(callee, '(no change)')
    rows.push({ step: k, actor, parts: cells, cells: new Map([...cells].map(([col, t]) => [col, t.map(x => x.text).join('; ')])) })
  }
  const declared = [...(view.columns ?? []), ...observers.map(o => o.column)]
  const columns = [...declared.filter(c => seen.has(c)), ...[...seen].filter(c => !declared.includes(c)).sort()]
  return { columns, rows }
}

/** The chart as fixed-width text; long cells wrap inside their column. */
export function chartText<S>(sys: TransitionSystem<S>, trace: Trace<S>, loopAt?: number, width = 34): string {
  const { columns, rows } = chartRows(sys, trace)
  const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - s.length))
  const line = (step: string, cells: string[]) => `${pad(step, 5)}${cells.map(c => pad(c, width)).join('  ')}`.trimEnd()
  const out = [line('step', columns), line('----', columns.map(() => '-'.repeat(width)))]
  for (const r of rows) {
    if (loopAt !== undefined && r.step === loopAt + 1) out.push(`---- loop: from the state after step ${loopAt}, the steps below repeat forever ----`)
    const wrapped = columns.map(c => wrap(r.cells.get(c) ?? '', width))
    const height = Math.max(...wrapped.map(w => w.length))
    for (let i = 0; i < height; i++) out.push(line(i === 0 ? String(r.step) : '', wrapped.map(w => w[i] ?? '')))
  }
  return out.join('\n')
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let cur = ''
  for (const word of text.split(' ')) {
    if (cur.length > 0 && cur.length + 1 + word.length > width) { lines.push(cur); cur = '' }
    cur = cur.length === 0 ? word : `${cur} ${word}`
    while (cur.length > width) { lines.push(cur.slice(0, width)); cur = cur.slice(width) }
  }
  if (cur.length > 0 || lines.length === 0) lines.push(cur)
  return lines
}

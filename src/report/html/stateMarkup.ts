/**
 * A whole state as HTML, grouped by variable, with what the step changed
 * marked (and its old value in the tooltip). Arrays of records (the threads)
 * become small tables, a field per row and an element per column, which
 * stays narrow while the elements are few.
 */
import { esc } from './escape.js'
import type { TraceView } from './traceView.js'

export interface StateOptions {
  /** Variables left out. */
  readonly hidden?: ReadonlySet<string>
  /** Only the values this step changed (every value of the initial state). */
  readonly onlyChanged?: boolean
}

interface Entry { readonly i: number; readonly rest: string }

export function stateMarkup(v: TraceView, k: number, o: StateOptions = {}): string {
  const now = v.steps[k]!.values
  const before = k > 0 ? v.steps[k - 1]!.values : undefined
  const changed = (i: number) => before !== undefined && before[i] !== now[i]
  const keep = (i: number) => !o.onlyChanged || before === undefined || changed(i)
  const value = (i: number) => changed(i)
    ? `<span class="v chg" title="was ${esc(before![i]!)}">${esc(now[i]!)}</span>`
    : `<span class="v">${esc(now[i]!)}</span>`

  const groups = new Map<string, Entry[]>()
  v.units.forEach((u, i) => {
    if (o.hidden?.has(u.variable)) return
    ;(groups.get(u.variable) ?? groups.set(u.variable, []).get(u.variable)!).push({ i, rest: u.path.slice(u.variable.length) })
  })
  const out: string[] = []
  for (const [name, entries] of groups) {
    const body = variableMarkup(entries, keep, value)
    if (body === undefined) continue
    const mark = entries.some(e => changed(e.i)) ? ' chg' : ''
    out.push(`<tr class="var${mark}" data-var="${esc(name)}"><th scope="row">${esc(name)}</th><td>${body}</td></tr>`)
  }
  if (out.length === 0) return `<p class="none">${o.onlyChanged ? 'Nothing shown changed in this step.' : 'Every variable is hidden.'}</p>`
  return `<table class="state"><tbody>${out.join('')}</tbody></table>`
}

/** One variable's values; undefined when none is to be shown. */
function variableMarkup(entries: readonly Entry[], keep: (i: number) => boolean, value: (i: number) => string): string | undefined {
  if (entries.length === 1 && entries[0]!.rest === '') return keep(entries[0]!.i) ? value(entries[0]!.i) : undefined
  const indexed = entries.map(e => /^\[(\d+)\]\.?(.*)$/.exec(e.rest))
  if (indexed.every(m => m !== null)) {
    const cells = entries.map((e, n) => ({ ...e, index: indexed[n]![1]!, field: indexed[n]![2]! }))
    if (cells.every(c => c.field === '')) {
      const shown = cells.filter(c => keep(c.i))
      return shown.length === 0 ? undefined
        : `<span class="list">${shown.map(c => `<span class="item"><span class="ix">[${c.index}]</span> ${value(c.i)}</span>`).join('')}</span>`
    }
    // A field per row, an element per column.
    const indices = [...new Set(cells.map(c => c.index))]
    const fields = [...new Set(cells.map(c => c.field))].filter(f => cells.some(c => c.field === f && keep(c.i)))
    if (fields.length === 0) return undefined
    const at = new Map(cells.map(c => [`${c.index}|${c.field}`, c.i]))
    const head = `<tr><th></th>${indices.map(x => `<th scope="col" class="ix">[${x}]</th>`).join('')}</tr>`
    const rows = fields.map(f => `<tr><th scope="row" class="f">${esc(f)}</th>${indices.map(x => {
      const i = at.get(`${x}|${f}`)
      return `<td>${i === undefined ? '' : value(i)}</td>`
    }).join('')}</tr>`)
    return `<table class="grid">${head}${rows.join('')}</table>`
  }
  const shown = entries.filter(e => keep(e.i))
  return shown.length === 0 ? undefined
    : `<span class="list">${shown.map(e => `<span class="item"><span class="f">${esc(e.rest.replace(/^\./, ''))}</span> ${value(e.i)}</span>`).join('')}</span>`
}

/**
 * The interleaving chart as HTML: a lane per thread (and per observer, such
 * as the TDX module), time downwards, as kernel changelogs draw races. The
 * same markup serves the static page (readable and printable without
 * JavaScript) and the browser's redraws.
 */
import type { ChartPart } from '../chart.js'
import { esc } from './escape.js'
import type { StepView, TraceView } from './traceView.js'

export interface ChartOptions {
  /** Variables whose changes are left out. */
  readonly hidden?: ReadonlySet<string>
  readonly selected?: number
  /** Steps after this one are a path not taken yet (the explorer's forward history): drawn faint. */
  readonly reached?: number
}

export function chartMarkup(v: TraceView, o: ChartOptions = {}): string {
  const n = v.lanes.length
  const wide = (cls: string, mark: string, html: string) => `<tr class="${cls}"><td class="n">${mark}</td><td colspan="${n}">${html}</td></tr>`
  const rows: string[] = []
  v.steps.forEach((st, k) => {
    if (v.loop !== undefined && k === v.loop + 1) {
      rows.push(wide('loopmark', '↻', `<b>loop</b>: from here the steps repeat forever, back to the state after step ${v.loop}`))
    }
    const cls = ['step', k === 0 && 'init', k === o.selected && 'sel', o.reached !== undefined && k > o.reached && 'ahead',
      v.loop !== undefined && k > v.loop && 'inloop', v.broken?.at === k && 'breaks'].filter(Boolean).join(' ')
    const cells = k === 0 ? `<td colspan="${n}" class="initcell">initial state</td>` : laneCells(v.lanes, st, o.hidden)
    rows.push(`<tr class="${cls}" data-step="${k}"><td class="n">${k}</td>${cells}</tr>`)
    if (v.broken?.at === k) rows.push(wide('brokenrow', '✗', brokenLine(v)))
  })
  if (v.loop !== undefined) {
    rows.push(wide('loopmark', '↻', v.loop === v.steps.length - 1 && v.closing === undefined
      ? '<b>stutters</b>: the behaviour stays in this last state forever'
      : `${v.closing === undefined ? 'stays' : `then <span class="mono">${esc(v.closing)}</span> leads`} back to the state after step ${v.loop}, forever`))
  }
  const head = `<thead><tr><th class="n" scope="col">step</th>${v.lanes.map(l => `<th scope="col">${esc(l)}</th>`).join('')}</tr></thead>`
  return `<table class="chart lanes-${n}">${head}<tbody>${rows.join('')}</tbody></table>`
}

function brokenLine(v: TraceView): string {
  const b = v.broken!
  const what = b.kind === 'deadlock' ? '<b>Deadlock</b>: no action is enabled here'
    : b.kind === 'liveness' ? `Liveness property <b class="mono">${esc(b.name)}</b> is violated by this behaviour, which goes round its loop forever`
    : `${b.kind === 'invariant' ? 'Invariant' : 'Property'} <b class="mono">${esc(b.name)}</b> ${b.kind === 'invariant' ? 'fails in this state' : 'is violated by this step'}`
  return `${what}${b.description ? `: ${esc(b.description)}` : ''}`
}

/** One cell per lane: the acting thread's, the lanes it acts in (a call into the TDX module), and the connector between them. */
function laneCells(lanes: readonly string[], st: StepView, hidden: ReadonlySet<string> = new Set()): string {
  const shown = (parts: readonly ChartPart[] = []) => parts.filter(p => p.variable === undefined || !hidden.has(p.variable))
  const actorAt = lanes.indexOf(st.actor ?? '')
  const touched = lanes.map((l, j) => j !== actorAt && shown(st.lanes[l]).length > 0)
  return lanes.map((lane, j) => {
    if (j === actorAt) return `<td class="lane actor">${actorCell(st, shown(st.lanes[lane]))}</td>`
    if (touched[j]) {
      const side = j > actorAt ? 'from-left' : 'from-right'
      return `<td class="lane touched ${side}">${shown(st.lanes[lane]).map(p => partLine(p)).join('')}</td>`
    }
    const between = actorAt >= 0 && touched.some((t, x) => t && Math.min(x, actorAt) < j && j < Math.max(x, actorAt))
    return `<td class="lane${between ? ' via' : ''}"></td>`
  }).join('')
}

function actorCell(st: StepView, parts: readonly ChartPart[]): string {
  // Without a narration the chart's text is the action and its parameters, which the label already says.
  const say = st.narrated ? parts.filter(p => p.variable === undefined).map(partLine).join('') : ''
  const changes = parts.filter(p => p.variable !== undefined).map(partLine).join('')
  const src = st.source ? `<div class="src" title="${esc(st.source)}">${esc(st.source)}</div>` : ''
  return `${say}<div class="act">${esc(st.label)}</div>${changes}${src}`
}

const partLine = (p: ChartPart): string =>
  p.variable === undefined ? `<div class="say">${esc(p.text)}</div>` : `<div class="chg">${esc(p.text)}</div>`

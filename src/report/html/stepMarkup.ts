/**
 * What one step is, for the panel beside the chart: the thread, the action
 * with its parameters, the kernel function it models, and, at the step that
 * breaks it, the property with its description and rationale.
 */
import { esc } from './escape.js'
import type { TraceView } from './traceView.js'

export function stepMarkup(v: TraceView, k: number): string {
  const st = v.steps[k]!
  const last = v.steps.length - 1
  const out: string[] = []
  if (k === 0) {
    out.push(`<p class="where">State 0 of ${last}</p>`, '<h2>Initial state</h2>')
  } else {
    out.push(`<p class="where">Step ${k} of ${last}${st.actor ? ` · <span class="lanename">${esc(st.actor)}</span>` : ''}</p>`)
    out.push(`<h2 class="mono">${esc(st.label)}</h2>`)
    const say = st.narrated ? st.lanes[st.actor ?? '']?.find(p => p.variable === undefined)?.text : undefined
    if (say) out.push(`<p class="say mono">${esc(say)}</p>`)
    if (st.source) out.push(`<p class="models"><span class="k">models</span> <code>${esc(st.source)}</code></p>`)
    if (st.about) out.push(`<p class="about">${esc(st.about)}</p>`)
  }
  if (v.loop === k) {
    out.push(k === last && v.closing === undefined
      ? '<p class="loopnote">↻ The behaviour stutters here forever: nothing it is fair to require happens.</p>'
      : `<p class="loopnote">↻ The loop starts here: steps ${k + 1} to ${last}${v.closing ? `, then ${esc(v.closing)},` : ''} repeat forever.</p>`)
  }
  const b = v.broken
  if (b !== undefined && b.at === k) {
    const what = b.kind === 'deadlock' ? 'Deadlock: no action is enabled in this state'
      : b.kind === 'invariant' ? `Invariant <span class="mono">${esc(b.name)}</span> fails in this state`
      : b.kind === 'liveness' ? `Liveness property <span class="mono">${esc(b.name)}</span> is violated by this lasso`
      : `Property <span class="mono">${esc(b.name)}</span> is violated by this step`
    out.push(`<div class="broken"><h3>✗ ${what}</h3>${b.description ? `<p>${esc(b.description)}</p>` : ''}` +
      `${b.rationale ? `<p class="why"><span class="k">why it must hold</span> ${esc(b.rationale)}</p>` : ''}` +
      `${v.notes?.length ? `<ul class="notes">${v.notes.map(n => `<li>${esc(n)}</li>`).join('')}</ul>` : ''}</div>`)
  }
  return out.join('')
}

/**
 * The trace page's script (runs in the browser): select a step by click,
 * keyboard or `#step-N` in the address, and the panel shows it and the whole
 * state there; variables can be hidden. The page reads fine without it: the
 * chart and the breaking step are in the HTML already.
 */
import { chartMarkup } from './chartMarkup.js'
import { navKeys } from './navKeys.js'
import { stateMarkup } from './stateMarkup.js'
import { stepMarkup } from './stepMarkup.js'
import type { TraceView } from './traceView.js'

const el = (id: string): HTMLElement => document.getElementById(id)!

export function startTracePage(): void {
  const view = JSON.parse(el('trace-data').textContent ?? '{}') as TraceView
  const last = view.steps.length - 1
  const hidden = new Set<string>()
  let onlyChanged = false
  const fromHash = /^#step-(\d+)$/.exec(location.hash)
  let at = fromHash ? Math.min(last, Number(fromHash[1])) : view.broken?.at ?? last

  const draw = (scroll: boolean) => {
    el('chart').innerHTML = chartMarkup(view, { hidden, selected: at })
    el('step').innerHTML = stepMarkup(view, at)
    el('statehead').textContent = at === 0 ? 'Initial state' : `State after step ${at}`
    el('state').innerHTML = stateMarkup(view, at, { hidden, onlyChanged })
    el('pos').textContent = `${at} / ${last}`
    for (const b of document.querySelectorAll<HTMLButtonElement>('.nav button[data-go]')) {
      b.disabled = (b.dataset['go'] === 'first' || b.dataset['go'] === 'prev') ? at === 0 : at === last
    }
    if (scroll) document.querySelector(`#chart tr[data-step="${at}"]`)?.scrollIntoView({ block: 'nearest' })
    try { history.replaceState(null, '', `#step-${at}`) } catch { /* some file:// setups refuse; the page works without */ }
  }
  const go = (k: number) => { at = Math.max(0, Math.min(last, k)); draw(true) }
  const moves: Record<string, () => void> = { first: () => go(0), prev: () => go(at - 1), next: () => go(at + 1), last: () => go(last) }

  navKeys({ next: moves['next']!, prev: moves['prev']!, first: moves['first']!, last: moves['last']! })
  el('chart').addEventListener('click', e => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-step]')
    if (row) go(Number(row.dataset['step']))
  })
  for (const b of document.querySelectorAll<HTMLButtonElement>('.nav button[data-go]')) b.addEventListener('click', () => moves[b.dataset['go']!]?.())
  el('only-changed').addEventListener('change', e => { onlyChanged = (e.target as HTMLInputElement).checked; draw(false) })
  for (const box of document.querySelectorAll<HTMLInputElement>('input[data-var]')) {
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(box.dataset['var']!)
      else hidden.add(box.dataset['var']!)
      draw(false)
    })
  }
  draw(fromHash !== null)
}

/**
 * The state explorer's script (runs in the browser, with the spec and the
 * engine bundled in): choose among the enabled action instances, go back
 * and forth along the path, jump to a stored counterexample. Every
 * invariant and property is evaluated at each state. The address keeps the
 * path (`#path=init.i1.i2...&at=k`), so a reload or a shared link comes back
 * to the same place.
 */
import type { ParamValues, Spec } from '../../model/spec.js'
import { compile } from '../../semantics/system.js'
import { chartMarkup } from './chartMarkup.js'
import { esc } from './escape.js'
import { ExploreSession, type Choice, type NamedStep, type PropertyStatus } from './exploreSession.js'
import { navKeys } from './navKeys.js'
import { stateMarkup } from './stateMarkup.js'
import { stepMarkup } from './stepMarkup.js'
import { allLanes, traceView, type TraceView } from './traceView.js'

/** A counterexample the page can jump to: a stored trace file, or one the command's own search found. */
export interface Counterexample {
  readonly property: string
  readonly kind: 'invariant' | 'property' | 'liveness' | 'deadlock'
  readonly description: string
  /** Where it comes from (a file, relative to where the command ran, or `search`). */
  readonly from: string
  readonly steps: readonly NamedStep[]
  readonly init?: number
}

export interface ExploreData {
  readonly variant: string | null
  readonly params: ParamValues
  readonly counterexamples: readonly Counterexample[]
}

const el = (id: string): HTMLElement => document.getElementById(id)!
const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e))

export function startExplorer(spec: Spec): void {
  const data = JSON.parse(el('explore-data').textContent ?? '{}') as ExploreData
  let session: ExploreSession<unknown>
  try {
    session = new ExploreSession(compile(spec, data.params, data.variant === null ? {} : { variant: data.variant }))
  } catch (e) {
    el('message').innerHTML = `<div class="error">${esc(messageOf(e))}</div>`
    return
  }
  const sys = session.sys
  const lanes = allLanes(sys)
  const narrate = (sys.model.view?.narrate ?? {}) as Record<string, ((s: unknown, p: unknown, n: unknown) => string) | undefined>
  const hidden = new Set<string>()
  let onlyChanged = false
  let choices: Choice<unknown>[] = []

  const say = (msg: string, error = false) => { el('message').innerHTML = msg === '' ? '' : `<div class="${error ? 'error' : 'note'}">${esc(msg)}</div>` }

  const draw = (scroll: boolean) => {
    const k = session.cursor
    let view: TraceView
    try {
      // What this step breaks (its own property first, then an invariant that held before it), else the first break on the path.
      const here = brokenHere(session.properties(), k === 0 ? [] : session.properties(k - 1))
      const first = here === undefined ? session.firstViolation() : { at: k, ref: here }
      view = traceView(sys, session.trace(), {
        lanes, ...(first ? { broken: { name: first.ref.name, kind: first.ref.kind, description: first.ref.description, at: first.at } } : {}),
      })
      choices = ordered(session.choices())
    } catch (e) {
      say(`spec error: ${messageOf(e)}`, true)
      return
    }
    el('chart').innerHTML = chartMarkup(view, { hidden, selected: k, reached: k })
    el('step').innerHTML = stepMarkup(view, k)
    el('props').innerHTML = propsMarkup(session.properties())
    el('choices').innerHTML = choicesMarkup(choices, k)
    el('statehead').textContent = k === 0 ? 'Initial state' : `State after step ${k}`
    el('state').innerHTML = stateMarkup(view, k, { hidden, onlyChanged })
    el('pos').textContent = `${k} / ${session.steps}`
    for (const b of document.querySelectorAll<HTMLButtonElement>('.nav button[data-go]')) {
      b.disabled = b.dataset['go'] === 'first' || b.dataset['go'] === 'prev' ? k === 0 : k === session.steps
    }
    if (scroll) document.querySelector(`#chart tr[data-step="${k}"]`)?.scrollIntoView({ block: 'nearest' })
    try { history.replaceState(null, '', `#path=${[session.init, ...session.instances].join('.')}&at=${k}`) } catch { /* file:// may refuse; nothing depends on it */ }
  }

  /** The choices grouped by lane, in lane order: the order they are numbered and drawn in. */
  const ordered = (cs: readonly Choice<unknown>[]): Choice<unknown>[] => {
    const byLane = [...lanes, ...cs.map(c => c.actor)].filter((l, i, all) => all.indexOf(l) === i)
    return byLane.flatMap(lane => cs.filter(c => c.actor === lane))
  }

  const choicesMarkup = (cs: readonly Choice<unknown>[], k: number): string => {
    if (cs.length === 0) {
      return `<p class="none">No action is enabled here: ${session.isFinal() ? 'a final state (the spec calls it a proper end).' : 'a deadlock.'}</p>`
    }
    const ahead = session.instances[k]
    const here = session.trace()[k]!.state
    let lane: string | undefined
    return cs.map((c, n) => {
      const inst = sys.instances[c.instance]!
      let line = ''
      try { line = narrate[inst.action.name]?.(here, inst.params, c.state) ?? '' } catch { /* narration is presentation only */ }
      const warn = c.violates.length === 0 ? '' : `<span class="warn">✗ violates ${c.violates.map(v => esc(v.name)).join(', ')}</span>`
      const cls = [c.violates.length > 0 && 'bad', c.instance === ahead && 'next'].filter(Boolean).join(' ')
      const head = c.actor === lane ? '' : `<div class="lanegroup">${esc(c.actor)}</div>`
      lane = c.actor
      return `${head}<button type="button" class="${cls}" data-instance="${c.instance}" data-label="${esc(c.label)}"` +
        `${c.instance === ahead ? ' title="the step ahead on the current path"' : ''}>` +
        `${n < 9 ? `<span class="key">${n + 1}</span>` : ''}${esc(c.label)}${line ? `<span class="sayline">${esc(line)}</span>` : ''}${warn}</button>`
    }).join('')
  }

  const move = (k: number) => { session.goTo(k); say(''); draw(true) }
  const take = (i: number) => {
    try { session.choose(i); say('') } catch (e) { say(messageOf(e), true) }
    draw(true)
  }
  const moves: Record<string, () => void> = {
    first: () => move(0), prev: () => move(session.cursor - 1), next: () => move(session.cursor + 1), last: () => move(session.steps),
  }

  // The counterexamples the command found or was given.
  el('cexes').innerHTML = data.counterexamples.length === 0 ? ''
    : `<span>Jump to a counterexample:</span>${data.counterexamples.map((c, n) =>
      `<button type="button" data-cex="${n}" title="${esc(c.from)}: ${esc(c.description)}">${esc(c.property)} · ${c.steps.length} steps</button>`).join('')}`
  el('cexes').addEventListener('click', e => {
    const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-cex]')
    const c = b ? data.counterexamples[Number(b.dataset['cex'])] : undefined
    if (c === undefined) return
    const why = session.follow(c.steps, c.init ?? 0)
    say(why === undefined ? '' : `${c.from} does not replay in this configuration: ${why}`, why !== undefined)
    draw(true)
  })
  el('choices').addEventListener('click', e => {
    const b = (e.target as HTMLElement).closest<HTMLElement>('button[data-instance]')
    if (b) take(Number(b.dataset['instance']))
  })
  el('chart').addEventListener('click', e => {
    const row = (e.target as HTMLElement).closest<HTMLElement>('tr[data-step]')
    if (row) move(Number(row.dataset['step']))
  })
  for (const b of document.querySelectorAll<HTMLButtonElement>('.nav button[data-go]')) b.addEventListener('click', () => moves[b.dataset['go']!]?.())
  el('restart').addEventListener('click', () => { session.restart(session.init); say(''); draw(true) })
  el('only-changed').addEventListener('change', e => { onlyChanged = (e.target as HTMLInputElement).checked; draw(false) })
  for (const box of document.querySelectorAll<HTMLInputElement>('input[data-var]')) {
    box.addEventListener('change', () => {
      if (box.checked) hidden.delete(box.dataset['var']!)
      else hidden.add(box.dataset['var']!)
      draw(false)
    })
  }
  navKeys({
    next: moves['next']!, prev: moves['prev']!, first: moves['first']!, last: moves['last']!,
    // 1-9 take the numbered choice.
    other: e => {
      const n = /^[1-9]$/.test(e.key) ? Number(e.key) - 1 : -1
      const c = choices[n]
      if (c === undefined) return false
      take(c.instance)
      return true
    },
  })
  if (session.initialStates > 1) {
    el('inits').innerHTML = `<label>initial state <select id="init">${Array.from({ length: session.initialStates }, (_, i) =>
      `<option value="${i}">${i}</option>`).join('')}</select></label>`
    el('init').addEventListener('change', e => { session.restart(Number((e.target as HTMLSelectElement).value)); draw(true) })
  }
  restoreFromAddress(session)
  draw(false)
}

/** `#path=init.i1.i2...&at=k`, as draw() writes it; anything that does not replay is ignored. */
function restoreFromAddress(session: ExploreSession<unknown>): void {
  const m = /^#path=([\d.]+)&at=(\d+)$/.exec(location.hash)
  if (m === null) return
  const [init, ...steps] = m[1]!.split('.').map(Number)
  try {
    session.restart(init ?? 0)
    for (const i of steps) session.choose(i)
    session.goTo(Number(m[2]))
  } catch {
    session.restart(0)
  }
}

function brokenHere(now: readonly PropertyStatus[], before: readonly PropertyStatus[]): PropertyStatus['ref'] | undefined {
  const already = new Set(before.filter(p => p.status === 'violated' && p.ref.kind === 'invariant').map(p => p.ref.name))
  const fresh = now.filter(p => p.status === 'violated' && !already.has(p.ref.name))
  return (fresh.find(p => p.ref.kind === 'property') ?? fresh[0])?.ref
}

function propsMarkup(all: readonly PropertyStatus[]): string {
  const rank = { violated: 0, holds: 1, 'not checked': 2 }
  const ps = [...all].sort((a, b) => rank[a.status] - rank[b.status])
  const mark = { holds: '<span class="ok">✓</span>', violated: '<span class="no">✗</span>', 'not checked': '<span class="na">–</span>' }
  return `<ul class="props">${ps.map(p => `<li class="${p.status === 'violated' ? 'violated' : ''}" data-property="${esc(p.ref.name)}" data-status="${p.status}">` +
    `${mark[p.status]} <span class="mono">${esc(p.ref.name)}</span> <span class="d">${p.ref.kind === 'invariant' ? 'invariant' : 'on the step here'}` +
    `${p.status === 'not checked' ? ' (does not constrain this step)' : ''}: ${esc(p.ref.description)}</span></li>`).join('')}</ul>`
}

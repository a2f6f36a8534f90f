import { describe, expect, test } from 'vitest'
import { check } from '../../checker.js'
import { array, bool, enumOf, int, record } from '../../model/domain.js'
import { model } from '../../model/spec.js'
import { compileModel } from '../../semantics/system.js'
import { chartMarkup } from './chartMarkup.js'
import { stateMarkup } from './stateMarkup.js'
import { stepMarkup } from './stepMarkup.js'
import { traceHtml } from './traceHtml.js'
import { traceView } from './traceView.js'

/** A two-thread toy whose narration and values are hostile to HTML. */
const toy = () => compileModel(model({
  vars: record({
    n: int(0, 3),
    flag: bool,
    cell: array(enumOf('<free>', 'taken&'), 2),
    t: array(record({ pc: enumOf('a', 'b'), k: int(0, 1) }), 2),
    r: record({ x: bool, y: int(0, 2) }),
  }),
  init: () => [{ n: 0, flag: false, cell: ['<free>', '<free>'], t: [{ pc: 'a', k: 0 }, { pc: 'a', k: 0 }], r: { x: false, y: 0 } }],
  actions: [{
    name: 'Take', description: 'Thread i takes its cell.', source: 'take() in <lock.c>', params: { i: [0, 1] }, actor: ({ i }: { i: number }) => `T${i}`,
    when: (s: any, { i }: { i: number }) => s.t[i].pc === 'a',
    then: (n: any, _w: unknown, { i }: { i: number }, s: any) => { n.t[i].pc = 'b'; n.cell[i] = 'taken&'; n.n = s.n + 1 },
  }],
  invariants: [{ name: 'AtMostOne', description: 'At most one cell is </script> taken.', holds: (s: any) => s.n < 2 }],
  view: { columns: ['T0', 'T1'], narrate: { Take: () => 'take </script><b>it</b>' }, observers: [{ column: 'memory', vars: ['cell'] }] },
}))

describe('trace pages', () => {
  const sys = toy()
  const r = check(sys)
  if (r.verdict !== 'violated') throw new Error('the toy is meant to break AtMostOne')
  const page = traceHtml({ sys, trace: r.trace, headline: 'Invariant AtMostOne violated after 2 steps', broken: { name: r.property, kind: r.kind, description: r.description } })

  test('one self-contained document: no fetch is allowed, nothing points outside it', () => {
    expect(page.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true)
    expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`)
    expect(page).not.toMatch(/\s(src|href)=/)
    expect(page.match(/<script/g)!.length).toBe(2)
  })

  test('text from the spec is escaped, and the data block parses back', () => {
    expect(page).not.toContain('<b>it</b>')
    expect(page).toContain('take &lt;/script&gt;&lt;b&gt;it&lt;/b&gt;')
    expect(page).toContain('take() in &lt;lock.c&gt;')
    const json = /<script type="application\/json" id="trace-data">(.*?)<\/script>/s.exec(page)![1]!
    expect(JSON.parse(json).steps[1].lanes.T0[0].text).toBe('take </script><b>it</b>')
  })

  test('the chart and the breaking step are in the HTML already (no script needed to read or print it)', () => {
    expect(page).toMatch(/<th scope="col">T0<\/th><th scope="col">T1<\/th><th scope="col">memory<\/th>/)
    expect(page).toContain('<tr class="step sel breaks" data-step="2">')
    expect(page).toContain('Invariant <span class="mono">AtMostOne</span> fails in this state')
  })

  test('a change to an observed variable goes to the observer lane, connected to the actor', () => {
    const v = traceView(sys, r.trace)
    const chart = chartMarkup(v)
    expect(chart).toMatch(/<td class="lane touched from-left"><div class="chg">cell\[\d\] := taken&amp;<\/div><\/td>/)
    expect(chartMarkup(v, { hidden: new Set(['cell']) })).not.toContain('cell[')
  })

  test('state shapes: scalars, arrays, records and arrays of records (a field per row)', () => {
    const v = traceView(sys, r.trace)
    const s = stateMarkup(v, 1)
    expect(s).toMatch(/<tr class="var chg" data-var="n"><th scope="row">n<\/th><td><span class="v chg" title="was 0">1<\/span><\/td><\/tr>/)
    expect(s).toContain('<span class="ix">[0]</span>')
    expect(s).toMatch(/<table class="grid"><tr><th><\/th><th scope="col" class="ix">\[0\]<\/th><th scope="col" class="ix">\[1\]<\/th><\/tr><tr><th scope="row" class="f">pc<\/th>/)
    expect(s).toContain('<span class="f">x</span>')
    const changed = stateMarkup(v, 1, { onlyChanged: true })
    expect(changed).not.toContain('data-var="flag"')
    expect(changed).not.toContain('data-var="r"')
    expect(changed).not.toMatch(/<th scope="row" class="f">k<\/th>/)
    expect(stateMarkup(v, 1, { hidden: new Set(v.units.map(u => u.variable)) })).toContain('Every variable is hidden.')
  })

  test('a lasso: the loop is marked where it starts, along its steps and where it goes back', () => {
    const v = traceView(sys, r.trace, { loop: 1 })
    const chart = chartMarkup(v)
    expect(chart.match(/class="loopmark"/g)!.length).toBe(2)
    expect(chart).toContain('back to the state after step 1')
    expect(chart).toMatch(/<tr class="step inloop[^"]*" data-step="2">/)
    expect(stepMarkup(v, 1)).toContain('The loop starts here: steps 2 to 2 repeat forever.')
    expect(traceHtml({ sys, trace: r.trace, headline: 'x', loop: 1 })).toContain('"loop":1')
    const closed = traceView(sys, r.trace, { loop: 1, closing: 'Back', notes: ['p0 waits: weak fairness allows it'] })
    expect(chartMarkup(closed)).toContain('then <span class="mono">Back</span> leads back to the state after step 1, forever')
    expect(stepMarkup(closed, 1)).toContain('steps 2 to 2, then Back, repeat forever.')
    const page = traceHtml({ sys, trace: r.trace, headline: 'x', loop: 1, closing: 'Back', notes: ['p0 waits: weak fairness allows it'] })
    expect(page).toContain('<li>p0 waits: weak fairness allows it</li>')
  })
  test('a lasso that ends by stuttering says so', () => {
    const last = r.trace.length - 1
    const v = traceView(sys, r.trace, { loop: last, broken: { name: 'Done', kind: 'liveness', description: 'it finishes' } })
    expect(chartMarkup(v)).toContain('<b>stutters</b>: the behaviour stays in this last state forever')
    expect(chartMarkup(v)).toContain('Liveness property <b class="mono">Done</b> is violated by this behaviour')
    expect(stepMarkup(v, last)).toContain('stutters here forever')
  })
})

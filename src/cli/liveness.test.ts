import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cli, cliIn, oneLine } from '../testing/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'spt-live-'))
const lock = (fairness: string) => `import { actionsOf, array, bool, defineSpec, enumOf, leadsTo, model, record, type StateOf } from 'sptecheck'
const vars = { pc: array(enumOf('idle', 'want', 'crit'), 2), lock: bool }
type S = StateOf<typeof vars>
const a = actionsOf<S>()
export default defineSpec({
  name: 'lock', description: 'Two processes share a lock, and the holder may take it again at once.', params: {},
  build: () => model({
    vars: record(vars), init: () => [{ pc: ['idle', 'idle'], lock: false }],
    actions: [
      a({ name: 'Want', description: 'Process i wants the lock.', params: { i: [0, 1] }, actor: ({ i }) => \`p\${i}\`, when: (s, { i }) => s.pc[i] === 'idle', then: (n, _w, { i }) => { n.pc[i] = 'want' } }),
      a({ name: 'Take', description: 'Process i takes the lock if it is free.', params: { i: [0, 1] }, actor: ({ i }) => \`p\${i}\`, when: (s, { i }) => s.pc[i] === 'want' && !s.lock, then: (n, _w, { i }) => { n.pc[i] = 'crit'; n.lock = true } }),
      a({ name: 'Leave', description: 'Process i leaves and frees the lock.', params: { i: [0, 1] }, actor: ({ i }) => \`p\${i}\`, when: (s, { i }) => s.pc[i] === 'crit', then: (n, _w, { i }) => { n.pc[i] = 'idle'; n.lock = false } }),
    ],
    invariants: [],
    liveness: [leadsTo<S>('P0Enters', { description: 'Process 0 wanting the lock leads to process 0 holding it.' }, s => s.pc[0] === 'want', s => s.pc[0] === 'crit')],
    fairness: [${fairness}],
  }),
})
`
writeFileSync(join(dir, 'lock.ts'), lock("{ kind: 'weak', per: 'actor' }"))
writeFileSync(join(dir, 'lock-sf.ts'), lock("{ kind: 'strong', per: 'actor' }"))

describe('--liveness', () => {
  test('a lasso in every format, the fairness stated, and the loop explained', () => {
    const r = cliIn(dir, 'check', './lock.ts', '--liveness', '--format', 'chart')
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/Liveness, assuming WF\(p0: every action\), WF\(p1: every action\): P0Enters violated/)
    expect(r.stdout).toMatch(/Liveness property P0Enters violated by a lasso: \d+ steps, then a loop of \d+ steps for ever/)
    expect(r.stdout).toMatch(/---- loop: from the state after step \d+, the steps below repeat forever ----/)
    expect(r.stdout).toMatch(/p0 is enabled in the loop but never runs: WF\(p0: every action\) is satisfied because it is disabled somewhere in the loop/)
    const j = JSON.parse(cliIn(dir, 'check', './lock.ts', '--liveness', '--json').stdout)
    expect(j).toMatchObject({ verdict: 'violated', liveness: [{ property: 'P0Enters', verdict: 'violated' }], fairness: ['WF(p0: every action)', 'WF(p1: every action)'] })
    expect(j.violations[0]).toMatchObject({ kind: 'liveness', loop: expect.any(Number), stutters: false })
    const sf = JSON.parse(cliIn(dir, 'check', './lock-sf.ts', '--liveness', '--json').stdout)
    expect(sf).toMatchObject({ verdict: 'verified', liveness: [{ property: 'P0Enters', verdict: 'holds' }] })
  })

  test('replay re-checks a lasso: the loop closes, it is fair, and it violates the property', () => {
    expect(cliIn(dir, 'check', './lock.ts', '--liveness', '--out', 'lasso.itf.json').status).toBe(1)
    const doc = JSON.parse(readFileSync(join(dir, 'lasso.itf.json'), 'utf8'))
    expect(typeof doc.loop).toBe('number')
    expect(doc['#meta']).toMatchObject({ propertyKind: 'liveness', closingAction: expect.any(String) })
    const r = cli('replay', join(dir, 'lasso.itf.json'))
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/reproduces the violation of P0Enters: a lasso whose loop starts at state \d+ and closes with .*, fair under WF\(p0: every action\), WF\(p1: every action\)/)
    // Under strong fairness the same loop is unfair.
    writeFileSync(join(dir, 'unfair.itf.json'), JSON.stringify({ ...doc, '#meta': { ...doc['#meta'], specModule: 'lock-sf.ts' } }))
    const u = cli('replay', join(dir, 'unfair.itf.json'))
    expect([u.status, oneLine(u.stderr)]).toEqual([65, true])
    expect(u.stderr).toMatch(/the loop is not fair: SF\(p0: every action\) is enabled in the loop and never taken/)
    // A loop that does not close.
    writeFileSync(join(dir, 'open.itf.json'), JSON.stringify({ ...doc, loop: 0 }))
    expect(cli('replay', join(dir, 'open.itf.json')).stderr).toMatch(/does not lead back to states\[0\]/)
  })

  test.each([
    [['check', 'filter', '--liveness', '--symmetry'], /--symmetry is refused with --liveness/],
    [['check', 'philosophers', '--liveness'], /declares no liveness properties/],
  ])('%j: one line, exit 64', (args, message) => {
    const r = cli(...args)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(message)
  })

  test('the filter lock is starvation-free under weak fairness per process', () => {
    const j = JSON.parse(cli('check', 'filter', '--set', 'N=3', '--liveness', '--json').stdout)
    expect(j).toMatchObject({ verdict: 'verified', liveness: [{ property: 'NoStarvation', verdict: 'holds' }] })
  })
})

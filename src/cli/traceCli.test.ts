import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, test } from 'vitest'
import { cli, root } from '../testing/cli.js'

const dir = mkdtempSync(`${tmpdir()}/spt-trace-`)
const itf = `${dir}/nofix.itf.json`

describe('counterexample formats', () => {
  test('--format chart: a column per vCPU and the TDX module', () => {
    const r = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--format', 'chart')
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/step\s+vCPU0\s+vCPU1\s+TDX module/)
    expect(r.stdout).toMatch(/KVM_BUG_ON\(was_present\)!/)
  })

  test('--format mermaid: a sequence diagram with calls into the TDX module', () => {
    const r = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--format', 'mermaid')
    expect(r.stdout).toMatch(/```mermaid\nsequenceDiagram/)
    expect(r.stdout).toMatch(/vCPU0->>TDXmodule: \d+\. set_external_spte/)
  })

  test('--continue lists every violated property; --out writes ITF that replays', () => {
    const r = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--continue', '--json')
    expect(r.status).toBe(1)
    const j = JSON.parse(r.stdout)
    expect(j.violations.map((v: { property: string }) => v.property)).toEqual(['I1k_NoBugOnWasPresent', 'I4_NoKvmBug', 'I1_AugOnlyOnFreeLeaf'])
    expect(cli('check', 'tdp-mmu', '--variant', 'no-fix', '--json', '--out', itf).status).toBe(1)
    const doc = JSON.parse(readFileSync(itf, 'utf8'))
    expect(doc['#meta']).toMatchObject({ format: 'ITF', spec: 'tdp-mmu', variant: 'no-fix', property: 'I1k_NoBugOnWasPresent' })
    expect(doc.states[1]['#meta']).toMatchObject({ index: 1, action: expect.any(String), actor: expect.stringMatching(/^vCPU/) })
    expect(doc.states[0].readers).toEqual({ '#bigint': '0' })
    const rep = cli('replay', itf)
    expect(rep.status).toBe(1)
    expect(rep.stdout).toMatch(/reproduces the violation of I1k_NoBugOnWasPresent at step 10/)
  })

  test('--format rejects an unknown format', () => {
    const r = cli('check', 'tdp-mmu', '--format', 'pdf')
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(/--format expects one of text, chart, itf, mermaid/)
  })
})

describe('replay rejects bad files with one line naming the first bad step or field (exit 65)', () => {
  const good = () => JSON.parse(readFileSync(itf, 'utf8'))
  const write = (doc: unknown, name: string) => { const f = `${dir}/${name}`; writeFileSync(f, typeof doc === 'string' ? doc : JSON.stringify(doc)); return f }
  const cases: [string, (d: any) => unknown, RegExp][] = [
    ['not JSON', () => '{ nope', /is not JSON/],
    ['unknown spec', d => { d['#meta'].spec = 'nosuch'; return d }, /#meta.spec 'nosuch' is not a known spec/],
    ['bad parameter', d => { d['#meta'].params.vcpus = 9; return d }, /#meta.params.vcpus = 9 is not a valid value/],
    ['value out of domain', d => { d.states[3].extLeaf[0] = 'WEIRD'; return d }, /states\[3\]\.extLeaf\[0\]: expected one of \{FREE, /],
    ['missing variable', d => { delete d.states[2].readers; return d }, /states\[2\] has no variable 'readers'/],
    ['integer not #bigint', d => { d.states[2].readers = 'two'; return d }, /states\[2\]\.readers: expected an integer/],
    ['tampered state', d => { d.states[5].readers = { '#bigint': '0' }; return d }, /step 5 \(.*\): the spec gives a different next state: the file has readers = 0/],
    ['step not enabled', d => { d.states[1]['#meta'].action = 'SetPublish'; d.states[1]['#meta'].params = { t: { '#bigint': '0' } }; return d }, /step 1 \(SetPublish\(t=0\)\): the action is not enabled in states\[0\]/],
    ['unknown action', d => { d.states[4]['#meta'].action = 'Teleport'; return d }, /states\[4\]\["#meta"\]\.action 'Teleport' is not an action/],
    ['wrong claim', d => { d['#meta'].property = 'I2_LinkOnlyOnFreeEntry'; return d }, /claims to violate I2_LinkOnlyOnFreeEntry, but replaying it does not \(it violates I1k_NoBugOnWasPresent at step 10, I4_NoKvmBug at step 10\)/],
  ]
  test.each(cases)('%s', (name, tamper, message) => {
    const r = cli('replay', write(tamper(good()), `${name.replace(/ /g, '-')}.itf.json`))
    expect(r.status).toBe(65)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /)
  })
  test('a trace found with --continue reproduces its own property, and names those it passes on the way', () => {
    const r = cli('replay', `${root}traces/no-fix/I1_AugOnlyOnFreeLeaf.itf.json`)
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/reproduces the violation of I1_AugOnlyOnFreeLeaf at step 11/)
    expect(r.stdout).toMatch(/On the way it also violates I1k_NoBugOnWasPresent at step 10, I4_NoKvmBug at step 10/)
  })

  test('a missing file is a usage error', () => {
    const r = cli('replay', `${dir}/absent.itf.json`)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(/cannot read .*absent\.itf\.json: no such file/)
  })
})

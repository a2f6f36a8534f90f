import { describe, expect, test } from 'vitest'
import { cli } from '../testing/cli.js'

describe('command line', () => {
  test('check --json reports the verdict and the counts', () => {
    const r = cli('check', 'filter', '--set', 'N=3', '--json')
    expect(r.status).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ spec: 'filter', variant: 'correct', params: { N: 3, bug: false }, verdict: 'verified', distinctStates: 288, transitions: 651 })
    expect(typeof j.depth).toBe('number')
    expect(typeof j.elapsedMs).toBe('number')
  })

  test('a violation: exit 1, the property and the trace length', () => {
    const r = cli('check', 'filter', '--variant', 'bug', '--set', 'N=2', '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'violated', property: 'MutualExclusion', traceLength: 6 })
  })

  test('a violation in text: the numbered trace with actions and changed variables', () => {
    const r = cli('check', 'filter', '--variant', 'bug', '--set', 'N=2')
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/Violated: MutualExclusion\. At most one process/)
    expect(r.stdout).toMatch(/Invariant MutualExclusion violated after 6 steps/)
    expect(r.stdout).toMatch(/State 2: <\[p\d\] Enter\(i=\d\)>/)
    expect(r.stdout).toMatch(/\/\\ pc\[\d\] = cs/)
  })

  test('deadlock on by default (exit 2), off with --no-deadlock', () => {
    expect(cli('check', 'philosophers').status).toBe(2)
    expect(cli('check', 'philosophers', '--no-deadlock').status).toBe(0)
  })

  test('a limit gives incomplete (exit 3)', () => {
    const r = cli('check', 'philosophers', '--set', 'N=8', '--max-states', '100', '--json')
    expect(r.status).toBe(3)
    expect(JSON.parse(r.stdout).verdict).toBe('incomplete')
  })

  test.each([
    [['check'], /name a spec/],
    [['check', 'nosuch'], /unknown spec 'nosuch'; the specs are: tdp-mmu, filter, philosophers/],
    [['check', 'filter', '--set', 'N=99'], /--set N=99: expected an integer in 2\.\.8/],
    [['check', 'filter', '--set', 'M=3'], /no parameter 'M'; its parameters are: N, bug/],
    [['check', 'filter', '--variant', 'nope'], /no variant 'nope'/],
    [['check', 'filter', '--max-states', 'lots'], /--max-states expects a non-negative integer/],
    [['check', 'filter', '--bogus'], /unknown option --bogus/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('usage error %j: one line, exit 64, no stack', (args, message) => {
    const r = cli(...args)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(message)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(r.stderr.trim().split('\n')).toHaveLength(2) // the message, then the pointer to help
  })

  test('Ctrl-C stops a long search with incomplete (exit 3) and the statistics so far', async () => {
    const { spawn } = await import('node:child_process')
    const { root } = await import('../testing/cli.js')
    const child = spawn(process.execPath, [`${root}bin/sptecheck.js`, 'check', 'tdp-mmu', '--variant', 'seed-patch',
      '--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2', '--set', 'zap=true', '--set', 'prefetch=true', '--set', 'busy=true', '--json'])
    let out = ''
    child.stdout.on('data', d => { out += String(d) })
    setTimeout(() => child.kill('SIGINT'), 1500)
    const status = await new Promise<number | null>(resolve => child.on('close', resolve))
    expect(status).toBe(3)
    const j = JSON.parse(out)
    expect(j).toMatchObject({ verdict: 'incomplete', reason: 'interrupted by Ctrl-C' })
    expect(j.distinctStates).toBeGreaterThan(1000)
  })

  test('list shows specs, parameters and variants', () => {
    const r = cli('list')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/filter: /)
    expect(r.stdout).toMatch(/N=3 \(2\.\.8\)/)
    expect(r.stdout).toMatch(/bug: wait guard/)
  })

  test('--dump-dot writes the state graph', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs')
    const { tmpdir } = await import('node:os')
    const f = `${mkdtempSync(`${tmpdir()}/spt-`)}/g.dot`
    expect(cli('check', 'filter', '--set', 'N=2', '--dump-dot', f).status).toBe(0)
    const dot = readFileSync(f, 'utf8')
    expect(dot.match(/^\s+s\d+ \[label/gm)).toHaveLength(20)
    expect(dot.match(/ -> /g)).toHaveLength(34)
  })
})

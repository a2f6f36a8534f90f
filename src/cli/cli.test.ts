import { describe, expect, test } from 'vitest'
import { cli, oneLine } from '../testing/cli.js'

describe('command line', () => {
  test('check --json reports the verdict and the counts', () => {
    const r = cli('check', 'filter', '--set', 'N=3', '--json')
    expect(r.status).toBe(0)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ spec: 'filter', variant: 'correct', params: { N: 3, bug: false }, verdict: 'verified', distinctStates: 288, transitions: 651, exact: true })
    expect(typeof j.depth).toBe('number')
    expect(typeof j.elapsedMs).toBe('number')
    expect(j.memoryBytes).toBeGreaterThan(1e6)
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
    expect(r.stdout).toMatch(/MiB resident/)
  })

  test('deadlock on by default (exit 2), off with --no-deadlock', () => {
    expect(cli('check', 'philosophers').status).toBe(2)
    expect(cli('check', 'philosophers', '--no-deadlock').status).toBe(0)
  })

  test('a limit gives incomplete (exit 3), and the state limit is exact', () => {
    const r = cli('check', 'philosophers', '--set', 'N=8', '--max-states', '100', '--json')
    expect(r.status).toBe(3)
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'incomplete', distinctStates: 100 })
  })

  test('--continue cut short by a limit: the JSON says the list may be partial', () => {
    const r = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--continue', '--max-states', '70', '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ verdict: 'violated', exhaustive: false, reason: expect.stringMatching(/state limit/) })
    const all = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--continue', '--json')
    expect(JSON.parse(all.stdout)).toMatchObject({ verdict: 'violated', exhaustive: true })
  })

  test.each([
    [['check'], /name a spec/],
    [['check', 'nosuch'], /unknown spec 'nosuch'; the specs are: tdp-mmu, filter, philosophers/],
    [['check', 'filter', '--set', 'N=99'], /--set N=99: expected an integer in 2\.\.8/],
    [['check', 'filter', '--set', 'M=3'], /no parameter 'M'; its parameters are: N, bug/],
    [['check', 'filter', '--variant', 'nope'], /no variant 'nope'/],
    [['check', 'filter', '--max-states', 'lots'], /--max-states expects a non-negative integer/],
    [['check', 'filter', '--max-states', '0'], /--max-states must be at least 1/],
    [['check', 'filter', '--bogus'], /unknown option --bogus/],
    [['check', 'filter', '--json', '--format', 'chart'], /--json prints a report without traces/],
    [['check', 'filter', '--continue', '--out', '/tmp/x.txt'], /with --continue use --out-dir/],
    [['list', 'filter', 'extra'], /list takes at most one spec/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /no command; try 'sptecheck help'/],
  ])('usage error %j: one line, exit 64, no stack', (args, message) => {
    const r = cli(...args)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(message)
    expect(oneLine(r.stderr)).toBe(true)
    expect(r.stdout).toBe('')
  })

  test('help lists every option, --continue and lint included', () => {
    const r = cli('help')
    expect(r.status).toBe(0)
    for (const o of ['--continue', '--out-dir', '--fingerprints', '--dump-dot', 'lint <spec>', 'replay', 'matrix']) expect(r.stdout).toContain(o)
  })

  test('list shows specs, parameters and variants; list <spec> shows one', () => {
    const r = cli('list')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/filter: /)
    expect(r.stdout).toMatch(/N=3 \(2\.\.8\)/)
    expect(r.stdout).toMatch(/bug: wait guard/)
    const one = cli('list', 'philosophers')
    expect(one.stdout).toMatch(/^philosophers: /)
    expect(one.stdout).not.toMatch(/filter/)
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

describe('simulate', () => {
  test('finds the no-fix race from a printed seed, says the trace is not a shortest one, exit 1', () => {
    const r = cli('simulate', 'tdp-mmu', '--variant', 'no-fix', '--seed', '1', '--runs', '50', '--json')
    expect(r.status).toBe(1)
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'simulate', verdict: 'violated', seed: 1, shortest: false, property: expect.stringMatching(/^I1k|^I4|^I1_/) })
  })
  test('nothing found is exit 0 and says a simulation proves nothing', () => {
    const r = cli('simulate', 'filter', '--seed', '5', '--runs', '20', '--depth', '30')
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/No violation found in 20 runs of up to 30 steps \(seed 5\)\. A simulation is not a proof/)
  })
})

describe('--symmetry', () => {
  test('fewer states, the same verdict, and the summary says what the counts are', () => {
    const plain = JSON.parse(cli('check', 'filter', '--set', 'N=4', '--json').stdout)
    const r = cli('check', 'filter', '--set', 'N=4', '--symmetry', '--json')
    const j = JSON.parse(r.stdout)
    expect([r.status, j.verdict, j.symmetry]).toEqual([0, 'verified', ['processes (4)']])
    expect(j.distinctStates).toBeLessThan(plain.distinctStates)
    expect(cli('check', 'filter', '--set', 'N=3', '--symmetry').stdout).toMatch(/Symmetry: one state per orbit of processes \(3\)/)
  })
  test('a spec that declares no symmetry: one line, exit 70', () => {
    const r = cli('check', 'philosophers', '--symmetry')
    expect(r.status).toBe(70)
    expect(r.stdout).toMatch(/declares no symmetry/)
  })
})

import { describe, expect, test } from 'vitest'
import { cliSignalled } from '../testing/cli.js'

const LONG = ['check', 'tdp-mmu', '--variant', 'seed-patch', '--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2',
  '--set', 'zap=true', '--set', 'prefetch=true', '--set', 'busy=true', '--set', 'tdx=6.16', '--json']

describe('Ctrl-C and SIGTERM end a search as incomplete, with its statistics (exit 3)', () => {
  test.each([['SIGINT', 'interrupted by Ctrl-C'], ['SIGTERM', 'terminated by SIGTERM']] as const)('%s during check', async (signal, reason) => {
    const r = await cliSignalled(LONG, signal, { afterMs: 1500 })
    expect(r.status).toBe(3)
    const j = JSON.parse(r.stdout)
    expect(j).toMatchObject({ verdict: 'incomplete', reason })
    expect(j.distinctStates).toBeGreaterThan(1000)
  })

  test('Ctrl-C during the matrix stops the whole matrix, not only the current row', async () => {
    const r = await cliSignalled(['matrix', 'tdp-mmu', '--no-traces'], 'SIGINT', { ready: /seed-patch-large-6\.16: running/, afterMs: 500 })
    expect(r.status).toBe(3)
    expect(r.stdout).toMatch(/Incomplete: interrupted by Ctrl-C; \d+ of \d+ rows finished/)
    // The rows after the interrupted one never started.
    expect(r.stderr).not.toMatch(/upstream-large: running/)
    expect(r.stdout).not.toMatch(/MISMATCH/)
  })
})

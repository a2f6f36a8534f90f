import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { docFilesOf, documentedRows } from '../../src/cli/generate.js'
import { asDocumented, runRows, type RowRun } from '../../src/cli/matrixRun.js'
import { ROOT } from '../../src/util/root.js'
import { tdpMmu } from './tdpMmu.js'

/**
 * The whole verdict matrix, larger bounds included (minutes): every verdict
 * as documented, and the generated docs exactly what the results produce.
 * Not in the quick tier (`npm run test:quick`). The heavy rows (4 vCPUs) are
 * past the test budget: `npm start` and the benchmarks run them.
 */
let runs: RowRun[] = []
beforeAll(async () => { runs = await runRows(tdpMmu, documentedRows(tdpMmu)) }, 900_000)

describe('verdict matrix, every row', () => {
  test('every row gives its documented verdict, exhaustively', () => {
    for (const r of runs) expect([r.row.id, r.result.verdict, asDocumented(r.row, r.result)]).toEqual([r.row.id, r.row.expect === 'verified' ? 'verified' : 'violated', true])
  })

  test('the larger bound is large: millions of states, every action of the configuration fired', () => {
    for (const r of runs.filter(x => x.row.large)) {
      expect(r.result.stats.distinctStates).toBeGreaterThan(5_000_000)
      const never = r.result.stats.actions.filter(a => a.generated === 0).map(a => a.name)
      expect(never.filter(a => a !== 'GuestVE' && a !== 'SetRefused')).toEqual([])
    }
  })
})

describe('generated docs are up to date (npm run docs)', () => {
  test.each(['invariants.md', 'variants.md'])('docs/%s', name => {
    const want = docFilesOf(tdpMmu, runs).find(f => f.path === name)!.content
    expect(existsSync(join(ROOT, 'docs', name))).toBe(true)
    expect(readFileSync(join(ROOT, 'docs', name), 'utf8')).toBe(want)
  })
})

import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { traceFilesOf } from '../../src/cli/generate.js'
import { asDocumented, runRows, type RowRun } from '../../src/cli/matrixRun.js'
import { replayText } from '../../src/cli/replay.js'
import { ROOT } from '../../src/util/root.js'
import { tdpMmu } from './tdpMmu.js'

/**
 * The small rows of the verdict matrix (seconds): every verdict as
 * documented, and traces/ exactly what the results produce. The larger
 * bounds and the generated docs are in matrix.large.test.ts. Regenerate with
 * `npm run traces` and `npm run docs`.
 */
const TRACES = join(ROOT, 'traces')
let runs: RowRun[] = []
beforeAll(async () => { runs = await runRows(tdpMmu, tdpMmu.matrix!.rows.filter(r => !r.large && !r.heavy)) }, 300_000)

describe('verdict matrix, small rows', () => {
  test('every row gives its documented verdict, exhaustively', () => {
    for (const r of runs) expect([r.row.id, r.result.verdict, asDocumented(r.row, r.result)]).toEqual([r.row.id, r.row.expect === 'verified' ? 'verified' : 'violated', true])
  })
})

describe('traces/ is up to date (npm run traces)', () => {
  test('same files, same contents', () => {
    const want = new Map(traceFilesOf(runs).map(f => [f.path, f.content]))
    const have = listFiles(TRACES).filter(p => p !== 'README.md')
    expect(have.sort()).toEqual([...want.keys()].sort())
    for (const [path, content] of want) expect([path, readFileSync(join(TRACES, path), 'utf8')]).toEqual([path, content])
  })

  test('every ITF trace replays and reproduces the violation it names, at its last step', async () => {
    const itfs = listFiles(TRACES).filter(p => p.endsWith('.itf.json'))
    expect(itfs.length).toBeGreaterThan(10)
    for (const p of itfs) {
      const r = await replayText(readFileSync(join(TRACES, p), 'utf8'), join(TRACES, p))
      expect([p, r.violation?.property]).toEqual([p, r.claimed])
      // Shortest: the trace ends where its property is first violated.
      expect([p, r.violation?.at]).toEqual([p, r.trace.length - 1])
    }
  })
})

export function listFiles(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const e of readdirSync(d)) {
      const p = join(d, e)
      if (statSync(p).isDirectory()) walk(p)
      else out.push(relative(dir, p))
    }
  }
  walk(dir)
  return out
}

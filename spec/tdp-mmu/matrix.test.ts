import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { DOCS_DIR, docFilesOf, traceFilesOf } from '../../src/cli/generate.js'
import { runRows } from '../../src/cli/matrixRows.js'
import { replayText } from '../../src/cli/replay.js'
import { TRACES_DIR } from '../../src/report/traceFiles.js'
import { isLarge, matrix } from './matrix.js'

/**
 * The whole verdict matrix, larger bounds included (a few minutes): every
 * verdict as documented, and traces/ and the generated docs exactly what the
 * results produce. Regenerate with `npm run traces` and `npm run docs`.
 */
let outcomes: Awaited<ReturnType<typeof runRows>> = []
beforeAll(async () => { outcomes = await runRows(matrix) }, 900_000)

describe('verdict matrix', () => {
  test('every row gives its documented verdict, exhaustively', () => {
    for (const o of outcomes) {
      const r = o.result
      if (o.row.expect === 'verified') expect([o.row.id, r.verdict]).toEqual([o.row.id, 'verified'])
      else {
        expect([o.row.id, r.verdict]).toEqual([o.row.id, 'violated'])
        if (r.verdict !== 'violated') continue
        expect(r.exhaustive).toBe(true)
        expect([o.row.id, r.violations.map(v => v.property)]).toEqual([o.row.id, o.row.expect])
      }
    }
  })

  test('the larger bound is large: millions of states, every action of the configuration fired', () => {
    for (const o of outcomes.filter(x => isLarge(x.row))) {
      expect(o.result.stats.distinctStates).toBeGreaterThan(5_000_000)
      const never = o.result.stats.actions.filter(a => a.generated === 0).map(a => a.name)
      expect(never.filter(a => a !== 'GuestVE' && a !== 'SetRefused')).toEqual([])
    }
  })
})

describe('traces/ is up to date (npm run traces)', () => {
  test('same files, same contents', () => {
    const want = new Map(traceFilesOf(outcomes).map(f => [f.path, f.content]))
    const have = listFiles(TRACES_DIR).filter(p => p !== 'README.md')
    expect(have.sort()).toEqual([...want.keys()].sort())
    for (const [path, content] of want) expect([path, readFileSync(join(TRACES_DIR, path), 'utf8')]).toEqual([path, content])
  })

  test('every ITF trace replays and reproduces the violation it names', () => {
    const itfs = listFiles(TRACES_DIR).filter(p => p.endsWith('.itf.json'))
    expect(itfs.length).toBeGreaterThan(10)
    for (const p of itfs) {
      const r = replayText(readFileSync(join(TRACES_DIR, p), 'utf8'), p)
      expect([p, r.violation?.property]).toEqual([p, r.claimed])
      // Shortest: the trace ends where its property is first violated.
      expect([p, r.violation?.at]).toEqual([p, r.states.length - 1])
    }
  })
})

describe('generated docs are up to date (npm run docs)', () => {
  test.each(['invariants.md', 'variants.md'])('docs/%s', name => {
    const want = docFilesOf(outcomes).find(f => f.path === name)!.content
    expect(existsSync(join(DOCS_DIR, name))).toBe(true)
    expect(readFileSync(join(DOCS_DIR, name), 'utf8')).toBe(want)
  })
})

function listFiles(dir: string): string[] {
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

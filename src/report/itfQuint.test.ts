import { readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '../util/root.js'

const TRACES_DIR = join(ROOT, 'traces')

/**
 * Our ITF as a peer reads it: Quint's own reader (@informalsystems/quint,
 * dev dependency) parses every trace under traces/ without diagnostics, and
 * Quint's writer turns what it read back into the very same states.
 */
const quintItf = createRequire(import.meta.url)('@informalsystems/quint/dist/src/itf.js') as {
  ofItf(doc: unknown): unknown[]
  toItf(vars: string[], states: unknown[]): { isRight(): boolean; value: { states: Record<string, unknown>[] } }
  diagnosticsOfItf(doc: unknown): unknown[][]
}

const itfFiles = (dir: string): string[] => readdirSync(dir).flatMap(e => {
  const p = join(dir, e)
  return statSync(p).isDirectory() ? itfFiles(p) : p.endsWith('.itf.json') ? [p] : []
})

describe("Quint's ITF reader accepts our traces", () => {
  const files = itfFiles(TRACES_DIR)
  test('there are traces to read', () => expect(files.length).toBeGreaterThan(10))
  test.each(files.map(f => [f.slice(TRACES_DIR.length)]))('%s', rel => {
    const doc = JSON.parse(readFileSync(join(TRACES_DIR, rel), 'utf8'))
    const states = quintItf.ofItf(doc)
    expect(states).toHaveLength(doc.states.length)
    expect(quintItf.diagnosticsOfItf(doc).flat()).toEqual([])
    const back = quintItf.toItf(doc.vars, states)
    expect(back.isRight()).toBe(true)
    const strip = ({ '#meta': _meta, ...vars }: Record<string, unknown>) => vars
    expect(back.value.states.map(strip)).toEqual(doc.states.map(strip))
  })
})

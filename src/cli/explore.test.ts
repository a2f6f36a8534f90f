import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cli, cliIn, oneLine, root } from '../testing/cli.js'

const dir = mkdtempSync(join(tmpdir(), 'spt-explore-cli-'))
const dataOf = (file: string) => JSON.parse(/<script type="application\/json" id="explore-data">(.*?)<\/script>/s.exec(readFileSync(file, 'utf8'))![1]!)

describe('sptecheck explore', () => {
  test('a shipped spec: one page, with the stored counterexamples of exactly this configuration', () => {
    const out = join(dir, 'nofix.html')
    const r = cli('explore', 'tdp-mmu', '--variant', 'no-fix', '--out', out)
    expect(r.status).toBe(0)
    expect(r.stdout).toMatch(/wrote .*nofix\.html: the tdp-mmu \(no-fix\) state explorer, 3 counterexamples to jump to\.\nOpen it in a browser: file:\/\//)
    const d = dataOf(out)
    expect(d.counterexamples.map((c: { from: string }) => c.from)).toEqual([
      'traces/no-fix/I1_AugOnlyOnFreeLeaf.itf.json', 'traces/no-fix/I1k_NoBugOnWasPresent.itf.json', 'traces/no-fix/I4_NoKvmBug.itf.json'])
    expect(d.counterexamples[0].steps[0]).toEqual({ action: 'GuestAcceptExit', params: { v: 1 } })
    const page = readFileSync(out, 'utf8')
    expect(page).toContain("script-src 'unsafe-inline' 'unsafe-eval'")
    expect(page).not.toMatch(/\s(src|href)=/)
  })

  test('another configuration matches none of them; --check finds its own', () => {
    const out = join(dir, 'upstream.html')
    expect(cli('explore', 'tdp-mmu', '--variant', 'upstream', '--out', out).stdout).toMatch(/no counterexample to jump to/)
    const r = cli('explore', 'tdp-mmu', '--variant', 'no-fix', '--set', 'busy=true', '--check', '--traces', join(root, 'traces'), '--out', out)
    expect(r.status).toBe(0)
    expect(dataOf(out).counterexamples.map((c: { property: string; from: string }) => [c.property, c.from])).toEqual([
      ['I1k_NoBugOnWasPresent', 'search'], ['I4_NoKvmBug', 'search'], ['I1_AugOnlyOnFreeLeaf', 'search']])
  })

  test('a spec given by path, from another folder, with the default file name', () => {
    const r = cliIn(dir, 'explore', join(root, 'docs', 'examples', 'bakery.ts'), '--variant', 'bug', '--check')
    expect(r.status).toBe(0)
    const out = join(dir, 'bakery-bug.explore.html')
    expect(existsSync(out)).toBe(true)
    expect(dataOf(out)).toMatchObject({ variant: 'bug', params: { N: 2, bug: true }, counterexamples: [{ property: 'MutualExclusion', from: 'search' }] })
  })

  test.each([
    [['explore'], /name a spec/],
    [['explore', 'tdp-mmu', 'filter'], /explore takes one spec, got: tdp-mmu filter/],
    [['explore', 'tdp-mmu', '--format', 'html'], /unknown option --format; this command takes: --variant --set --out --traces --check/],
    [['explore', 'tdp-mmu', '--variant', 'nope'], /no variant 'nope'/],
    [['explore', 'tdp-mmu', '--traces', '/no/such/folder'], /--traces \/no\/such\/folder: no such folder/],
    [['explore', 'tdp-mmu', '--out', '/no/such/folder/x.html'], /--out \/no\/such\/folder\/x.html: the folder \/no\/such\/folder does not exist/],
  ])('%j is a usage error, in one line', (args, message) => {
    const r = cli(...args)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(message)
    expect(oneLine(r.stderr)).toBe(true)
  })

  test('a spec that cannot run in a browser is a spec error, in one line', () => {
    const spec = join(dir, 'nodeonly.ts')
    writeFileSync(spec, readFileSync(join(root, 'docs', 'examples', 'bakery.ts'), 'utf8')
      .replace("import {", "import { readFileSync } from 'node:fs'\nconst unused = readFileSync\nimport {"))
    expect(cli('check', spec).status).toBe(0)
    const r = cli('explore', spec, '--out', join(dir, 'nodeonly.html'))
    expect(r.status).toBe(70)
    expect(r.stderr).toMatch(/spec bakery cannot run in a browser page: .*node:fs/)
    expect(oneLine(r.stderr)).toBe(true)
  })
})

describe('check --format html', () => {
  test('stdout holds the page alone, the summary goes to stderr; --out by extension', () => {
    const r = cli('check', 'filter', '--variant', 'bug', '--set', 'N=2', '--format', 'html')
    expect(r.status).toBe(1)
    expect(r.stdout.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(r.stdout).toContain('MutualExclusion')
    expect(r.stderr).toMatch(/Violated: MutualExclusion/)
    const out = join(dir, 'filter.html')
    expect(cli('check', 'filter', '--variant', 'bug', '--set', 'N=2', '--out', out).status).toBe(1)
    expect(readFileSync(out, 'utf8')).toBe(r.stdout)
  })

  test('--continue with --format html is refused up front', () => {
    const r = cli('check', 'filter', '--continue', '--format', 'html')
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(/--format html prints one page; with --continue use --out-dir DIR/)
  })
})

import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { expect, test } from 'vitest'
import { cli } from '../testing/cli.js'

test('matrix writes the verdict matrix as a page, each violated property linked to its trace page', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spt-matrix-page-'))
  const page = join(dir, 'report', 'm.html')
  mkdirSync(dirname(page))
  expect(cli('matrix', 'tdp-mmu', '--skip-large', '--traces', join(dir, 'traces'), '--html', page).status).toBe(0)
  const html = readFileSync(page, 'utf8')
  expect(html).toMatch(/<tr data-row="no-fix"><td class="mono"><a href="..\/traces\/no-fix\/I1k_NoBugOnWasPresent.html">no-fix<\/a>/)
  const links = [...html.matchAll(/href="([^"]+)"/g)].map(m => m[1]!)
  expect(links.length).toBeGreaterThan(20)
  for (const l of links) expect([l, existsSync(resolve(dirname(page), l))]).toEqual([l, true])
  expect(html).toMatch(/<tr data-row="seed-patch">.*<td class="mono">verified<\/td>/)
  expect(cli('matrix', 'tdp-mmu', '--skip-large', '--no-traces', '--html', join(dir, 'nope', 'm.html')).status).toBe(64)
})

/**
 * The pages in a real browser (Debian's Chromium, headless): the committed
 * no-fix trace page stepped through with the keyboard, and the state
 * explorer driven by clicks to the same race. Screenshots go to
 * out/screenshots/ for a person to look at.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { builtinSpecs } from '../../cli/load.js'
import { compileVariant } from '../../semantics/system.js'
import { openBrowser, newPage, SCREENSHOTS, type Browser } from '../../testing/browser.js'
import { cli } from '../../testing/cli.js'
import { ROOT } from '../../util/root.js'
import { showInstance } from '../../semantics/instances.js'
import { fromParamValue } from '../itf.js'
import { rationaleOf } from './traceView.js'

const TRACE = join(ROOT, 'traces', 'no-fix', 'I1_AugOnlyOnFreeLeaf')
const itf = JSON.parse(readFileSync(`${TRACE}.itf.json`, 'utf8'))
/** The trace's steps as the pages label them: `Name(k=v, ...)`. */
const labels: string[] = itf.states.slice(1).map((s: any) =>
  showInstance(s['#meta'].action, Object.fromEntries(Object.entries(s['#meta'].params).map(([k, v]) => [k, fromParamValue(v)!]))))

let browser: Browser
beforeAll(async () => { browser = await openBrowser() }, 30_000)
afterAll(async () => { await browser?.close() })

const selectedStep = (page: Page) => page.locator('#chart tr.step.sel').getAttribute('data-step').then(Number)
const stateValue = (page: Page, variable: string) => page.locator(`#state tr[data-var="${variable}"] > td`).innerText()

test('without Chromium the tests fail with one line saying how to install it', async () => {
  await expect(openBrowser('/nonexistent/chromium')).rejects.toThrow(/^no Chromium at \/nonexistent\/chromium: install Debian's with 'apt-get install -y chromium' \(as root\)$/)
})

describe('the trace page, traces/no-fix/I1_AugOnlyOnFreeLeaf.html', () => {
  test('stepped through with the keyboard: lanes and state at the second set_external_spte', async () => {
    const { page, errors, requests } = await newPage(browser)
    await page.goto(pathToFileURL(`${TRACE}.html`).href)
    expect(await page.locator('#chart thead th').allInnerTexts()).toEqual(['step', 'vCPU0', 'vCPU1', 'TDX module'])

    await page.keyboard.press('Home')
    expect(await selectedStep(page)).toBe(0)
    expect(await page.locator('#step h2').innerText()).toBe('Initial state')
    // j until set_external_spte is called the second time.
    let calls = 0
    while (calls < 2) {
      const before = await selectedStep(page)
      await page.keyboard.press('j')
      expect(await selectedStep(page)).toBe(before + 1)
      if ((await page.locator('#step h2').innerText()).startsWith('SetExternalSpte(')) calls++
    }
    const at = await selectedStep(page)
    expect(labels[at - 1]).toBe('SetExternalSpte(t=1, fail=none)')

    // The lanes: vCPU1 calls, the TDX module answers with no change, vCPU0 is idle.
    const row = page.locator(`#chart tr.step[data-step="${at}"] > td`)
    expect(await row.nth(1).innerText()).toBe('')
    expect(await row.nth(2).innerText()).toMatch(/set_external_spte: TDH\.MEM\.PAGE\.AUG g0 \(S-EPT PENDING\) -> TDX_EPT_ENTRY_STATE_INCORRECT/)
    expect(await row.nth(2).innerText()).toContain('SetExternalSpte(t=1, fail=none)')
    expect(await row.nth(2).innerText()).toContain('tdh_mem_page_aug()')
    expect(await row.nth(3).innerText()).toBe('(no change)')
    expect(await row.nth(3).getAttribute('class')).toContain('touched')

    // The state there: the S-EPT leaf is already PENDING, the mirror leaf frozen by vCPU1, the VM bugged; the
    // 2024 backend's PENDING tolerance answers -EBUSY (retry).
    expect(await stateValue(page, 'extLeaf')).toBe('[0] PENDING')
    expect(await stateValue(page, 'mirrorLeaf')).toBe('[0] FROZEN')
    expect(await stateValue(page, 'vm')).toBe('bugged: KVM_BUG_ON(was_present)')
    const changed = await page.locator('#state tr[data-var="thread"] .v.chg').allInnerTexts()
    expect(changed).toEqual(['SET_PUBLISH', 'EBUSY'])
    expect(await page.locator('#state tr[data-var="thread"] .v.chg').first().getAttribute('title')).toBe('was SET_HOOK')

    // The violated property stands at this step, with its description and rationale.
    const sys = compileVariant((await builtinSpecs()).find(s => s.name === 'tdp-mmu')!, 'no-fix')
    const broken = page.locator('#step .broken')
    expect(await broken.locator('h3').innerText()).toBe('✗ Property I1_AugOnlyOnFreeLeaf is violated by this step')
    expect(await broken.innerText()).toContain(itf['#meta'].propertyDescription)
    expect(await broken.locator('.why').innerText()).toContain(rationaleOf(sys, 'I1_AugOnlyOnFreeLeaf')!)
    expect(await page.locator(`#chart tr.step[data-step="${at}"] + tr.brokenrow`).innerText()).toContain('I1_AugOnlyOnFreeLeaf')
    await page.screenshot({ path: join(SCREENSHOTS, 'trace-page.png') })

    // k goes back, End to the last step, and the address remembers the step.
    await page.keyboard.press('k')
    expect(await selectedStep(page)).toBe(at - 1)
    await page.keyboard.press('End')
    expect(await selectedStep(page)).toBe(labels.length)
    expect(new URL(page.url()).hash).toBe(`#step-${labels.length}`)

    // Hiding a variable takes it out of the state and its changes out of the lanes.
    await page.locator('.controls summary').click()
    await page.locator('input[data-var="mirrorLeaf"]').uncheck()
    expect(await page.locator('#state tr[data-var="mirrorLeaf"]').count()).toBe(0)
    expect(await page.locator('#chart').innerText()).not.toContain('mirrorLeaf[0] :=')
    await page.locator('#only-changed').check()
    expect(await page.locator('#state tr.var').evaluateAll(rows => rows.map(r => r.getAttribute('data-var')))).toEqual(['thread'])
    expect([errors, requests]).toEqual([[], []])
  })
})

describe('the state explorer', () => {
  const dir = mkdtempSync(join(tmpdir(), 'spt-explore-'))
  const file = join(dir, 'no-fix.explore.html')

  test('reaches the no-fix violation by clicking the enabled actions, and jumps to a stored counterexample', async () => {
    const r = cli('explore', 'tdp-mmu', '--variant', 'no-fix', '--out', file)
    expect(r.status).toBe(0)
    const { page, errors, requests } = await newPage(browser)
    await page.goto(pathToFileURL(file).href)
    expect(await page.locator('#step h2').innerText()).toBe('Initial state')
    expect(await page.locator('#props li[data-status="violated"]').count()).toBe(0)

    for (const [k, label] of labels.entries()) {
      const button = page.locator(`#choices button[data-label="${label}"]`)
      expect([k, await button.count()]).toEqual([k, 1])
      await button.click()
      expect(await page.locator('#pos').innerText()).toBe(`${k + 1} / ${k + 1}`)
    }
    const i1 = page.locator('#props li[data-property="I1_AugOnlyOnFreeLeaf"]')
    expect(await i1.getAttribute('data-status')).toBe('violated')
    expect(await page.locator('#step .broken h3').innerText()).toBe('✗ Property I1_AugOnlyOnFreeLeaf is violated by this step')
    expect(await stateValue(page, 'extLeaf')).toBe('[0] PENDING')
    // I4 already failed a step earlier: the next step is not blamed for it.
    expect(await page.locator('#choices .warn').count()).toBe(0)
    await page.screenshot({ path: join(SCREENSHOTS, 'explorer.png') })

    // Back two steps: the path ahead stays, and the step that was taken next is marked.
    await page.keyboard.press('k')
    await page.keyboard.press('k')
    expect(await page.locator('#pos').innerText()).toBe(`${labels.length - 2} / ${labels.length}`)
    expect(await page.locator('#choices button.next').getAttribute('data-label')).toBe(labels[labels.length - 2])
    expect(await page.locator('#props li[data-property="I1_AugOnlyOnFreeLeaf"]').getAttribute('data-status')).toBe('not checked')

    // Restart (from anywhere on the path), then jump to the stored counterexample.
    await page.keyboard.press('End')
    await page.locator('#restart').click()
    expect(await page.locator('#pos').innerText()).toBe('0 / 0')
    await page.locator('#cexes button', { hasText: 'I1_AugOnlyOnFreeLeaf' }).click()
    expect(await page.locator('#pos').innerText()).toBe(`${labels.length} / ${labels.length}`)
    expect(await i1.getAttribute('data-status')).toBe('violated')
    expect([errors, requests]).toEqual([[], []])
  })

  test('a spec given by path runs in the page too: the bakery bug, found by --check, jumped to', async () => {
    const out = join(dir, 'bakery.html')
    expect(cli('explore', join(ROOT, 'docs', 'examples', 'bakery.ts'), '--variant', 'bug', '--check', '--out', out).status).toBe(0)
    const { page, errors, requests } = await newPage(browser)
    await page.goto(pathToFileURL(out).href)
    await page.locator('#cexes button', { hasText: 'MutualExclusion' }).click()
    expect(await page.locator('#props li[data-property="MutualExclusion"]').getAttribute('data-status')).toBe('violated')
    expect(await page.locator('#step .broken h3').innerText()).toBe('✗ Invariant MutualExclusion fails in this state')
    expect(await page.locator('#chart thead th').allInnerTexts()).toEqual(['step', 'p0', 'p1'])
    expect([errors, requests]).toEqual([[], []])
  })
})

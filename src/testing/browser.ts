/**
 * Debian's Chromium driven by playwright-core, for the page tests. The
 * system browser only: nothing here downloads one. A missing browser fails
 * the test with one line saying how to install it; it never skips.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { ROOT } from '../util/root.js'

export const CHROMIUM = '/usr/bin/chromium'

/** Where the tests leave their screenshots (out/ is not tracked). */
export const SCREENSHOTS = join(ROOT, 'out', 'screenshots')

export interface Browser {
  readonly context: BrowserContext
  close(): Promise<void>
}

export async function openBrowser(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}: install Debian's with 'apt-get install -y chromium' (as root)`)
  const profile = mkdtempSync(join(tmpdir(), 'sptecheck-chromium-'))
  // launchPersistentContext is playwright's way to give Chromium a --user-data-dir: a fresh one per run.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1366, height: 768 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  })
  mkdirSync(SCREENSHOTS, { recursive: true })
  return {
    context,
    close: async () => { await context.close(); rmSync(profile, { recursive: true, force: true }) },
  }
}

/** A page that records what would make a test meaningless: script errors and any request that leaves the file. */
export async function newPage(b: Browser): Promise<{ page: Page; errors: string[]; requests: string[] }> {
  const page = await b.context.newPage()
  const errors: string[] = []
  const requests: string[] = []
  page.on('pageerror', e => errors.push(e.message))
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()) })
  page.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()) })
  return { page, errors, requests }
}

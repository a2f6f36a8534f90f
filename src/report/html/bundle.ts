/**
 * The pages' scripts, bundled from this package's TypeScript sources with
 * esbuild for the browser. From the sources, not from dist/, so a page is
 * byte for byte the same whether the code runs compiled (the command line)
 * or from the sources (the tests compare traces/ with what they produce).
 */
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ROOT } from '../../util/root.js'

const require = createRequire(import.meta.url)
const cache = new Map<string, string>()

/**
 * `entry` is TypeScript, resolved from the package root. Synchronous (trace
 * pages are rendered with the other formats); esbuild is loaded only when a
 * page is made.
 */
export function browserBundle(entry: string): string {
  const hit = cache.get(entry)
  if (hit !== undefined) return hit
  const esbuild = require('esbuild') as typeof import('esbuild')
  const out = esbuild.buildSync({
    stdin: { contents: entry, resolveDir: ROOT, sourcefile: 'page-entry.ts', loader: 'ts' },
    absWorkingDir: ROOT, bundle: true, platform: 'browser', format: 'iife', target: 'es2020',
    minify: true, legalComments: 'none', charset: 'utf8', write: false, logLevel: 'silent',
  })
  const code = out.outputFiles[0]!.text
  cache.set(entry, code)
  return code
}

/** The script of a trace page. */
export const tracePageScript = (): string =>
  browserBundle("import { startTracePage } from './src/report/html/tracePage.ts'\nstartTracePage()\n")

/**
 * The explorer's script: the engine, the page and the spec in one bundle.
 * `specImport` is TypeScript that defines `spec` (see load.ts); a spec's
 * `import ... from 'sptecheck'` is pointed at this copy of the vocabulary,
 * as when the command line loads it. Throws esbuild's error when the spec
 * cannot be bundled for a browser (it imports node:fs, say).
 */
export async function explorerScript(specImport: string): Promise<string> {
  const esbuild = await import('esbuild')
  const self: Record<string, string> = { sptecheck: join(ROOT, 'src', 'index.ts'), 'sptecheck/engine': join(ROOT, 'src', 'engine.ts') }
  const out = await esbuild.build({
    stdin: {
      contents: `${specImport}\nimport { startExplorer } from './src/report/html/explorePage.ts'\nstartExplorer(spec)\n`,
      resolveDir: ROOT, sourcefile: 'explore-entry.ts', loader: 'ts',
    },
    absWorkingDir: ROOT, bundle: true, platform: 'browser', format: 'iife', target: 'es2020',
    minify: true, legalComments: 'none', charset: 'utf8', write: false, logLevel: 'silent',
    plugins: [{ name: 'sptecheck', setup: b => b.onResolve({ filter: /^sptecheck(\/engine)?$/ }, a => ({ path: self[a.path]! })) }],
  })
  return out.outputFiles[0]!.text
}

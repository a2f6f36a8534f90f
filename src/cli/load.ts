/**
 * A spec by name (the specs shipped with sptecheck) or by module path (a
 * user's `.ts`, `.mts`, `.js` or `.mjs` file anywhere, whose default export
 * is the spec).
 *
 * A spec file is bundled with esbuild before it is imported: esbuild strips
 * TypeScript types with no config and no build step, follows the spec's own
 * imports (relative files, its project's packages), works offline, and
 * treats a `.ts` file the same in any folder, whatever its package.json says
 * about module formats. `import ... from 'sptecheck'` in the file is pointed
 * at this very copy of the vocabulary, so a spec runs whether or not its own
 * project installed sptecheck. The bundle is written next to the system's
 * temporary files, named by its content, so worker threads can import it too.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { extname, join, resolve as resolvePath } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import type { Spec } from '../model/spec.js'
import { messageOf } from '../semantics/specError.js'
import { ROOT } from '../util/root.js'
import { UsageError } from './usageError.js'

export interface LoadedSpec {
  readonly spec: Spec
  /** The module's absolute path, for a spec loaded from a file. */
  readonly module?: string
  /** The bundle that was imported (worker threads import it too). */
  readonly bundle?: string
}

const EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs']
/** The vocabulary and the engine of this copy of sptecheck, which a spec file's `import 'sptecheck'` must reach. */
const SELF: Record<string, string> = {
  sptecheck: fileURLToPath(new URL('../index.js', import.meta.url)),
  'sptecheck/engine': fileURLToPath(new URL('../engine.js', import.meta.url)),
}

/** The specs shipped in this package's spec/ folder, found at run time like any other spec module. */
export async function builtinSpecs(): Promise<readonly Spec[]> {
  const m = await import(new URL('../../spec/index.js', import.meta.url).href) as { specs: readonly Spec[] }
  return m.specs
}

export const looksLikePath = (ref: string): boolean =>
  ref.includes('/') || ref.includes('\\') || EXTENSIONS.includes(extname(ref))

export async function loadSpec(ref: string | undefined): Promise<LoadedSpec> {
  const builtins = await builtinSpecs()
  const names = builtins.map(s => s.name).join(', ')
  if (ref === undefined) throw new UsageError(`name a spec (one of ${names}) or give the path of a spec file`)
  if (!looksLikePath(ref)) {
    const spec = builtins.find(s => s.name === ref)
    if (spec === undefined) throw new UsageError(`unknown spec '${ref}'; the specs are: ${names} (or give the path of a spec file, e.g. ./my-spec.ts)`)
    return { spec }
  }
  const file = resolvePath(ref)
  if (!existsSync(file)) throw new UsageError(`spec file ${ref} does not exist`)
  if (statSync(file).isDirectory()) throw new UsageError(`${ref} is a folder; give the spec file itself`)
  if (!EXTENSIONS.includes(extname(file))) throw new UsageError(`${ref}: a spec file ends in ${EXTENSIONS.join(', ')}`)
  const bundle = await bundleOrFail(file)
  return { spec: await importSpec(file, bundle), module: file, bundle }
}

/** A spec that does not load is the spec's problem: one line, the spec-error status. */
function loadError(file: string, e: unknown): UsageError {
  const errors = (e as { errors?: { text: string; location?: { file: string; line: number } }[] }).errors
  const first = errors?.[0]
  const why = first ? `${first.location ? `${first.location.file}:${first.location.line}: ` : ''}${first.text}` : firstLine(messageOf(e))
  return new UsageError(`spec file ${file} could not be loaded: ${why}`, 70)
}

async function bundleOrFail(file: string): Promise<string> {
  try {
    return await bundleSpec(file)
  } catch (e) {
    throw loadError(file, e)
  }
}

/**
 * TypeScript that defines `spec` as the loaded spec, for bundling it into a
 * page with the engine (the explorer): the shipped specs from their sources,
 * a spec file from its path.
 */
export function specImport(loaded: LoadedSpec): string {
  if (loaded.module !== undefined) {
    return `import * as specModule from ${JSON.stringify(loaded.module)}\nconst spec = (specModule as any).default ?? (specModule as any).spec\n`
  }
  return `import { specs } from ${JSON.stringify(join(ROOT, 'spec', 'index.ts'))}\nconst spec = specs.find(s => s.name === ${JSON.stringify(loaded.spec.name)})!\n`
}

/** Bundles a spec file into one ES module (see the header); returns the bundle's path. */
export async function bundleSpec(file: string): Promise<string> {
  const { build } = await import('esbuild')
  const out = await build({
    entryPoints: [file], bundle: true, format: 'esm', platform: 'node', target: 'node20', write: false,
    sourcemap: 'inline', logLevel: 'silent',
    plugins: [{
      name: 'sptecheck',
      setup: b => b.onResolve({ filter: /^sptecheck(\/engine)?$/ }, a => ({ path: pathToFileURL(SELF[a.path]!).href, external: true })),
    }],
  })
  const code = out.outputFiles[0]!.text
  const dir = join(tmpdir(), 'sptecheck-specs')
  mkdirSync(dir, { recursive: true })
  const path = join(dir, `${createHash('sha256').update(file).update(code).digest('hex').slice(0, 16)}.mjs`)
  if (!existsSync(path)) writeFileSync(path, code)
  return path
}

async function importSpec(file: string, bundle: string): Promise<Spec> {
  let ns: Record<string, unknown>
  try {
    ns = await import(pathToFileURL(bundle).href) as Record<string, unknown>
  } catch (e) {
    throw loadError(file, e)
  }
  const spec = (ns['default'] ?? ns['spec']) as Spec | undefined
  const problem = specShapeProblem(spec)
  if (problem !== undefined) throw new UsageError(`${file}: ${problem}`, 70)
  return spec!
}

const firstLine = (s: string): string => s.split('\n', 1)[0]!

/** What is wrong with a module's default export as a spec, if anything. */
export function specShapeProblem(spec: unknown): string | undefined {
  if (spec === undefined) return 'no default export; end the file with `export default defineSpec({ ... })`'
  if (typeof spec !== 'object' || spec === null) return 'the default export is not a spec object'
  const s = spec as Record<string, unknown>
  if (typeof s['name'] !== 'string' || s['name'] === '') return 'the spec has no name'
  if (typeof s['params'] !== 'object' || s['params'] === null) return `spec ${String(s['name'])} has no params (use params: {} for none)`
  if (typeof s['build'] !== 'function') return `spec ${String(s['name'])} has no build function`
  return undefined
}

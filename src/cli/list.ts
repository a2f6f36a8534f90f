/** `sptecheck list [spec]`: the specs, their parameters (with domains and defaults) and variants. */
import { describeParam } from '../model/params.js'
import type { Spec } from '../model/spec.js'
import { parseArgs } from './args.js'
import { Exit } from './exitCodes.js'
import { builtinSpecs, loadSpec } from './load.js'
import { orUsage, UsageError } from './usageError.js'

export function describeSpec(spec: Spec): string {
  const out = [`${spec.name}: ${spec.description}`, '  parameters:']
  for (const [k, d] of Object.entries(spec.params)) out.push(`    ${describeParam(k, d)}`)
  const variants = Object.entries(spec.variants ?? {})
  if (variants.length > 0) out.push('  variants:')
  for (const [k, v] of variants) out.push(`    ${k}${k === spec.defaultVariant ? ' (default)' : ''}: ${v.description}`)
  if (spec.matrix) out.push(`  verdict matrix: ${spec.matrix.rows.length} rows (sptecheck matrix ${spec.name})`)
  return out.join('\n')
}

export async function listCommand(argv: readonly string[]): Promise<number> {
  const p = orUsage(parseArgs(argv, { valued: [], boolean: [] }))
  if (p.positional.length > 1) throw new UsageError(`list takes at most one spec, got: ${p.positional.join(' ')}`)
  const specs = p.positional[0] === undefined ? await builtinSpecs() : [(await loadSpec(p.positional[0])).spec]
  process.stdout.write(`${specs.map(describeSpec).join('\n\n')}\n`)
  return Exit.verified
}

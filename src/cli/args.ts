/**
 * argv -> options. Every failure is a one-line message (Left); the caller
 * prints it with the usage hint and exits with the usage status.
 */
import * as E from 'fp-ts/lib/Either.js'

export interface FlagSpec {
  /** Flags that take a value; the value may repeat where `repeat` lists the flag. */
  readonly valued: readonly string[]
  readonly boolean: readonly string[]
  readonly repeat?: readonly string[]
}

export interface Parsed {
  readonly positional: string[]
  readonly values: Record<string, string[]>
  readonly flags: Set<string>
}

export function parseArgs(argv: readonly string[], spec: FlagSpec): E.Either<string, Parsed> {
  const positional: string[] = []
  const values: Record<string, string[]> = {}
  const flags = new Set<string>()
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (!a.startsWith('--')) { positional.push(a); continue }
    const eq = a.indexOf('=')
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2)
    if (spec.boolean.includes(name)) {
      if (eq > 0) return E.left(`--${name} takes no value`)
      flags.add(name)
    } else if (spec.valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i]
      if (v === undefined || (eq < 0 && v.startsWith('--'))) return E.left(`--${name} needs a value`)
      const list = (values[name] ??= [])
      if (list.length > 0 && !spec.repeat?.includes(name)) return E.left(`--${name} given twice`)
      list.push(v)
    } else {
      const known = [...spec.valued, ...spec.boolean].map(f => `--${f}`).join(' ')
      return E.left(`unknown option --${name}; this command takes: ${known || '(no options)'}`)
    }
  }
  return E.right({ positional, values, flags })
}

/** A non-negative integer flag value, or undefined when absent. */
export function natFlag(p: Parsed, name: string): E.Either<string, number | undefined> {
  const v = p.values[name]?.[0]
  if (v === undefined) return E.right(undefined)
  return /^\d+$/.test(v) ? E.right(Number(v)) : E.left(`--${name} expects a non-negative integer, got '${v}'`)
}

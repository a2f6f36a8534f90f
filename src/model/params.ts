/**
 * Resolving a spec's parameters: defaults, then the named variant's presets,
 * then each `--set key=value` in order. Everything here is user input, so
 * failures are values (Either), each a one-line message saying what to do.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ParamDecl, ParamValues, Spec, Value } from './spec.js'

export interface Resolved {
  readonly variant: string | undefined
  readonly params: ParamValues
}

export function resolveParams(spec: Spec, variant: string | undefined, sets: readonly string[]): E.Either<string, Resolved> {
  const variants = spec.variants ?? {}
  const name = variant ?? spec.defaultVariant
  if (name !== undefined && !(name in variants)) {
    return E.left(`spec ${spec.name} has no variant '${name}'; its variants are: ${Object.keys(variants).join(', ') || '(none)'}`)
  }
  const base: Record<string, Value> = Object.fromEntries(Object.entries(spec.params).map(([k, d]) => [k, d.default]))
  const preset = name === undefined ? {} : variants[name]!.set
  return pipe(
    sets.reduce<E.Either<string, Record<string, Value>>>(
      (acc, kv) => pipe(acc, E.chain(ps => pipe(parseSet(spec, kv), E.map(([k, v]) => ({ ...ps, [k]: v }))))),
      E.right({ ...base, ...preset }),
    ),
    E.map(params => ({ variant: name, params })),
  )
}

function parseSet(spec: Spec, kv: string): E.Either<string, [string, Value]> {
  const eq = kv.indexOf('=')
  if (eq <= 0) return E.left(`--set expects key=value, got '${kv}'`)
  const key = kv.slice(0, eq)
  const raw = kv.slice(eq + 1)
  const decl = spec.params[key]
  if (decl === undefined) {
    return E.left(`spec ${spec.name} has no parameter '${key}'; its parameters are: ${Object.keys(spec.params).join(', ')}`)
  }
  return pipe(parseValue(decl, raw), E.mapLeft(why => `--set ${key}=${raw}: ${why}`), E.map(v => [key, v] as [string, Value]))
}

export function parseValue(decl: ParamDecl, raw: string): E.Either<string, Value> {
  switch (decl.kind) {
    case 'int': {
      const n = Number(raw)
      return /^-?\d+$/.test(raw) && n >= decl.min && n <= decl.max ? E.right(n) : E.left(`expected an integer in ${decl.min}..${decl.max}`)
    }
    case 'bool':
      return raw === 'true' || raw === 'on' || raw === '1' ? E.right(true)
        : raw === 'false' || raw === 'off' || raw === '0' ? E.right(false)
        : E.left('expected true/false (or on/off)')
    case 'enum':
      return decl.values.includes(raw) ? E.right(raw) : E.left(`expected one of ${decl.values.join(', ')}`)
  }
}

/** `name (kind, default; allowed)` for `list`. */
export const describeParam = (name: string, d: ParamDecl): string => {
  const allowed = d.kind === 'int' ? `${d.min}..${d.max}` : d.kind === 'bool' ? 'true|false' : d.values.join('|')
  return `${name}=${String(d.default)} (${allowed}): ${d.description}`
}

/**
 * CONSTANTS: a spec's parameters are scalar domains with a default and a
 * description, so their values are typed by the same `Infer` as state
 * variables. Resolving them: defaults, then the named variant's presets, then
 * each override in order. Everything here is user input, so failures are
 * values (Either), each a one-line message saying what to do.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { showDomain, type BoolDomain, type EnumDomain, type Infer, type IntDomain } from './domain.js'

export type Value = string | number | boolean
export type ScalarDomain<T = unknown> = EnumDomain<T> | IntDomain<T> | BoolDomain<T>

/** One CONSTANT: its domain, default and a one-sentence description. */
export interface Param<T extends Value = Value> {
  readonly domain: ScalarDomain<T>
  readonly default: T
  readonly description: string
}
export type ParamDecls = { readonly [name: string]: Param<any> }

/** The values of a spec's parameters, typed from their domains. */
export type ParamsOf<D extends ParamDecls> = { readonly [K in keyof D]: D[K] extends Param<infer T> ? T : never }
export type ParamValues = Readonly<Record<string, Value>>

/** `param(int(2, 8), 3, 'number of processes')`. */
export const param = <D extends ScalarDomain<any>>(domain: D, dflt: Infer<D>, description: string): Param<Infer<D>> =>
  ({ domain: domain as ScalarDomain<Infer<D>>, default: dflt, description })

export interface Variant<P = ParamValues> {
  readonly description: string
  /** Parameters this preset sets; the rest keep their defaults. */
  readonly set: Partial<P>
}

/** What a spec needs for resolving: its name, parameters and variants. */
export interface Parameterised {
  readonly name: string
  readonly params: ParamDecls
  readonly variants?: Readonly<Record<string, Variant<any>>>
  readonly defaultVariant?: string
}

export interface Resolved {
  readonly variant: string | undefined
  readonly params: ParamValues
}

/** Whether `v` is a value of the parameter's domain; a message saying what is expected if not. */
export function checkParam(p: Param, v: unknown): string | undefined {
  const d = p.domain
  switch (d.kind) {
    case 'int': return typeof v === 'number' && Number.isInteger(v) && v >= d.min && v <= d.max ? undefined : `expected an integer in ${d.min}..${d.max}`
    case 'bool': return typeof v === 'boolean' ? undefined : 'expected true or false'
    case 'enum': return typeof v === 'string' && d.values.includes(v) ? undefined : `expected one of ${d.values.join(', ')}`
  }
}

/** Defaults, then the variant, then `overrides` (already typed values, e.g. a matrix row). */
export function resolveParams(spec: Parameterised, variant: string | undefined, overrides: Readonly<Record<string, unknown>> = {}): E.Either<string, Resolved> {
  const variants = spec.variants ?? {}
  const name = variant ?? spec.defaultVariant
  if (name !== undefined && !(name in variants)) {
    return E.left(`spec ${spec.name} has no variant '${name}'; its variants are: ${Object.keys(variants).join(', ') || '(none)'}`)
  }
  const out: Record<string, Value> = Object.fromEntries(Object.entries(spec.params).map(([k, d]) => [k, d.default]))
  const layers: [string, Readonly<Record<string, unknown>>][] = [[`variant ${name}`, name === undefined ? {} : variants[name]!.set], ['', overrides]]
  for (const [where, layer] of layers) {
    for (const [k, v] of Object.entries(layer)) {
      const decl = spec.params[k]
      if (decl === undefined) return E.left(`spec ${spec.name}${where ? ` (${where})` : ''} has no parameter '${k}'; its parameters are: ${Object.keys(spec.params).join(', ')}`)
      const bad = checkParam(decl, v)
      if (bad !== undefined) return E.left(`${where ? `${where}: ` : ''}${k}=${String(v)}: ${bad}`)
      out[k] = v as Value
    }
  }
  return E.right({ variant: name, params: out })
}

/** `--set key=value` items, parsed against the spec's declarations. */
export function parseSets(spec: Parameterised, sets: readonly string[]): E.Either<string, Record<string, Value>> {
  const out: Record<string, Value> = {}
  for (const kv of sets) {
    const eq = kv.indexOf('=')
    if (eq <= 0) return E.left(`--set expects key=value, got '${kv}'`)
    const key = kv.slice(0, eq)
    const raw = kv.slice(eq + 1)
    const decl = spec.params[key]
    if (decl === undefined) {
      return E.left(`spec ${spec.name} has no parameter '${key}'; its parameters are: ${Object.keys(spec.params).join(', ')}`)
    }
    const v = parseValue(decl, raw)
    if (E.isLeft(v)) return E.left(`--set ${key}=${raw}: ${v.left}`)
    out[key] = v.right
  }
  return E.right(out)
}

/** Variant and `--set` items from the command line, in one step. */
export const resolveCommandLine = (spec: Parameterised, variant: string | undefined, sets: readonly string[]): E.Either<string, Resolved> =>
  pipe(parseSets(spec, sets), E.chain(o => resolveParams(spec, variant, o)))

export function parseValue(decl: Param, raw: string): E.Either<string, Value> {
  const d = decl.domain
  switch (d.kind) {
    case 'int': {
      const n = Number(raw)
      return /^-?\d+$/.test(raw) && n >= d.min && n <= d.max ? E.right(n) : E.left(`expected an integer in ${d.min}..${d.max}`)
    }
    case 'bool':
      return raw === 'true' || raw === 'on' || raw === '1' ? E.right(true)
        : raw === 'false' || raw === 'off' || raw === '0' ? E.right(false)
        : E.left('expected true/false (or on/off)')
    case 'enum':
      return d.values.includes(raw) ? E.right(raw) : E.left(`expected one of ${d.values.join(', ')}`)
  }
}

/** `name=default (allowed): description`, for `list`. */
export const describeParam = (name: string, p: Param): string => {
  const allowed = p.domain.kind === 'bool' ? 'true|false' : p.domain.kind === 'enum' ? p.domain.values.join('|') : showDomain(p.domain)
  return `${name}=${String(p.default)} (${allowed}): ${p.description}`
}

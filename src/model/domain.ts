/**
 * Finite domains of state variables: the type of a variable is also its TypeOK.
 * From these the engine derives a canonical bit-packed encoding (see codec.ts).
 */

export type Scalar = string | number | boolean

export type Domain<T = unknown> =
  | EnumDomain<T>
  | IntDomain<T>
  | BoolDomain<T>
  | RecordDomain<T>
  | ArrayDomain<T>

interface Phantom<T> {
  /** Never set; carries the value type for `Infer`. */
  readonly __type?: T
}
export interface EnumDomain<T> extends Phantom<T> { readonly kind: 'enum'; readonly values: readonly string[] }
export interface IntDomain<T> extends Phantom<T> { readonly kind: 'int'; readonly min: number; readonly max: number }
export interface BoolDomain<T> extends Phantom<T> { readonly kind: 'bool' }
export interface RecordDomain<T> extends Phantom<T> {
  readonly kind: 'record'
  readonly fields: { readonly [k: string]: Domain }
}
export interface ArrayDomain<T> extends Phantom<T> {
  readonly kind: 'array'
  readonly of: Domain
  readonly length: number
}

export type Infer<D> = D extends Phantom<infer T> ? T : never

/** `enumOf('ncs', 'wait')`: one of the listed strings. */
export const enumOf = <const V extends readonly string[]>(...values: V): EnumDomain<V[number]> => {
  if (values.length === 0) throw new Error('enumOf() needs at least one value')
  if (new Set(values).size !== values.length) throw new Error(`enumOf(${values.join(', ')}) lists a value twice`)
  return { kind: 'enum', values }
}

/** `int(0, 3)`: an integer in the closed range. */
export const int = (min: number, max: number): IntDomain<number> => {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new Error(`int(${min}, ${max}) is not a non-empty integer range`)
  return { kind: 'int', min, max }
}

export const bool: BoolDomain<boolean> = { kind: 'bool' }

/** A record with a fixed set of fields, each with its own domain. */
export const record = <F extends { readonly [k: string]: Domain }>(
  fields: F,
): RecordDomain<{ -readonly [K in keyof F]: Infer<F[K]> }> => ({ kind: 'record', fields })

/** A fixed-length array (a TLA+ function from 0..length-1). */
export const array = <D extends Domain>(of: D, length: number): ArrayDomain<Infer<D>[]> => {
  if (!Number.isInteger(length) || length < 0) throw new Error(`array length ${length} is not a natural number`)
  return { kind: 'array', of, length }
}

/** How many values a scalar domain has. */
export const cardinality = (d: EnumDomain<unknown> | IntDomain<unknown> | BoolDomain<unknown>): number =>
  d.kind === 'enum' ? d.values.length : d.kind === 'int' ? d.max - d.min + 1 : 2

/** A short human rendering of a scalar domain, for error messages. */
export const showDomain = (d: Domain): string => {
  switch (d.kind) {
    case 'enum': return `{${d.values.join(', ')}}`
    case 'int': return `${d.min}..${d.max}`
    case 'bool': return 'BOOLEAN'
    case 'record': return `[${Object.entries(d.fields).map(([k, f]) => `${k}: ${showDomain(f)}`).join(', ')}]`
    case 'array': return `Seq(${showDomain(d.of)}, ${d.length})`
  }
}

/**
 * Informal Trace Format (Apalache ADR-015, `.itf.json`), written and read
 * through the spec's declared domains: enums are strings, integers
 * `{"#bigint": "n"}`, booleans JSON booleans, arrays lists, records records.
 * `#meta` carries the spec, variant, parameters, the violated property, the
 * Apalache `varTypes` and, per state, the action taken and its parameters.
 */
import type { Domain } from '../model/domain.js'
import { showDomain } from '../model/domain.js'
import type { Value } from '../model/spec.js'
import type { Trace } from '../explorer/result.js'
import type { TransitionSystem } from '../semantics/system.js'

export type ItfValue = boolean | string | ItfValue[] | { '#bigint': string } | { [field: string]: ItfValue }

export interface ItfMeta {
  readonly spec: string
  /** The spec's module file, when it was loaded from a path (relative to the trace file, or to the working folder on stdout). */
  readonly specModule?: string
  readonly variant: string | null
  readonly params: Readonly<Record<string, Value>>
  readonly status: 'violation' | 'deadlock' | 'ok'
  readonly property?: string
  readonly propertyKind?: 'invariant' | 'property' | 'liveness'
  readonly propertyDescription?: string
  /** For a lasso: the action instance that leads from the last state back to `loop` (absent: the last state stutters). */
  readonly closingAction?: string
  readonly closingParams?: Readonly<Record<string, Value>>
}

export function toItfValue(d: Domain, v: unknown): ItfValue {
  switch (d.kind) {
    case 'int': return { '#bigint': String(v) }
    case 'enum': return v as string
    case 'bool': return v as boolean
    case 'array': return (v as unknown[]).map(x => toItfValue(d.of, x))
    case 'record': return Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, toItfValue(f, (v as Record<string, unknown>)[k])]))
  }
}

/** Apalache's type of a domain (ADR-002 syntax), for `#meta.varTypes`. */
export function itfType(d: Domain): string {
  switch (d.kind) {
    case 'int': return 'Int'
    case 'enum': return 'Str'
    case 'bool': return 'Bool'
    case 'array': return `Seq(${itfType(d.of)})`
    case 'record': return `{ ${Object.entries(d.fields).map(([k, f]) => `${k}: ${itfType(f)}`).join(', ')} }`
  }
}

const paramValue = (v: Value): ItfValue => (typeof v === 'number' ? { '#bigint': String(v) } : v)

/** A trace as an ITF document. `loop`, for a lasso, is the index of the state where the cycle starts (ADR-015). */
export function toItf<S>(sys: TransitionSystem<S>, trace: Trace<S>, meta: ItfMeta, loop?: number): object {
  const vars = sys.model.vars
  const names = Object.keys(vars.fields)
  return {
    '#meta': {
      format: 'ITF',
      'format-description': 'https://apalache-mc.org/docs/adr/015adr-trace.html',
      source: `sptecheck spec ${meta.spec}`,
      description: `Created by sptecheck: ${meta.status}${meta.property ? ` of ${meta.property}` : ''}`,
      ...meta,
      ...(meta.closingParams ? { closingParams: Object.fromEntries(Object.entries(meta.closingParams).map(([k, v]) => [k, paramValue(v)])) } : {}),
      varTypes: Object.fromEntries(names.map(n => [n, itfType(vars.fields[n]!)])),
    },
    vars: names,
    ...(loop === undefined ? {} : { loop }),
    states: trace.map((st, index) => {
      const actor = index === 0 ? undefined : sys.instances[st.instance]?.actor
      return {
        '#meta': {
          index,
          action: index === 0 ? 'init' : st.action,
          params: Object.fromEntries(Object.entries(st.params).map(([k, v]) => [k, paramValue(v)])),
          ...(actor ? { actor } : {}),
        },
        ...Object.fromEntries(names.map(n => [n, toItfValue(vars.fields[n]!, (st.state as Record<string, unknown>)[n])])),
      }
    }),
  }
}

/** Reading is done against the domains; every failure names the place. */
export class ItfError extends Error {}

export function fromItfValue(d: Domain, v: unknown, where: string): unknown {
  const bad = (what: string): never => { throw new ItfError(`${where}: ${what}`) }
  switch (d.kind) {
    case 'int': {
      const n = typeof v === 'object' && v !== null && '#bigint' in v ? Number((v as { '#bigint': unknown })['#bigint'])
        : typeof v === 'number' ? v : NaN // plain numbers: accepted for old ITF, never written
      if (!Number.isInteger(n)) bad(`expected an integer ({"#bigint": "..."}), got ${JSON.stringify(v)}`)
      if (n < d.min || n > d.max) bad(`${n} is outside ${showDomain(d)}`)
      return n
    }
    case 'enum':
      if (typeof v !== 'string' || !d.values.includes(v)) bad(`expected one of ${showDomain(d)}, got ${JSON.stringify(v)}`)
      return v
    case 'bool':
      if (typeof v !== 'boolean') bad(`expected a boolean, got ${JSON.stringify(v)}`)
      return v
    case 'array':
      if (!Array.isArray(v)) bad(`expected a list of ${d.length}, got ${JSON.stringify(v)}`)
      if ((v as unknown[]).length !== d.length) bad(`expected a list of ${d.length}, got ${(v as unknown[]).length} elements`)
      return (v as unknown[]).map((x, i) => fromItfValue(d.of, x, `${where}[${i}]`))
    case 'record': {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(`expected a record, got ${JSON.stringify(v)}`)
      const o = v as Record<string, unknown>
      for (const k of Object.keys(o)) if (!k.startsWith('#') && !(k in d.fields)) bad(`unknown field '${k}'`)
      return Object.fromEntries(Object.entries(d.fields).map(([k, f]) => {
        if (!(k in o)) bad(`missing field '${k}'`)
        return [k, fromItfValue(f, o[k], `${where}.${k}`)]
      }))
    }
  }
}

export const fromParamValue = (v: unknown): Value | undefined =>
  typeof v === 'object' && v !== null && '#bigint' in v ? Number((v as { '#bigint': string })['#bigint'])
    : typeof v === 'string' || typeof v === 'boolean' || typeof v === 'number' ? v : undefined

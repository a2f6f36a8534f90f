import type { Action, Model, Value } from '../model/spec.js'

/** One (action, parameter binding) pair; its index in the table is what the store records. */
export interface Instance<S> {
  readonly actionIndex: number
  readonly action: Action<S, any, any>
  readonly params: Readonly<Record<string, Value>>
}

/** All instances of all actions, computed once, in declaration order. */
export function instanceTable<S>(model: Model<S>): Instance<S>[] {
  return model.actions.flatMap((action, actionIndex) =>
    bindings(action.params as Record<string, readonly Value[]>).map(params => ({ actionIndex, action, params })))
}

/** Cartesian product of parameter domains, first parameter varying slowest. */
export function bindings(domains: Readonly<Record<string, readonly Value[]>>): Record<string, Value>[] {
  let out: Record<string, Value>[] = [{}]
  for (const [name, values] of Object.entries(domains)) {
    out = out.flatMap(b => values.map(v => ({ ...b, [name]: v })))
  }
  return out
}

/** `Name(k=v, ...)`, for messages and traces. */
export const showInstance = (action: string, params: Readonly<Record<string, Value>>): string => {
  const ps = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`)
  return ps.length === 0 ? action : `${action}(${ps.join(', ')})`
}

/**
 * The action-instance table: every (action, parameter binding) pair of the
 * actions that exist in this configuration, built once, in declaration order.
 * An instance's index in the table is what the state store records per state.
 */
import type { Action, Bindings, Model, Value } from '../model/spec.js'

export interface Instance<S> {
  readonly actionIndex: number
  readonly action: Action<S, any, any>
  readonly params: Bindings
  /** The process taking the step (`action.actor`), or undefined when the spec names none. */
  readonly actor: string | undefined
  /** `Name(k=v, ...)`, for messages. */
  readonly label: string
}

export function instanceTable<S>(model: Model<S>): Instance<S>[] {
  return model.actions.flatMap((action, actionIndex) => action.exists === false ? []
    : bindings(action.params as Record<string, readonly Value[]>).map(params => ({
      actionIndex, action, params, actor: action.actor?.(params as never), label: showInstance(action.name, params),
    })))
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
export const showInstance = (action: string, params: Bindings): string => {
  const ps = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`)
  return ps.length === 0 ? action : `${action}(${ps.join(', ')})`
}

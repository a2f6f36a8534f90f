/**
 * What a step changed, at the granularity a reader wants: an element the
 * spec knows how to format (an SPTE as `{W,A,D}`) as one change, anything else
 * leaf by leaf (`thread[1].pc`). Text, chart and Mermaid traces share it.
 */
import type { TransitionSystem } from '../semantics/system.js'
import { at, showValue } from './leaves.js'

export interface Change {
  /** The top-level variable. */
  readonly variable: string
  readonly path: string
  readonly value: string
}

const topOf = (path: string): string => path.split(/[.[]/, 1)[0]!

/** Every display unit of a state, in declaration order. */
export function units<S>(sys: TransitionSystem<S>, s: S): Change[] {
  const format = sys.model.view?.format ?? {}
  const out: Change[] = []
  const done = new Set<string>()
  for (const slot of sys.codec.slots) {
    const variable = topOf(slot.path)
    const fmt = format[variable]
    if (fmt === undefined) { out.push({ variable, path: slot.path, value: showValue(at(s, slot.path)) }); continue }
    if (done.has(variable)) continue
    done.add(variable)
    const v = (s as Record<string, unknown>)[variable]
    if (Array.isArray(v)) v.forEach((x, i) => out.push({ variable, path: `${variable}[${i}]`, value: fmt(x) }))
    else out.push({ variable, path: variable, value: fmt(v) })
  }
  return out
}

/** The units whose rendering differs between two states (their new values). */
export function changes<S>(sys: TransitionSystem<S>, prev: S, next: S): Change[] {
  const a = units(sys, prev)
  const b = units(sys, next)
  return b.filter((u, i) => u.value !== a[i]!.value)
}

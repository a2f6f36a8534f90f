/** Leaf-level access to a state by the codec's slot paths, for diffs and tables. */
import type { Value } from '../model/spec.js'
import type { Codec } from '../semantics/codec.js'

/** [path, value] for every scalar of `s`, in declaration order. */
export function leaves<S>(codec: Codec<S>, s: S): [string, Value][] {
  return codec.slots.map(slot => [slot.path, at(s, slot.path)])
}

const SEG = /([^.[\]]+)|\[(\d+)\]/g

export function at(s: unknown, path: string): Value {
  let cur: any = s
  for (const m of path.matchAll(SEG)) cur = cur?.[m[1] ?? Number(m[2])]
  return cur as Value
}

export const showValue = (v: Value): string => (typeof v === 'string' ? v : String(v))

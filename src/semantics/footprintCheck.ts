/**
 * Whether declared footprints tell the truth about reads (writes are checked
 * on every step of a reduced search): partial-order reduction is sound only
 * if an action depends on nothing outside what it declares. For sample states
 * and each instance with a footprint, every variable outside its declared
 * reads is changed to another value of its domain: the guard must give the
 * same answer (outside the declared guard reads, too), and the update must
 * write the same values. (`lint` runs it on the states of its search.)
 */
import { slotsOf } from './por.js'
import type { TransitionSystem } from './system.js'

const has = (bits: Uint32Array, k: number) => (bits[k >> 5]! & (1 << (k & 31))) !== 0

export function footprintReadProblems<S>(sys: TransitionSystem<S>, states: readonly Uint32Array[], maxStates = 60): string[] {
  const problems = new Set<string>()
  const slots = sys.codec.slots
  const plans = sys.instances.flatMap((inst, i) => {
    const f = inst.action.footprint?.(inst.params as never)
    if (f === undefined) return []
    const writes = slotsOf(sys.codec, f.writes)
    const reads = slotsOf(sys.codec, f.reads)
    for (let k = 0; k < reads.length; k++) reads[k]! |= writes[k]!
    const guard = f.guard === undefined ? reads : slotsOf(sys.codec, f.guard)
    return [{ i, inst, reads, writes, guard }]
  })
  if (plans.length === 0) return []
  const other = new Uint32Array(sys.words)
  const read = (w: Uint32Array, k: number) => (w[slots[k]!.word]! >>> slots[k]!.shift) & (slots[k]!.bits === 0 ? 0 : 2 ** slots[k]!.bits - 1)
  const card = (k: number) => { const d = slots[k]!.domain; return d.kind === 'enum' ? d.values.length : d.kind === 'int' ? d.max - d.min + 1 : 2 }
  /** The state's values on the written slots after instance i, or undefined when disabled. */
  const effect = (w: Uint32Array, i: number, writes: Uint32Array): string | undefined => {
    let after: Uint32Array
    try {
      const next = sys.applyReference(i, sys.decode(w))
      if (next === undefined) return undefined
      after = sys.encode(next)
    } catch {
      // A changed state may drive the update out of its domains: that says nothing about the footprint.
      return 'threw'
    }
    return slots.flatMap((_, k) => (has(writes, k) ? [read(after, k)] : [])).join(',')
  }
  for (const w of states.slice(0, maxStates)) {
    for (const { i, inst, reads, writes, guard } of plans) {
      const base = effect(w, i, writes)
      for (let k = 0; k < slots.length; k++) {
        const outsideReads = !has(reads, k)
        const outsideGuard = !has(guard, k)
        if ((!outsideReads && !outsideGuard) || card(k) < 2) continue
        other.set(w)
        const v = (read(w, k) + 1) % card(k)
        const sl = slots[k]!
        const mask = ((2 ** sl.bits - 1) * 2 ** sl.shift) | 0
        other[sl.word] = (other[sl.word]! & ~mask) | (v << sl.shift)
        const changed = effect(other, i, writes)
        if (changed === 'threw' || base === 'threw') continue
        if (outsideGuard && (changed === undefined) !== (base === undefined)) {
          problems.add(`the footprint of ${inst.label}: its guard reads ${sl.path}, which the footprint does not declare`)
        } else if (outsideReads && changed !== base) {
          problems.add(`the footprint of ${inst.label}: it reads ${sl.path}, which the footprint does not declare`)
        }
      }
    }
  }
  return [...problems]
}

/**
 * Partial-order reduction by ample sets (Peled; Clarke, Grumberg and Peled,
 * Model Checking, ch. 10), from the footprints actions declare.
 *
 * In a state s, the ample set is the enabled instances E of one actor P
 * (instead of every enabled instance) when:
 *   C1  every instance in E is independent of every instance of every other
 *       actor (neither writes what the other reads or writes), and the guard
 *       of every instance of P that is disabled in s reads only variables no
 *       other actor writes, so nothing but P itself can enable it: no step
 *       that depends on E can happen before a step of E;
 *   C2  every instance in E is invisible: it writes no variable a property
 *       reads, and no transition property constrains it;
 *   C0  E is not empty (and is not already all of enabled(s));
 *   C3  every successor through E lies in the next BFS level (it is new, or
 *       a sibling found it in this level): every edge out of a reduced state
 *       then goes one level deeper, so every cycle has a fully expanded state
 *       (the proviso for breadth-first search). The search checks this one,
 *       and expands s fully when it fails.
 * These preserve every reachable deadlock and every violation of the
 * properties (stutter-equivalent behaviours are kept), not the shortest
 * length of a counterexample: the output says so.
 *
 * An action without a footprint reads and writes everything, and a property
 * without `reads` reads everything, so a spec that declares nothing gets no
 * reduction. Declared writes are checked on every step (a write outside them
 * is a spec error); `lint` checks declared reads.
 */
import type { Model } from '../model/spec.js'
import type { Codec } from './codec.js'
import type { Instance } from './instances.js'

export interface Reduction {
  /** Per instance, the bitset of slots it may write (checked on every step). */
  readonly writes: readonly Uint32Array[]
  readonly reads: readonly Uint32Array[]
  /** The ample candidates: an instance list per actor whose enabled part may stand for every enabled instance. */
  ample(enabled: readonly number[]): readonly number[] | undefined
  /** How many instances can ever be in an ample set (0: the spec declares nothing that allows a reduction). */
  readonly candidates: number
}

/** The slots a list of paths covers, as a bitset. */
export function slotsOf<S>(codec: Codec<S>, paths: readonly string[] | undefined): Uint32Array {
  const bits = new Uint32Array(Math.ceil(codec.slots.length / 32))
  codec.slots.forEach((sl, k) => {
    const covered = paths === undefined || paths.some(p => sl.path === p || sl.path.startsWith(`${p}.`) || sl.path.startsWith(`${p}[`))
    if (covered) bits[k >> 5]! |= 1 << (k & 31)
  })
  return bits
}

const meets = (a: Uint32Array, b: Uint32Array) => { for (let i = 0; i < a.length; i++) if ((a[i]! & b[i]!) !== 0) return true; return false }

/** Paths in footprints and `reads` that name nothing in the state: one message each. */
export function footprintProblems<S>(codec: Codec<S>, model: Model<S>, instances: readonly Instance<S>[]): string[] {
  const out = new Set<string>()
  const check = (where: string, paths: readonly string[] | undefined) => {
    for (const p of paths ?? []) if (!codec.slots.some(sl => sl.path === p || sl.path.startsWith(`${p}.`) || sl.path.startsWith(`${p}[`))) out.add(`${where} names '${p}', which is no variable of the state`)
  }
  for (const i of instances) {
    const f = i.action.footprint?.(i.params as never)
    if (f) { check(`the footprint of ${i.label}`, f.reads); check(`the footprint of ${i.label}`, f.writes); check(`the footprint of ${i.label}`, f.guard) }
  }
  for (const inv of model.invariants) check(`invariant ${inv.name}'s reads`, inv.reads)
  for (const p of model.properties ?? []) check(`property ${p.name}'s reads`, p.reads)
  return [...out]
}

export function compileReduction<S>(codec: Codec<S>, model: Model<S>, instances: readonly Instance<S>[]): Reduction {
  const n = instances.length
  const fp = instances.map(i => i.action.footprint?.(i.params as never))
  const writes = fp.map(f => slotsOf(codec, f?.writes))
  // What an instance reads includes what it writes (a write depends on the old value only through reads, but a
  // guard that reads nothing and writes x still conflicts with another writer of x: writes count as accesses).
  const reads = fp.map((f, k) => { const r = slotsOf(codec, f?.reads); for (let i = 0; i < r.length; i++) r[i]! |= writes[k]![i]!; return r })
  const visibleSlots = new Uint32Array(Math.ceil(codec.slots.length / 32))
  const addVisible = (paths: readonly string[] | undefined) => { const b = slotsOf(codec, paths); for (let i = 0; i < b.length; i++) visibleSlots[i]! |= b[i]! }
  for (const inv of model.invariants) addVisible(inv.reads)
  for (const p of model.properties ?? []) addVisible(p.reads)
  const constrained = new Set((model.properties ?? []).flatMap(p => (p.actions === undefined ? instances.map(i => i.action.name) : [...p.actions])))
  const invisible = instances.map((inst, k) => !meets(writes[k]!, visibleSlots) && !constrained.has(inst.action.name))
  const actors = [...new Set(instances.map(i => i.actor ?? ''))]
  const actorOf = Int32Array.from(instances.map(i => actors.indexOf(i.actor ?? '')))
  const independent = (a: number, b: number) => !meets(writes[a]!, reads[b]!) && !meets(writes[b]!, reads[a]!)
  // An instance that may be ample: invisible, and independent of every instance of every other actor.
  const loneStep = instances.map((_, a) => invisible[a]! && instances.every((_, b) => actorOf[b] === actorOf[a] || independent(a, b)))
  // Slots some actor writes: an instance of P whose reads meet another actor's writes could be enabled by that actor.
  const writtenBy = actors.map((_, p) => { const w = new Uint32Array(visibleSlots.length); instances.forEach((_, k) => { if (actorOf[k] === p) for (let i = 0; i < w.length; i++) w[i]! |= writes[k]![i]! }); return w })
  const othersWrite = actors.map((_, p) => { const w = new Uint32Array(visibleSlots.length); actors.forEach((_, q) => { if (q !== p) for (let i = 0; i < w.length; i++) w[i]! |= writtenBy[q]![i]! }); return w })
  const guards = fp.map((f, k) => (f?.guard === undefined ? reads[k]! : slotsOf(codec, f.guard)))
  const shielded = instances.map((_, k) => !meets(guards[k]!, othersWrite[actorOf[k]!]!))
  const ofActor = actors.map((_, p) => instances.flatMap((_, k) => (actorOf[k] === p ? [k] : [])))
  const enabledNow = new Uint8Array(n)
  return {
    writes, reads,
    candidates: loneStep.filter(Boolean).length,
    ample(enabled) {
      if (enabled.length < 2) return undefined
      for (const i of enabled) enabledNow[i] = 1
      let best: number[] | undefined
      for (let p = 0; p < actors.length && best === undefined; p++) {
        const mine = ofActor[p]!
        const e = mine.filter(k => enabledNow[k])
        if (e.length === 0 || e.length === enabled.length) continue
        if (e.every(k => loneStep[k]) && mine.every(k => enabledNow[k] || shielded[k])) best = e
      }
      for (const i of enabled) enabledNow[i] = 0
      return best
    },
  }
}

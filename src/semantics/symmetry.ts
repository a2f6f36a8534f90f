/**
 * Symmetry reduction over encoded states. A spec declares index sets whose
 * members are interchangeable (`Model.symmetry`); the search then stores one
 * state per orbit: before a state is looked up, its members are put in a
 * normal order.
 *
 * When no value names a member, the normal form sorts the members by their
 * own part of the state (the elements of every array indexed by the set, in
 * declaration order) and moves the elements accordingly: a canonical form
 * (two states of one orbit get the same form) for the price of sorting a
 * handful of members. When values name members, sorting is not canonical, so
 * for sets of up to 4 members the form is the least encoding over all n!
 * renamings (TLC's choice); for larger sets it stays the sorted one, which is
 * a state of the orbit (sound) but not always the same one for the whole
 * orbit (the search keeps more states). Either way every form is a renaming
 * of the state, which is what soundness needs.
 */
import type { Symmetry } from '../model/spec.js'
import type { Codec } from './codec.js'

interface CompiledSet {
  readonly name: string
  readonly size: number
  /** Per member, its slots (the same number for every member, in the same order). */
  readonly memberSlots: readonly Int32Array[]
  readonly valueSlots: Int32Array
  readonly valueOffsets: Int32Array
}

export interface Canonicaliser {
  readonly sets: readonly { readonly name: string; readonly size: number }[]
  /** Puts the state at w[0..] into its normal form, in place. */
  canonicalise(w: Uint32Array): void
  /** The state at w[0..] with, in each set, member m renamed sigmas[set][m]; into out. */
  permute(w: Uint32Array, sigmas: readonly (readonly number[])[], out: Uint32Array): void
  /** Every renaming of the model's sets, as `permute` takes them (n1! x n2! x ... of them). */
  readonly renamings: readonly (readonly (readonly number[])[])[]
}

/** Every permutation of 0..n-1. */
function permutations(n: number): number[][] {
  if (n === 0) return [[]]
  return permutations(n - 1).flatMap(p => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]))
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const entry = (x: string | { path: string; offset?: number }) => (typeof x === 'string' ? { path: x, offset: 0 } : { path: x.path, offset: x.offset ?? 0 })

/** Compiles the declared symmetries against the codec's slots; a string lists what is wrong. */
export function compileSymmetry<S>(codec: Codec<S>, declared: readonly Symmetry[], opts: { readonly generated?: boolean } = {}): Canonicaliser | string {
  const problems: string[] = []
  const sets: CompiledSet[] = []
  for (const sym of declared) {
    if (!Number.isInteger(sym.size) || sym.size < 1) { problems.push(`symmetry ${sym.name}: size ${sym.size} must be a positive integer`); continue }
    // One member has no renaming but itself (a model whose bound is one vCPU): nothing to reduce, nothing wrong.
    if (sym.size === 1) continue
    const perMember: number[][] = Array.from({ length: sym.size }, () => [])
    for (const a of sym.arrays.map(entry)) {
      for (let m = 0; m < sym.size; m++) {
        const prefix = `${a.path}[${a.offset + m}]`
        const slots = codec.slots.flatMap((sl, k) => (sl.path === prefix || sl.path.startsWith(`${prefix}.`) || sl.path.startsWith(`${prefix}[`) ? [k] : []))
        if (slots.length === 0) problems.push(`symmetry ${sym.name}: ${prefix} is not an element of the state`)
        perMember[m]!.push(...slots)
      }
    }
    if (perMember.some(x => x.length !== perMember[0]!.length)) problems.push(`symmetry ${sym.name}: its members do not all have the same variables`)
    const valueSlots: number[] = []
    const valueOffsets: number[] = []
    for (const v of (sym.values ?? []).map(entry)) {
      const re = new RegExp(`^${escape(v.path).replace(/\\\[\\\*\\\]/g, '\\[\\d+\\]')}$`)
      const matched = codec.slots.flatMap((sl, k) => (re.test(sl.path) ? [k] : []))
      if (matched.length === 0) problems.push(`symmetry ${sym.name}: ${v.path} names no variable of the state`)
      for (const k of matched) {
        // An int names member i by the value offset+i; an enum by its (offset+i)-th value (e.g. 'none', 'vCPU0', 'vCPU1').
        const d = codec.slots[k]!.domain
        const fits = d.kind === 'int' ? d.min <= v.offset && d.max >= v.offset + sym.size - 1
          : d.kind === 'enum' ? v.offset >= 0 && d.values.length >= v.offset + sym.size : false
        if (!fits) {
          problems.push(`symmetry ${sym.name}: ${codec.slots[k]!.path} cannot hold every member (it must be an int covering ${v.offset}..${v.offset + sym.size - 1}, or an enum whose values ${v.offset}..${v.offset + sym.size - 1} name the members)`)
        }
        valueSlots.push(k)
        valueOffsets.push(v.offset)
      }
    }
    sets.push({ name: sym.name, size: sym.size, memberSlots: perMember.map(x => Int32Array.from(x)), valueSlots: Int32Array.from(valueSlots), valueOffsets: Int32Array.from(valueOffsets) })
  }
  if (problems.length > 0) return problems.join('; ')

  const word = Int32Array.from(codec.slots.map(s => s.word))
  const shift = Int32Array.from(codec.slots.map(s => s.shift))
  const mask = Int32Array.from(codec.slots.map(s => (s.bits === 0 ? 0 : (2 ** s.bits - 1) | 0)))
  const min = Int32Array.from(codec.slots.map(s => (s.domain.kind === 'int' ? s.domain.min : 0)))
  const read = (w: Uint32Array, k: number) => (w[word[k]!]! >>> shift[k]!) & mask[k]!
  const write = (w: Uint32Array, k: number, v: number) => { w[word[k]!] = (w[word[k]!]! & ~(mask[k]! << shift[k]!)) | (v << shift[k]!) }
  const maxSlots = Math.max(1, ...sets.map(s => s.size * s.memberSlots[0]!.length))
  const vals = new Int32Array(maxSlots)
  const order = new Int32Array(Math.max(2, ...sets.map(s => s.size)))
  const sigma = new Int32Array(order.length)

  /** Moves member order[k] to place k, and renames the values that name members. */
  const apply = (w: Uint32Array, set: CompiledSet, ord: Int32Array) => {
    const n = set.size
    const k = set.memberSlots[0]!.length
    for (let m = 0; m < n; m++) for (let j = 0; j < k; j++) vals[m * k + j] = read(w, set.memberSlots[m]![j]!)
    for (let p = 0; p < n; p++) {
      sigma[ord[p]!] = p
      const from = ord[p]!
      for (let j = 0; j < k; j++) write(w, set.memberSlots[p]![j]!, vals[from * k + j]!)
    }
    for (let i = 0; i < set.valueSlots.length; i++) {
      const slot = set.valueSlots[i]!
      const member = read(w, slot) + min[slot]! - set.valueOffsets[i]!
      if (member >= 0 && member < n) write(w, slot, sigma[member]! + set.valueOffsets[i]! - min[slot]!)
    }
  }

  /** Sets whose form is the least encoding over every renaming: values name members, and n! is small. */
  const sorters = sets.map(s => (s.valueSlots.length === 0 && opts.generated !== false ? memberSorter(s, codec) : undefined))
  const exhaustive = sets.map(s => (s.valueSlots.length > 0 && s.size <= 4 ? permutations(s.size).map(p => Int32Array.from(p)) : undefined))
  const scratch = new Uint32Array(codec.words)
  const best = new Uint32Array(codec.words)
  const less = (a: Uint32Array, b: Uint32Array) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!
    return false
  }
  const renamings = sets.reduce<number[][][]>((acc, set) => acc.flatMap(r => permutations(set.size).map(p => [...r, p])), [[]])

  const self: Canonicaliser = {
    sets: sets.map(s => ({ name: s.name, size: s.size })),
    renamings,
    canonicalise(w) {
      for (let si = 0; si < sets.length; si++) {
        const set = sets[si]!
        const all = exhaustive[si]
        if (all !== undefined) {
          best.set(w)
          for (const ord of all) {
            scratch.set(w)
            apply(scratch, set, ord)
            if (less(scratch, best)) best.set(scratch)
          }
          w.set(best)
          continue
        }
        const sorter = sorters[si]
        if (sorter !== undefined) { sorter(w); continue }
        const n = set.size
        const slotsOf = set.memberSlots
        const k = slotsOf[0]!.length
        // Insertion sort of the members by their slots, compared lexicographically.
        for (let m = 0; m < n; m++) order[m] = m
        let moved = false
        for (let i = 1; i < n; i++) {
          const m = order[i]!
          let j = i - 1
          for (; j >= 0; j--) {
            const o = order[j]!
            let c = 0
            for (let t = 0; t < k && c === 0; t++) c = read(w, slotsOf[o]![t]!) - read(w, slotsOf[m]![t]!)
            if (c <= 0) break
            order[j + 1] = o
            moved = true
          }
          order[j + 1] = m
        }
        if (moved) apply(w, set, order)
      }
    },
    permute(w, sigmas, out) {
      out.set(w)
      sets.forEach((set, i) => {
        const ord = new Int32Array(set.size)
        for (let m = 0; m < set.size; m++) ord[sigmas[i]![m]!] = m
        apply(out, set, ord)
      })
    },
  }
  return self
}

/**
 * The sorted normal form as straight-line code, for a set whose members each
 * fit in 52 bits: a member's slots, read in declaration order and put side by
 * side, make one number whose order is the members' lexicographic order. The
 * members are sorted by those numbers and written back. (The general loop
 * above computes the same form; this one is several times faster, and the
 * tests compare them.)
 */
export function memberSorter<S>(set: { readonly size: number; readonly memberSlots: readonly Int32Array[] }, codec: Codec<S>): ((w: Uint32Array) => void) | undefined {
  const layout = set.memberSlots[0]!.map(k => codec.slots[k]!.bits)
  const total = layout.reduce((a, b) => a + b, 0)
  if (total > 52 || total === 0 || layout.some(b => b > 30)) return undefined
  const n = set.size
  const lines: string[] = []
  // Key of member m: slot j of the member sits at bit offset `off[j]` from the bottom, the first slot highest.
  const offs: number[] = []
  let off = total
  for (const b of layout) { off -= b; offs.push(off) }
  for (let m = 0; m < n; m++) {
    const terms = Array.from(set.memberSlots[m]!).flatMap((k, j) => {
      const sl = codec.slots[k]!
      return sl.bits === 0 ? [] : [`((w[${sl.word}] >>> ${sl.shift}) & ${2 ** sl.bits - 1}) * ${2 ** offs[j]!}`]
    })
    lines.push(`let k${m} = ${terms.join(' + ') || '0'};`)
  }
  // Already in order (the common case after the first steps): nothing to write.
  lines.push(`if (${Array.from({ length: n - 1 }, (_, m) => `k${m} <= k${m + 1}`).join(' && ') || 'true'}) return;`)
  // A sorting pass per position (n is small): k0 <= k1 <= ... afterwards.
  lines.push('let t;')
  for (let i = 0; i < n; i++) for (let j = n - 1; j > i; j--) lines.push(`if (k${j - 1} > k${j}) { t = k${j - 1}; k${j - 1} = k${j}; k${j} = t; }`)
  for (let m = 0; m < n; m++) {
    Array.from(set.memberSlots[m]!).forEach((k, j) => {
      const sl = codec.slots[k]!
      if (sl.bits === 0) return
      const mask = 2 ** sl.bits - 1
      lines.push(`w[${sl.word}] = (w[${sl.word}] & ${~(mask << sl.shift) | 0}) | ((Math.floor(k${m} / ${2 ** offs[j]!}) & ${mask}) << ${sl.shift});`)
    })
  }
  return new Function('w', lines.join('\n')) as (w: Uint32Array) => void
}

/**
 * Whether a declared symmetry is one: symmetry reduction is sound only if
 * renaming members changes nothing a property or an action can tell. For
 * sample states s and renamings r, this checks that every invariant gives
 * the same answer on s and r(s), and that s and r(s) have the same
 * successors up to renaming, with the same transition-property outcomes.
 * (`lint` runs it on the states of its thorough search.)
 */
import { compileSymmetry } from './symmetry.js'
import type { TransitionSystem } from './system.js'

export function symmetryProblems<S>(sys: TransitionSystem<S>, states: readonly Uint32Array[], renamingsPerState = 6): string[] {
  const declared = sys.model.symmetry
  if (declared === undefined || declared.length === 0) return []
  const canon = compileSymmetry(sys.codec, declared)
  if (typeof canon === 'string') return [canon]
  const names = canon.sets.map(x => x.name).join(', ')
  const problems = new Set<string>()
  const key = (w: Uint32Array) => { const c = w.slice(); canon.canonicalise(c); return c.join(',') }
  /** The state's successors, as normal forms with the transition properties each step violates. */
  const successors = (w: Uint32Array): string[] => {
    const s = sys.load(w, 0)
    const out: string[] = []
    sys.successors((i, next) => {
      const broken = sys.propsOf[i]!.filter(p => !sys.holdsStep(p, i, s, next)).map(p => sys.properties[p]!.name)
      out.push(`${key(sys.buf)}|${broken.join('+')}`)
      return false
    })
    return out.sort()
  }
  const renamed = new Uint32Array(sys.words)
  for (const w of states) {
    const s = sys.decode(w)
    const mine = successors(w)
    // Every renaming but the identity, or an even spread of them when there are many.
    const others = canon.renamings.filter(r => r.some(p => p.some((x, i) => x !== i)))
    const rs = others.length <= renamingsPerState ? others : others.filter((_, k) => k % Math.ceil(others.length / renamingsPerState) === 0)
    for (const r of rs) {
      canon.permute(w, r, renamed)
      const t = sys.decode(renamed)
      for (let k = 0; k < sys.invariants.length; k++) {
        if (sys.holdsInvariant(k, s) !== sys.holdsInvariant(k, t)) problems.add(`symmetry ${names}: invariant ${sys.invariants[k]!.name} tells renamed members apart (it holds in one of two renamings of a state, not the other)`)
      }
      const theirs = successors(renamed)
      if (theirs.join(';') !== mine.join(';')) {
        problems.add(`symmetry ${names}: the actions or transition properties tell renamed members apart (a state and its renaming have different successors, up to renaming)`)
      }
    }
    if (problems.size > 0) break
  }
  return [...problems]
}

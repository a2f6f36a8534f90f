/**
 * Mirror SPTE values and make_spte(), abstracted to the bits that vary for a
 * TDX private leaf (kernel-semantics.md §2.2): W, A, D and the access-tracked
 * state. The pfn is fixed per GFN and host/MMU-writable always set, so they
 * are left out.
 */
import type { Knobs } from './knobs.js'
import type { SpteV as Spte } from './state.js'

export type { SpteV as Spte } from './state.js'

/** is_shadow_present_pte(): FROZEN_SPTE is not present. */
export const present = (s: Spte): boolean => s.k === 'LEAF'
export const sameSpte = (x: Spte, y: Spte): boolean =>
  x.k === y.k && x.w === y.w && x.a === y.a && x.d === y.d && x.acc === y.acc
export const setSpte = (into: Spte, from: Spte): void => {
  into.k = from.k; into.w = from.w; into.a = from.a; into.d = from.d; into.acc = from.acc
}

/** is_writable_pte(): an access-tracked SPTE has its RWX bits cleared. */
const writable = (s: Spte): boolean => present(s) && s.w && !s.acc

/**
 * make_spte() for a TDX private leaf: pte_access = ACC_ALL, map_writable, and
 * mmu_try_to_unsync_pages() false, so W is always requested (§2.2). Post-6.13
 * with A/D disabled: {W,A,D} for a fault, {acc-tracked,D} for a prefetch.
 */
export function makeSpte(old: Spte, prefetch: boolean, k: Pick<Knobs, 'makeSpte' | 'adBits'>): Spte {
  const ad = k.adBits === 'enabled'
  // mark_spte_for_access_track(): with A/D it clears A; without, it clears RWX and saves them.
  const accessTrack = prefetch && !ad
  if (k.makeSpte === 'post613') {
    // 6.13 (3835819fb1b3, 53510b912518, 85649117511d): A and D are set as software bits even when hardware
    // A/D is disabled; access tracking then clears RWX and A, but D (bit 9) stays.
    return { k: 'LEAF', w: !accessTrack, a: !prefetch, d: true, acc: accessTrack }
  }
  // pre-6.13: "if (is_writable_pte(old_spte)) goto out" skips the Dirty bit.
  return { k: 'LEAF', w: !accessTrack, a: ad && !prefetch, d: ad && !writable(old), acc: accessTrack }
}

/**
 * is_access_allowed(): TD-exit faults are always writes (tdx_handle_ept_violation
 * forces EPT_VIOLATION_ACC_WRITE); a prefetch fault's error code has no write bit.
 */
export const accessAllowed = (old: Spte, prefetch: boolean): boolean =>
  present(old) && !old.acc && (prefetch || old.w)

export const showSpte = (s: Spte): string =>
  s.k !== 'LEAF' ? s.k : `{${[s.w && 'W', s.a && 'A', s.d && 'D', s.acc && 'acc-tracked'].filter(Boolean).join(',')}}`

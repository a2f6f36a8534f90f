/**
 * The verdict matrix: each fix candidate at the standard bounds, with the
 * verdict we expect and why. `npm start` runs it and exits 0 only when every
 * verdict is the documented one. The search runs with `continue`, so a
 * violated row lists every property it violates, each with a shortest trace.
 * Rows without `set` run at the defaults: 2 vCPUs, 1 GFN, depth 1.
 *
 * Where kernel-semantics.md §9.4 expected something else, the row says so and
 * docs/model.md explains the cause.
 */

import type { MatrixRow } from 'sptecheck'
import type { Knobs } from './knobs.js'

/** The larger bound: three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY. */
export const LARGE: Partial<Knobs> = { vcpus: 3, gfns: 2, depth: 2, sharedParent: true, prefetch: true, zap: true, busy: true }

/** `V=2 G=1 D=1 +prefetch`, for tables. */
export const bounds = (p: Knobs): string =>
  `V=${p.vcpus} G=${p.gfns} D=${p.depth}` +
  (['sharedParent', 'prefetch', 'zap', 'busy', 'dirtyLog'] as const).filter(k => p[k] && (k !== 'sharedParent' || p.gfns === 2)).map(k => ` +${k}`).join('')

const I1 = 'I1_AugOnlyOnFreeLeaf'
const I1k = 'I1k_NoBugOnWasPresent'
const I3 = 'I3_ParentLinkedFirst'
const I4 = 'I4_NoKvmBug'
const I11 = 'I11_NoSilentDivergence'

export const matrixRows: readonly MatrixRow<Knobs>[] = [
  {
    id: 'no-fix', variant: 'no-fix', expect: [I1k, I4, I1],
    why: 'the reported race: the second fault finds the leaf present, make_spte drops D, KVM_BUG_ON(was_present) fires and AUG is issued on a present S-EPT entry',
  },
  { id: 'seed-patch', variant: 'seed-patch', expect: 'verified', why: 'the present->present leaf change no longer reaches the hook' },
  { id: 'seed-patch-large', variant: 'seed-patch', set: LARGE, large: true, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'upstream', variant: 'upstream', expect: 'verified', why: 'every re-fault on a present leaf is spurious; KVM_BUG_ON(was_present) is unreachable' },
  { id: 'upstream-large', variant: 'upstream', set: LARGE, large: true, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'upstream-2026', variant: 'upstream-2026', expect: 'verified', why: 'as upstream; the -EIO before the freeze is never reached' },
  { id: 'upstream-2026-large', variant: 'upstream-2026', set: LARGE, large: true, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'ad-disabled', variant: 'ad-disabled', expect: 'verified', why: 'without A/D bits a re-fault computes the same SPTE, so it is spurious' },
  {
    id: 'ad-disabled-prefetch', variant: 'ad-disabled', set: { prefetch: true }, expect: [I1k, I4, I1],
    why: 'a prefetch installs an access-tracked SPTE; the real fault then computes {W}, a present->present change (Yan Zhao\'s prefault case)',
  },
  {
    id: 'aug-tolerance', variant: 'aug-tolerance', expect: [I1k, I4, I1],
    why: 'the TDX-side tolerance comes too late: KVM_BUG_ON(was_present) fires before the AUG, accepted or not (§9.4 expected a violation only through the accept path; see docs/model.md)',
  },
  { id: 'no-freeze', variant: 'no-freeze', expect: [I3, I4], why: 'without FROZEN_SPTE a second vCPU walks into the new page table and AUGs the leaf before SEPT.ADD: TDX_EPT_WALK_FAILED' },
  { id: 'upstream-c1', variant: 'upstream-c1', set: { prefetch: true }, expect: [I1k, I4, I1], why: 'without the access-allowed check, a fault after a prefetch sets A: present->present' },
  { id: 'upstream-c2', variant: 'upstream-c2', set: { prefetch: true }, expect: 'verified', why: 'the access-allowed check alone makes every re-fault spurious, whatever make_spte computes' },
  { id: 'upstream-c3', variant: 'upstream-c3', expect: 'verified', why: 'with no prefetch, post-6.13 make_spte returns the old value: new == old is spurious' },
  {
    id: 'seed-patch-dirty-log', variant: 'seed-patch', set: { dirtyLog: true }, expect: [I11],
    why: 'write-protection for dirty logging changes a present leaf; the seed patch skips the hook, so the S-EPT stays writable: silent divergence',
  },
  { id: 'upstream-dirty-log', variant: 'upstream', set: { dirtyLog: true }, expect: [I1k, I4, I1], why: 'the same write-protection stops loudly at KVM_BUG_ON(was_present)' },
  { id: 'upstream-2026-dirty-log', variant: 'upstream-2026', set: { dirtyLog: true }, expect: [I1k, I4], why: 'stops loudly with -EIO before freezing; no AUG is issued' },
]

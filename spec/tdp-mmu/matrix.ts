/**
 * The verdict matrix: each fix candidate at the standard bounds, with the
 * verdict we expect and why. `npm start` runs it and exits 0 only when every
 * verdict is the documented one. The search runs with `continue`, so a
 * violated row lists every property it violates, each with a shortest trace.
 *
 * Where kernel-semantics.md §9.4 expected something else, the row says so and
 * docs/model.md explains the cause.
 */

export const SMALL: readonly string[] = [] // defaults: vcpus=2 gfns=1 depth=1
export const LARGE: readonly string[] = ['vcpus=3', 'gfns=2', 'depth=2', 'sharedParent=true', 'prefetch=true', 'zap=true', 'busy=true']

export interface MatrixRow {
  /** Stable id; names the folder of its traces. */
  readonly id: string
  readonly variant: string
  /** `--set` items on top of the variant. */
  readonly sets: readonly string[]
  /** 'verified', or exactly the properties the search finds violated. */
  readonly expect: 'verified' | readonly string[]
  readonly why: string
}

/** Rows at the larger bound: verified, minutes each; the reviewed traces come from the others. */
export const isLarge = (row: MatrixRow): boolean => row.sets === LARGE

const I1 = 'I1_AugOnlyOnFreeLeaf'
const I1k = 'I1k_NoBugOnWasPresent'
const I3 = 'I3_ParentLinkedFirst'
const I4 = 'I4_NoKvmBug'
const I11 = 'I11_NoSilentDivergence'

export const matrix: readonly MatrixRow[] = [
  {
    id: 'no-fix', variant: 'no-fix', sets: SMALL, expect: [I1k, I4, I1],
    why: 'the reported race: the second fault finds the leaf present, make_spte drops D, KVM_BUG_ON(was_present) fires and AUG is issued on a present S-EPT entry',
  },
  { id: 'seed-patch', variant: 'seed-patch', sets: SMALL, expect: 'verified', why: 'the present->present leaf change no longer reaches the hook' },
  { id: 'seed-patch-large', variant: 'seed-patch', sets: LARGE, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'upstream', variant: 'upstream', sets: SMALL, expect: 'verified', why: 'every re-fault on a present leaf is spurious; KVM_BUG_ON(was_present) is unreachable' },
  { id: 'upstream-large', variant: 'upstream', sets: LARGE, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'upstream-2026', variant: 'upstream-2026', sets: SMALL, expect: 'verified', why: 'as upstream; the -EIO before the freeze is never reached' },
  { id: 'upstream-2026-large', variant: 'upstream-2026', sets: LARGE, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'ad-disabled', variant: 'ad-disabled', sets: SMALL, expect: 'verified', why: 'without A/D bits a re-fault computes the same SPTE, so it is spurious' },
  {
    id: 'ad-disabled-prefetch', variant: 'ad-disabled', sets: ['prefetch=true'], expect: [I1k, I4, I1],
    why: 'a prefetch installs an access-tracked SPTE; the real fault then computes {W}, a present->present change (Yan Zhao\'s prefault case)',
  },
  {
    id: 'aug-tolerance', variant: 'aug-tolerance', sets: SMALL, expect: [I1k, I4, I1],
    why: 'the TDX-side tolerance comes too late: KVM_BUG_ON(was_present) fires before the AUG, accepted or not (§9.4 expected a violation only through the accept path; see docs/model.md)',
  },
  { id: 'no-freeze', variant: 'no-freeze', sets: SMALL, expect: [I3, I4], why: 'without FROZEN_SPTE a second vCPU walks into the new page table and AUGs the leaf before SEPT.ADD: TDX_EPT_WALK_FAILED' },
  { id: 'upstream-c1', variant: 'upstream-c1', sets: ['prefetch=true'], expect: [I1k, I4, I1], why: 'without the access-allowed check, a fault after a prefetch sets A: present->present' },
  { id: 'upstream-c2', variant: 'upstream-c2', sets: ['prefetch=true'], expect: 'verified', why: 'the access-allowed check alone makes every re-fault spurious, whatever make_spte computes' },
  { id: 'upstream-c3', variant: 'upstream-c3', sets: SMALL, expect: 'verified', why: 'with no prefetch, post-6.13 make_spte returns the old value: new == old is spurious' },
  {
    id: 'seed-patch-dirty-log', variant: 'seed-patch', sets: ['dirtyLog=true'], expect: [I11],
    why: 'write-protection for dirty logging changes a present leaf; the seed patch skips the hook, so the S-EPT stays writable: silent divergence',
  },
  { id: 'upstream-dirty-log', variant: 'upstream', sets: ['dirtyLog=true'], expect: [I1k, I4, I1], why: 'the same write-protection stops loudly at KVM_BUG_ON(was_present)' },
  { id: 'upstream-2026-dirty-log', variant: 'upstream-2026', sets: ['dirtyLog=true'], expect: [I1k, I4], why: 'stops loudly with -EIO before freezing; no AUG is issued' },
]

/**
 * The verdict matrix: each fix candidate at the standard bounds, with the
 * verdict we expect and why. `npm start` runs it and exits 0 only when every
 * verdict is the documented one. The search runs with `continue`, so a
 * violated row lists every property it violates, each with a shortest trace.
 * Rows without `set` run at the defaults: 2 vCPUs, 1 GFN, depth 1.
 *
 * Every variant runs with the TDX backend of its own era; a row that sets
 * `tdx` is a counterfactual and says so. Where kernel-semantics.md §9.4,
 * issue 10 or the research notes expected something else, the row says so
 * and docs/model.md explains the cause.
 */

import type { MatrixRow } from 'sptecheck'
import type { Knobs } from './knobs.js'

/** The larger bound: three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY. */
export const LARGE: Partial<Knobs> = { vcpus: 3, gfns: 2, depth: 2, sharedParent: true, prefetch: true, zap: true, busy: true }
/** A small bound with every concurrent actor: prefetch, zap and BUSY. */
const PZB: Partial<Knobs> = { prefetch: true, zap: true, busy: true }

/** `V=2 G=1 D=1 +prefetch`, for tables. */
export const bounds = (p: Knobs): string =>
  `V=${p.vcpus} G=${p.gfns} D=${p.depth}` +
  (['sharedParent', 'prefetch', 'zap', 'busy', 'localRetry'] as const).filter(k => p[k] && (k !== 'sharedParent' || p.gfns === 2)).map(k => ` +${k}`).join('') +
  (p.dirtyLog !== 'off' ? ` dirtyLog=${p.dirtyLog}` : '') +
  (p.guest !== 'racy' ? ` guest=${p.guest}` : '') +
  // What a guest that never accepts runs into: the policy for a PENDING access, or #VE.
  (p.guest === 'free' ? (p.septVeDisable ? ` pendingAccess=${p.pendingAccess}` : ' septVeDisable=false') : '') +
  (p.oldSpteRefresh !== 'era' ? ` oldSpteRefresh=${p.oldSpteRefresh}` : '') +
  (p.staleCheck !== 'off' ? ` staleCheck=${p.staleCheck}` : '') +
  (p.hugepages !== 'off' ? ` hugepages=${p.hugepages}` : '')

const I1 = 'I1_AugOnlyOnFreeLeaf'
const I1k = 'I1k_NoBugOnWasPresent'
const I3 = 'I3_ParentLinkedFirst'
const I4 = 'I4_NoKvmBug'
const I5 = 'I5_MirrorExternalAgree'
const I11 = 'I11_NoSilentDivergence'
const I12 = 'I12_NoTruncatedPfn'
const I13 = 'I13_NoPrivateLeafOnSharedGfn'
const L1 = 'L1_FaultReturns'
const L2 = 'L2_GuestFinishes'
const L3 = 'L3_DirtyLogPassEnds'
/** A liveness row: safety and L1-L3, on one thread over the whole graph. */
const LIVE = { liveness: true } as const
/** A larger bound's row: no reduction, on every core (the counts are one thread's). */
const EVERY_CORE = { workers: 'all' } as const

export const matrixRows: readonly MatrixRow<Knobs>[] = [
  // The bug, as the seed patch's kernel had it and as it was reported.
  {
    id: 'no-fix', variant: 'no-fix', expect: [I1k, I4, I1],
    why: 'the race: the second fault finds the leaf present, make_spte drops D, KVM_BUG_ON(was_present) fires and AUG is issued on a present S-EPT entry (the 2024 tolerance only turns the PENDING case into an endless -EAGAIN)',
  },
  {
    id: 'no-fix-no-tolerance', variant: 'no-fix', set: { tdxAugTolerance: 'off' }, expect: [I1k, I4, I1],
    why: 'the Nov 2024 backend (TDX MMU part 2 v2, tolerance removed): the same verdict, because KVM_BUG_ON(was_present) fires before the AUG either way',
  },
  {
    id: 'reported', variant: 'reported', expect: [I1, I4],
    why: 'no KVM_BUG_ON(was_present): the second AUG on the present entry is the first KVM_BUG_ON, so the WARN is in tdx_mem_page_aug(), as in the reported stack trace',
  },
  {
    id: 'no-fix-one-vcpu', variant: 'no-fix', set: { vcpus: 1, guest: 'free' }, expect: [I1k, I4, I1],
    why: 'one vCPU is enough: a guest access to its own PENDING page exits (SEPT #VE disabled), and the re-fault finds the leaf present',
  },
  {
    id: 'no-fix-one-vcpu-kill', variant: 'no-fix', set: { vcpus: 1, guest: 'free', pendingAccess: 'kill' }, expect: 'verified',
    why: "6.16's kvm_vm_dead() on a guest access before accepting cuts that path, which is why it was added (Rick Edgecombe, Jul 2025); it is not a KVM_BUG_ON",
  },
  {
    id: 'no-fix-linux', variant: 'no-fix', set: { guest: 'linux' }, expect: 'verified',
    why: 'a Linux guest serialises its accepts (accept_memory()) and accepts a GFN once, so two vCPUs never fault on one GFN without a host zap in between',
  },
  {
    id: 'no-fix-linux-zap', variant: 'no-fix', set: { guest: 'linux', zap: true }, expect: [I1k, I4, I1],
    why: 'after the host zaps an accepted page, the Linux guest accesses it without re-accepting: AUG makes it PENDING, the next access exits, and the re-fault finds the leaf present',
  },
  // The seed patch, in its own era and against the 6.16 backend.
  { id: 'seed-patch', variant: 'seed-patch', expect: 'verified', why: 'the present->present leaf change no longer reaches the hook' },
  {
    id: 'seed-patch-zap-busy', variant: 'seed-patch', set: { zap: true, busy: true }, expect: [I4, I5, I1],
    why: 'a different bug of the 2024 backend: a BUSY TDH.MEM.RANGE.BLOCK is -EAGAIN and remove_external_spte() KVM_BUG_ONs, leaving the S-EPT leaf mapped under a non-present mirror SPTE (fixed for 6.16 by "Kick off vCPUs when SEAMCALL is busy during TD page removal")',
  },
  {
    id: 'seed-patch-zap-busy-6.16', variant: 'seed-patch', set: { zap: true, busy: true, tdx: '6.16' }, expect: 'verified',
    why: 'counterfactual: on the 6.16 backend the busy BLOCK is retried with no vCPU in the guest and succeeds',
  },
  {
    id: 'seed-patch-large-6.16', variant: 'seed-patch', set: { ...LARGE, tdx: '6.16' }, large: true, search: EVERY_CORE, expect: 'verified',
    why: "counterfactual: the seed patch's MMU change on the 6.16 backend holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY (on its own 2024 backend the BUSY BLOCK bug above fires)",
  },
  {
    id: 'seed-patch-large-6.16-4vcpus', variant: 'seed-patch', set: { ...LARGE, vcpus: 4, tdx: '6.16' }, heavy: true, expect: 'verified',
    search: { symmetry: true, por: true, workers: 'all' },
    why: 'the same counterfactual with four vCPUs: one state per orbit of the vCPUs, on every core',
  },
  // Upstream, 2024 to 2026.
  { id: 'upstream', variant: 'upstream', expect: 'verified', why: 'every re-fault on a present leaf is spurious; KVM_BUG_ON(was_present) is unreachable' },
  { id: 'upstream-local-retry', variant: 'upstream', set: { ...PZB, localRetry: true }, expect: 'verified', why: "6.16's local retry in tdx_handle_ept_violation() changes nothing: a retried fault is still spurious or installs on FREE" },
  { id: 'upstream-large', variant: 'upstream', set: LARGE, large: true, search: EVERY_CORE, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  {
    id: 'upstream-large-4vcpus', variant: 'upstream', set: { ...LARGE, vcpus: 4 }, heavy: true, expect: 'verified',
    search: { symmetry: true, por: true, workers: 'all' }, why: 'holds with four vCPUs too: one state per orbit of the vCPUs, on every core',
  },
  { id: 'upstream-2026', variant: 'upstream-2026', expect: 'verified', why: 'as upstream; the -EBUSY before the freeze is never reached' },
  { id: 'upstream-2026-local-retry', variant: 'upstream-2026', set: { ...PZB, localRetry: true }, expect: 'verified', why: 'with prefetch, zap, BUSY and Dynamic PAMT failures after the freeze, retried locally' },
  { id: 'upstream-2026-large', variant: 'upstream-2026', set: LARGE, large: true, search: EVERY_CORE, expect: 'verified', why: 'holds with three vCPUs, two GFNs under one level-2 table, prefetch, zap and BUSY' },
  { id: 'upstream-2026-d', variant: 'upstream-2026-d', expect: 'verified', why: 'as upstream: the TDX backend never sees a present old SPTE from a fault' },
  { id: 'upstream-2026-d-local-retry', variant: 'upstream-2026-d', set: { ...PZB, localRetry: true }, expect: 'verified', why: 'the zap reaches TDX as set_external_spte(old, non-present), a removal; Dynamic PAMT failures restore the frozen SPTE' },
  // guest_memfd invalidations and is_page_fault_stale().
  {
    id: 'upstream-stale', variant: 'upstream', set: { ...PZB, staleCheck: 'on' }, expect: 'verified',
    why: 'punch-holes and conversions bracketed by mmu_invalidate_begin/end: a fault that snapshotted mmu_invalidate_seq before, or runs while one is in progress, retries, so no truncated page and no private leaf on a shared GFN is ever installed',
  },
  {
    id: 'upstream-stale-mirror-exempt', variant: 'upstream', set: { zap: true, staleCheck: 'mirrorExempt' }, expect: [I12, I13],
    why: 'ablation: without is_page_fault_stale() on mirror roots, a fault that got its pfn before a punch-hole AUGs the truncated page, and one that checked the attribute before a conversion AUGs a GFN that is now shared',
  },
  // Hugepages: 2M leaves (2026), split on a 4K accept, promotion as a counterfactual.
  {
    id: 'upstream-2026-huge', variant: 'upstream-2026', set: { depth: 2, hugepages: 'on', prefetch: true }, expect: 'verified',
    why: 'a prefetch maps 2M (TDH.MEM.PAGE.AUG at 2M); a 4K ACCEPT exit splits it under the write lock (BLOCK, TRACK, DEMOTE) before the fault, and disallowed_hugepage_adjust() keeps the fault path from promoting a page table back',
  },
  {
    id: 'upstream-2026-d-huge', variant: 'upstream-2026-d', set: { depth: 2, gfns: 2, hugepages: 'on', prefetch: true, busy: true }, expect: 'verified',
    why: 'the same with two GFNs under the 2M range, BUSY and Dynamic PAMT failures: every mirror 2M leaf is an S-EPT 2M leaf',
  },
  {
    id: 'upstream-promote', variant: 'upstream', set: { depth: 2, hugepages: 'promote' }, expect: [I4, I1k],
    why: 'counterfactual, loud: on the 6.16 backend a 2M mapping is KVM_BUG_ON(level != PG_LEVEL_4K), and a promotion fires KVM_BUG_ON(was_present) first',
  },
  {
    id: 'seed-patch-promote', variant: 'seed-patch', set: { depth: 2, hugepages: 'promote' }, expect: [I4, I11, I5],
    why: 'counterfactual: the seed patch publishes the 2M leaf without a hook (I11, I5), and handle_removed_pt(shared) then fires KVM_BUG_ON(shared); not silent, as §9.7 of the reference says (the shortest I4 is the 2M AUG of the 2024 backend)',
  },
  {
    id: 'upstream-2026-promote', variant: 'upstream-2026', set: { depth: 2, hugepages: 'promote' }, expect: [I1k, I4],
    why: 'counterfactual, loud: the January 2026 form refuses a present old SPTE with KVM_BUG_ON and -EBUSY before the freeze',
  },
  {
    id: 'upstream-2026-d-promote', variant: 'upstream-2026-d', set: { depth: 2, hugepages: 'promote' }, expect: [I11, I5, I4],
    why: 'counterfactual, silent: in mainline 2026 a non-leaf -> leaf change goes to handle_removed_pt(), which removes the 4K S-EPT leaves, and the 2M leaf never reaches TDX; no KVM_BUG_ON until a later split tries to DEMOTE a page table',
  },
  // Proposals and ablations.
  { id: 'ad-disabled', variant: 'ad-disabled', expect: 'verified', why: 'without A/D bits a re-fault computes the same SPTE, so it is spurious' },
  {
    id: 'ad-disabled-prefetch', variant: 'ad-disabled', set: { prefetch: true }, expect: [I1k, I4, I1],
    why: 'a prefetch installs an access-tracked SPTE; the real fault then computes {W}, a present->present change (Yan Zhao\'s prefault case)',
  },
  {
    id: 'upstream-ad-disabled-prefetch', variant: 'upstream', set: { adBits: 'disabled', prefetch: true }, expect: [I1k, I4, I1],
    why: 'counterfactual (6.16 refuses TDX without A/D bits): post-6.13 make_spte sets A and D as software bits, the prefetch installs {acc-tracked,D} and the real fault {W,A,D}; the access-allowed check does not cover an access-tracked leaf',
  },
  { id: 'no-freeze', variant: 'no-freeze', expect: [I3, I4], why: 'without FROZEN_SPTE a second vCPU walks into the new page table and AUGs the leaf before SEPT.ADD: TDX_EPT_WALK_FAILED' },
  { id: 'upstream-c1', variant: 'upstream-c1', set: { prefetch: true }, expect: [I1k, I4, I1], why: 'without the access-allowed check, a fault after a prefetch sets A: present->present' },
  { id: 'upstream-c2', variant: 'upstream-c2', set: { prefetch: true }, expect: 'verified', why: 'the access-allowed check alone makes every re-fault spurious, whatever make_spte computes' },
  { id: 'upstream-c3', variant: 'upstream-c3', expect: 'verified', why: 'with no prefetch, post-6.13 make_spte returns the old value: new == old is spurious' },
  // Dirty logging (hypothetical for TDX: guest_memfd slots refuse KVM_MEM_LOG_DIRTY_PAGES).
  {
    id: 'seed-patch-dirty-log', variant: 'seed-patch', set: { dirtyLog: 'wrprot' }, expect: [I11],
    why: 'write-protection for dirty logging changes a present leaf; the seed patch skips the hook, so the S-EPT stays writable: silent divergence',
  },
  { id: 'upstream-dirty-log', variant: 'upstream', set: { dirtyLog: 'wrprot' }, expect: [I1k, I4, I1], why: 'the same write-protection stops loudly at KVM_BUG_ON(was_present)' },
  { id: 'upstream-2026-dirty-log', variant: 'upstream-2026', set: { dirtyLog: 'wrprot' }, expect: [I1k, I4], why: 'stops loudly with -EBUSY before freezing; no AUG is issued' },
  { id: 'upstream-2026-d-dirty-log', variant: 'upstream-2026-d', set: { dirtyLog: 'wrprot' }, expect: [I1k, I4], why: 'freezes, then the TDX backend refuses present->present with KVM_BUG_ON and -EIO; the mirror is restored' },
  { id: 'seed-patch-pml', variant: 'seed-patch', set: { dirtyLog: 'pml' }, expect: [I11], why: 'clear_dirty_gfn_range() clears D of a present leaf: under the seed patch no hook, so the dirty log would miss the next write' },
  { id: 'upstream-pml', variant: 'upstream', set: { dirtyLog: 'pml' }, expect: [I1k, I4, I1], why: 'the D-bit clear is a present->present change: KVM_BUG_ON(was_present), then AUG on a present entry' },
  { id: 'upstream-pml-masked', variant: 'upstream', set: { dirtyLog: 'pmlMasked' }, expect: [I11], why: 'clear_dirty_pt_masked() clears D under the write lock with no hook at all, in every variant: silent' },
  // Liveness (kernel-semantics.md §9.6), under weak fairness per thread, a fair mmu_lock and fair SEAMCALL outcomes
  // (properties.ts). Each row checks safety too; safety violations come first, as the search finds them.
  // L1: every fault KVM starts handling returns.
  {
    id: 'upstream-linux-live', variant: 'upstream', set: { guest: 'linux', gfns: 2, depth: 2, prefetch: true, busy: true, localRetry: true }, search: LIVE, expect: 'verified',
    why: "L1-L3 hold: a fault that meets a frozen leaf or level-2 entry retries inside KVM (6.16 local retry, and kvm_tdp_map_page() for a prefetch) until the freezer publishes or restores it, which it does; BUSY SEPT.ADDs and AUGs are retried until one succeeds; the Linux guest's program finishes",
  },
  {
    id: 'upstream-zap-live', variant: 'upstream', set: { ...PZB, localRetry: true }, search: LIVE, expect: [L1, L2],
    why: 'L1 fails only if the zapper zaps the GFN for ever: each zap undoes the other vCPU\'s install, and the retrying vCPU keeps arriving while the leaf is frozen or the write lock is held (the lasso says the zapper is an endless environment thread). L2 fails because 6.16 kills the VM when the guest touches the page the host zapped after it was accepted and AUGed again (PENDING), a host that destroys accepted memory',
  },
  // L2: every vCPU's program finishes.
  {
    id: 'no-fix-linux-live', variant: 'no-fix', set: { guest: 'linux' }, search: LIVE, expect: 'verified',
    why: 'against §9.6, the VM does not die: a Linux guest faults once per GFN, so nothing ever refaults a present leaf (it takes a prefetch, a zap or a racy guest; see docs/model.md)',
  },
  {
    id: 'no-fix-linux-prefetch-live', variant: 'no-fix', set: { guest: 'linux', prefetch: true }, search: LIVE, expect: [I1k, I4, I1, L2],
    why: 'a KVM_PRE_FAULT_MEMORY on the GFN the guest is accepting refaults the present leaf: KVM_BUG_ON(was_present), the VM is bugged and no vCPU runs again (the lasso ends stuttering in the dead VM)',
  },
  {
    id: 'seed-patch-linux-prefetch-live', variant: 'seed-patch', set: { guest: 'linux', prefetch: true }, search: LIVE, expect: 'verified',
    why: 'the same prefetch under the seed patch: the refault publishes without a hook, nothing is bugged, and both programs finish',
  },
  {
    id: 'upstream-pending-spin-live', variant: 'upstream', set: { vcpus: 1, guest: 'free', pendingAccess: 'fault' }, search: LIVE, expect: [L2],
    why: 'counterfactual (the pre-6.16 policy on the upstream MMU): a guest that touches a PENDING page nobody accepts exits, and the fault is RET_PF_SPURIOUS for ever: Yan Zhao\'s "endless invocation of EPT fault handler". L1 holds: each fault returns',
  },
  {
    id: 'upstream-pending-kill-live', variant: 'upstream', set: { vcpus: 1, guest: 'free' }, search: LIVE, expect: [L2],
    why: "6.16's kvm_vm_dead() on a guest access before accepting ends the spin by killing the VM: the guest still never finishes, but KVM no longer loops (no KVM_BUG_ON: I4 holds)",
  },
  {
    id: 'upstream-pending-exit-live', variant: 'upstream', set: { vcpus: 1, guest: 'free', pendingAccess: 'exit' }, search: LIVE, expect: [L2],
    why: 'the 2025 proposal: KVM_EXIT_MEMORY_FAULT hands the access to userspace, which runs the vCPU again, so the loop goes through userspace instead of the fault handler',
  },
  {
    id: 'upstream-pending-ve-live', variant: 'upstream', set: { guest: 'free', septVeDisable: false }, search: LIVE, expect: 'verified',
    why: 'with SEPT #VE enabled the same guest gets #VE on the PENDING page and its handler ACCEPTs it: every program finishes',
  },
  // L3: a dirty-logging pass ends (hypothetical for TDX: guest_memfd slots refuse dirty logging).
  {
    id: 'seed-patch-dirty-log-live', variant: 'seed-patch', set: { dirtyLog: 'wrprot' }, search: LIVE, expect: [I11, L3],
    why: 'the stale iter->old_spte: a vCPU republishes the leaf {W,A,D} -> {W,A} (no hook under the seed patch) after the logger read it, and the logger\'s cmpxchg against the old value fails for ever (goto retry without 02eaaffdd865)',
  },
  {
    id: 'seed-patch-dirty-log-refresh-live', variant: 'seed-patch', set: { dirtyLog: 'wrprot', oldSpteRefresh: 'on' }, search: LIVE, expect: [I11],
    why: 'counterfactual: the same kernel with 02eaaffdd865, whose failed cmpxchg refreshes iter->old_spte: the retry write-protects the new value and the pass ends (I11 still fails: the seed patch skips the hook)',
  },
  {
    id: 'upstream-dirty-log-live', variant: 'upstream', set: { dirtyLog: 'wrprot' }, search: LIVE, expect: [I1k, I4, I1, L2, L3],
    why: 'not the stale snapshot: the hook refuses the present->present change (KVM_BUG_ON, AUG on a present entry, -EIO), the mirror SPTE is restored, and goto retry has no vm_bugged check, so the logger retries the same failing AUG for ever; the bugged VM never runs its guest again (L2)',
  },
  {
    id: 'upstream-2026-dirty-log-live', variant: 'upstream-2026', set: { dirtyLog: 'wrprot' }, search: LIVE, expect: [I1k, I4, L2, L3],
    why: 'with 02eaaffdd865 L3 still fails: -EBUSY before the freeze leaves iter->old_spte as it was, and goto retry refuses again for ever',
  },
  {
    id: 'upstream-2026-d-dirty-log-live', variant: 'upstream-2026-d', set: { dirtyLog: 'wrprot' }, search: LIVE, expect: [I1k, I4, L2, L3],
    why: 'mainline 2026 has 02eaaffdd865 too: the TDX backend refuses present->present with -EIO after the freeze, the SPTE is restored, and the retry loops',
  },
]


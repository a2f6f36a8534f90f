/**
 * CONSTANTS of the TDP MMU mirror/external model: the bounds and the kernel
 * configuration knobs (kernel-semantics.md §9.1), and the named variants
 * (§9.4): each fix candidate is a preset of knobs, and each variant presets
 * the era of its own kernel, the TDX backend included (`tdx`), so that
 * `--set tdx=...` is a counterfactual, never the default.
 */
import { bool, enumOf, int, param, type ParamsOf, type Variant } from 'sptecheck'

export const knobParams = {
  vcpus: param(int(1, 4), 2, 'vCPU threads, each a guest plus its KVM fault handler'),
  gfns: param(int(1, 2), 1, 'private GFNs every vCPU touches, in order'),
  depth: param(int(1, 2), 1, 'levels below the root (1: leaf table pre-linked; 2: a level-2 entry is linked at run time)'),
  sharedParent: param(bool, true, 'with 2 GFNs at depth 2, both sit under one level-2 table'),
  makeSpte: param(enumOf('pre613', 'post613'), 'pre613', "make_spte() before or after 6.13's cc7ed3358e41 (always set Dirty when writable) and 3835819fb1b3/53510b912518/85649117511d (A and D set as software bits even with hardware A/D disabled)"),
  adBits: param(enumOf('enabled', 'disabled'), 'enabled', 'EPT A/D bits (TDX requires enabled from 6.16: tdx_bringup())'),
  spuriousChecks: param(enumOf('none', 'prefetch', 'accessAllowed', 'both'), 'none', 'early RET_PF_SPURIOUS checks in tdp_mmu_map_handle_target_level: 6385d01eec16 (prefetch on present), 386d69f9f29b (access already allowed)'),
  mirrorHook: param(enumOf('A0', 'A', 'B', 'C', 'D', 'noFreeze'), 'A',
    'how a mirror SPTE change reaches the TDX hook: A0 = freeze then set_external_spte, no KVM_BUG_ON(was_present) (the out-of-tree kernel of the report); ' +
    'A = KVM_BUG_ON(was_present) then freeze and hook (kvm-coco-queue 2024, v6.14); B = the seed patch (a leaf gets the hook only if it was not present); ' +
    'C = KVM_BUG_ON(was_present) returns -EBUSY before the freeze (RFC v5 06/45, Jan 2026); D = freeze, then set_external_spte(old, new) and the TDX backend decides on present(old) (mainline 2026); ' +
    'noFreeze = ablation, the cmpxchg writes the new value before the hook'),
  tdx: param(enumOf('2024', '6.16', '2026'), '6.16',
    "the TDX backend's era: 2024 = TDX MMU part 2 v1 (BUSY BLOCK is -EAGAIN and KVM_BUG_ON, the AUG PENDING tolerance); " +
    '6.16 = a busy BLOCK/TRACK/REMOVE is retried once with no vCPU allowed to enter; 2026 = 6.16 plus Dynamic PAMT (tdx_pamt_get() may fail after the freeze, retryably)'),
  tdxAugTolerance: param(enumOf('era', 'off', 'pendingSamePfn'), 'era', "TDX MMU part 2 v1's tdx_mem_page_aug(): an AUG that finds its entry PENDING (same pfn) returns -EAGAIN instead of KVM_BUG_ON; era = on exactly with tdx=2024"),
  prefetch: param(bool, false, 'each vCPU may issue one KVM_PRE_FAULT_MEMORY (prefetch fault) on any GFN'),
  zap: param(bool, false, 'a zapper thread removes present leaves under the write lock (mirror, BLOCK, TRACK, REMOVE)'),
  busy: param(bool, false, 'SEAMCALLs may return TDX_OPERAND_BUSY (AUG, SEPT.ADD, and with zap BLOCK, TRACK, REMOVE); with tdx=2026 the hooks may also fail in tdx_pamt_get()'),
  localRetry: param(bool, false, 'RET_PF_RETRY retries inside KVM (6.16 tdx_handle_ept_violation(), no pending events) instead of re-entering the guest'),
  guest: param(enumOf('racy', 'linux', 'free'), 'racy',
    'racy: ACCEPT then ACCESS each GFN with no guest-side serialisation (any TD guest may do this); linux: accept_memory() serialises the accepts of a GFN and accepts it once, a failed ACCEPT panics; ' +
    'free: ACCESS only (acceptance via #VE, if enabled)'),
  septVeDisable: param(bool, true, 'SEPT_VE_DISABLE (Linux guests require it): a PENDING access exits to KVM instead of raising #VE'),
  pendingAccess: param(enumOf('fault', 'kill', 'exit'), 'fault',
    'a guest access to a PENDING page with SEPT #VE disabled: fault = handled as an EPT violation (before 6.16); kill = kvm_vm_dead() (6.16); exit = KVM_EXIT_MEMORY_FAULT to userspace, which runs the vCPU again (2025 proposal)'),
  dirtyLog: param(enumOf('off', 'wrprot', 'pml', 'pmlMasked'), 'off',
    'a dirty-logging thread on one present leaf: wrprot = wrprot_gfn_range() clears W (read lock); pml = clear_dirty_gfn_range() clears D (read lock, as with PML); pmlMasked = clear_dirty_pt_masked() clears D under the write lock'),
  hugepages: param(enumOf('off', 'on', 'promote'), 'off',
    'on = 2M mirror and S-EPT leaves where the TDX backend has them (tdx=2026): a fault maps 2M unless the guest accepted at 4K, which splits the 2M leaf under the write lock first; ' +
    'promote = counterfactual: the mirror MMU maps 2M in every era and may promote a page table to a 2M leaf (no disallowed_hugepage_adjust() for mirror roots). Needs depth=2'),
  oldSpteRefresh: param(enumOf('era', 'off', 'on'), 'era',
    "02eaaffdd865 (RFC v5 02/45, 2026): a failed cmpxchg freezing a mirror SPTE refreshes iter->old_spte, so a local retry (wrprot_gfn_range(), clear_dirty_gfn_range()) tests the current value; era = on exactly for hooks C and D; off/on = counterfactual"),
  staleCheck: param(enumOf('off', 'on', 'mirrorExempt'), 'off',
    'guest_memfd invalidations (punch-hole, private<->shared conversion) with mmu_invalidate_seq/in_progress and is_page_fault_stale(); mirrorExempt = ablation, the stale check skipped on mirror roots'),
}

/** The configuration: one value per knob, typed from the knobs' domains. */
export type Knobs = ParamsOf<typeof knobParams>

/** Whether TDX MMU part 2 v1's PENDING tolerance is in tdx_mem_page_aug(). */
export const augTolerance = (k: Pick<Knobs, 'tdx' | 'tdxAugTolerance'>): boolean =>
  k.tdxAugTolerance === 'pendingSamePfn' || (k.tdxAugTolerance === 'era' && k.tdx === '2024')

/**
 * 02eaaffdd865: a failed cmpxchg on a mirror SPTE refreshes iter->old_spte (in RFC v5 from patch 02/45 on, so in C
 * and D); `oldSpteRefresh` applies it to another era, or takes it away, as a counterfactual.
 */
export const freshSnapshot = (k: Pick<Knobs, 'mirrorHook' | 'oldSpteRefresh'>): boolean =>
  k.oldSpteRefresh === 'on' || (k.oldSpteRefresh === 'era' && (k.mirrorHook === 'C' || k.mirrorHook === 'D'))

const noFix = { makeSpte: 'pre613', spuriousChecks: 'none', mirrorHook: 'A', tdx: '2024', pendingAccess: 'fault' } as const
const upstream = { makeSpte: 'post613', spuriousChecks: 'both', mirrorHook: 'A', adBits: 'enabled', tdx: '6.16', pendingAccess: 'kill' } as const

export const variants: Record<string, Variant<Knobs> & { readonly kernel: string }> = {
  'no-fix': {
    description: 'the kernel the seed patch targets: pre-6.13 make_spte, no early spurious checks, KVM_BUG_ON(was_present) then the hook, and the TDX MMU part 2 v1 backend with its AUG PENDING tolerance',
    kernel: 'kvm-coco-queue, Sep-Oct 2024 (TDX backend: TDX MMU part 2 v1, 4 Sep 2024)',
    set: noFix,
  },
  reported: {
    description: 'the out-of-tree kernel the race was reported on: no KVM_BUG_ON(was_present), so the first KVM_BUG_ON is the one in tdx_mem_page_aug(), where the reported WARN is',
    kernel: 'an older out-of-tree TDX tree (the report in the seed cover letter); was_present check as removed by the TDX large-page RFC v6-v8 (Nov 2023-Feb 2024)',
    set: { ...noFix, mirrorHook: 'A0', tdxAugTolerance: 'off' },
  },
  'seed-patch': {
    description: 'the seed patch: call set_external_spte for a leaf only when the old SPTE was not present',
    kernel: '"KVM: x86/tdp_mmu: Trigger the callback only when an interesting change" (v2, 12 Oct 2024), on the no-fix kernel',
    set: { ...noFix, mirrorHook: 'B' },
  },
  upstream: {
    description: 'upstream with TDX: make_spte always sets Dirty, faults on present leaves that already allow the access are spurious, KVM_BUG_ON(was_present) kept; the 6.16 TDX backend',
    kernel: 'v6.13 cc7ed3358e41, 6385d01eec16, 386d69f9f29b; v6.14 77ac7079e66d; v6.16 tdx.c',
    set: upstream,
  },
  'upstream-2026': {
    description: 'the January 2026 form: as upstream, but KVM_BUG_ON(was_present) returns -EBUSY before freezing; the TDX backend with Dynamic PAMT',
    kernel: 'RFC v5 06/45 "Fold set_external_spte_present() into its sole caller" (Jan 2026); Dynamic PAMT',
    set: { ...upstream, mirrorHook: 'C', tdx: '2026' },
  },
  'upstream-2026-d': {
    description: 'the later 2026 form: freeze, then set_external_spte(old, new); the TDX backend removes when old is present, refuses present->present with KVM_BUG_ON and -EIO, else AUGs',
    kernel: 'mainline, Jun 2026 (6b1280a738f9, 28c77a037804, 6eae9ce9461c; TDX side as in RFC v5 36/45)',
    set: { ...upstream, mirrorHook: 'D', tdx: '2026' },
  },
  'ad-disabled': {
    description: 'alternative fix: keep pre-6.13 make_spte but disable A/D bits for mirror roots',
    kernel: 'proposal in the seed thread (Sep 2024), on the no-fix kernel; not merged',
    set: { ...noFix, adBits: 'disabled' },
  },
  'no-freeze': {
    description: 'ablation: the mirror SPTE is set to its new value by the CAS, before the external hook (no FROZEN_SPTE)',
    kernel: 'what 77ac7079e66d explains FROZEN_SPTE prevents',
    set: { ...upstream, mirrorHook: 'noFreeze', depth: 2 },
  },
  'upstream-c1': {
    description: 'ablation of upstream: post-6.13 make_spte and the prefetch check, but no access-allowed check',
    kernel: '6.13 without 386d69f9f29b',
    set: { ...upstream, spuriousChecks: 'prefetch' },
  },
  'upstream-c2': {
    description: 'ablation of upstream: pre-6.13 make_spte with only the access-allowed check',
    kernel: '386d69f9f29b alone, on the no-fix kernel',
    set: { ...noFix, spuriousChecks: 'accessAllowed' },
  },
  'upstream-c3': {
    description: 'ablation of upstream: post-6.13 make_spte alone, no early spurious checks',
    kernel: 'cc7ed3358e41 alone',
    set: { ...upstream, spuriousChecks: 'none' },
  },
}

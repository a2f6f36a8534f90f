/**
 * CONSTANTS of the TDP MMU mirror/external model: the bounds and the kernel
 * configuration knobs (kernel-semantics.md §9.1), and the named variants
 * (§9.4): each fix candidate is a preset of knobs.
 */
import { bool, enumOf, int, param, type ParamsOf, type Variant } from 'sptecheck'

export const knobParams = {
  vcpus: param(int(2, 4), 2, 'vCPU threads, each a guest plus its KVM fault handler'),
  gfns: param(int(1, 2), 1, 'private GFNs every vCPU touches, in order'),
  depth: param(int(1, 2), 1, 'levels below the root (1: leaf table pre-linked; 2: a level-2 entry is linked at run time)'),
  sharedParent: param(bool, true, 'with 2 GFNs at depth 2, both sit under one level-2 table'),
  makeSpte: param(enumOf('pre613', 'post613'), 'pre613', "make_spte() before or after 6.13's cc7ed3358e41 (always set Dirty when writable)"),
  adBits: param(enumOf('enabled', 'disabled'), 'enabled', 'EPT A/D bits (TDX requires enabled from 6.16)'),
  spuriousChecks: param(enumOf('none', 'prefetch', 'accessAllowed', 'both'), 'none', 'early RET_PF_SPURIOUS checks in tdp_mmu_map_handle_target_level: 6385d01eec16 (prefetch on present), 386d69f9f29b (access already allowed)'),
  mirrorHook: param(enumOf('A', 'B', 'C', 'noFreeze'), 'A', 'set_external_spte_present: A = KVM_BUG_ON(was_present) then freeze+hook (6.14); B = seed patch (hook only if !was_present for leaves); C = KVM_BUG_ON(was_present) returns -EIO before the freeze (2026); noFreeze = ablation, CAS straight to the new value'),
  tdxAugTolerance: param(enumOf('off', 'pendingSamePfn'), 'off', 'Sep-2024 TDX v1: AUG that finds the entry PENDING returns -EAGAIN instead of KVM_BUG_ON'),
  prefetch: param(bool, false, 'each vCPU may issue one KVM_PRE_FAULT_MEMORY (prefetch fault) on any GFN'),
  zap: param(bool, false, 'a zapper thread removes present leaves under the write lock (mirror, BLOCK, TRACK, REMOVE)'),
  busy: param(bool, false, 'TDH.MEM.PAGE.AUG and TDH.MEM.SEPT.ADD may return TDX_OPERAND_BUSY'),
  localRetry: param(bool, false, 'RET_PF_RETRY retries inside KVM (6.16) instead of re-entering the guest'),
  guest: param(enumOf('linux', 'free'), 'linux', 'linux: ACCEPT then ACCESS each GFN; free: ACCESS only (acceptance via #VE, if enabled)'),
  septVeDisable: param(bool, true, 'SEPT_VE_DISABLE (Linux guests require it): a PENDING access exits to KVM instead of raising #VE'),
  dirtyLog: param(bool, false, 'a dirty-logging thread write-protects one present leaf under the read lock (wrprot_gfn_range)'),
}

/** The configuration: one value per knob, typed from the knobs' domains. */
export type Knobs = ParamsOf<typeof knobParams>

const noFix = { makeSpte: 'pre613', spuriousChecks: 'none', mirrorHook: 'A', tdxAugTolerance: 'off' } as const
const upstream = { makeSpte: 'post613', spuriousChecks: 'both', mirrorHook: 'A', adBits: 'enabled' } as const

export const variants: Record<string, Variant<Knobs> & { readonly kernel: string }> = {
  'no-fix': {
    description: 'the kernel the race was reported on: pre-6.13 make_spte, no early spurious checks, KVM_BUG_ON(was_present) then the hook',
    kernel: 'kvm-coco-queue, Sep-Oct 2024',
    set: noFix,
  },
  'seed-patch': {
    description: 'the seed patch: call set_external_spte for a leaf only when the old SPTE was not present',
    kernel: '"KVM: x86/tdp_mmu: Trigger the callback only when an interesting change" (v2, 12 Oct 2024), on the no-fix kernel',
    set: { ...noFix, mirrorHook: 'B' },
  },
  upstream: {
    description: 'upstream 6.14: make_spte always sets Dirty, faults on present leaves that already allow the access are spurious, KVM_BUG_ON(was_present) kept',
    kernel: 'v6.13 cc7ed3358e41, 6385d01eec16, 386d69f9f29b; v6.14 77ac7079e66d',
    set: upstream,
  },
  'upstream-2026': {
    description: 'the 2026 form: as upstream, but KVM_BUG_ON(was_present) returns -EIO before freezing',
    kernel: '2026 series folding set_external_spte_present() into __tdp_mmu_set_spte_atomic()',
    set: { ...upstream, mirrorHook: 'C' },
  },
  'ad-disabled': {
    description: 'alternative fix: keep pre-6.13 make_spte but disable A/D bits for mirror roots',
    kernel: 'proposal in the seed thread (Sep 2024); not merged',
    set: { ...noFix, adBits: 'disabled' },
  },
  'aug-tolerance': {
    description: 'alternative fix in the TDX backend: AUG on a PENDING entry returns -EAGAIN (TDX MMU part 2 v1)',
    kernel: 'tdx_mem_page_aug() tolerance, Sep 2024; removed in review',
    set: { ...noFix, tdxAugTolerance: 'pendingSamePfn' },
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
    kernel: '386d69f9f29b alone',
    set: { ...noFix, spuriousChecks: 'accessAllowed' },
  },
  'upstream-c3': {
    description: 'ablation of upstream: post-6.13 make_spte alone, no early spurious checks',
    kernel: 'cc7ed3358e41 alone',
    set: { ...upstream, spuriousChecks: 'none' },
  },
}

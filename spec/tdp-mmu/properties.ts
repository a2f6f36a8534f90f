/**
 * The properties of kernel-semantics.md §9.6. A property about a call is a
 * transition property on the action that makes the call (no ghost history in
 * the state); the rest are state invariants.
 *
 * Not checked: I10 (teardown is not modelled). I12 (pfn generations) and I13
 * (no private leaf on a shared GFN) are real checks only with staleCheck,
 * where guest_memfd can truncate and convert; I14 (a Linux guest never
 * panics) only with guest=linux.
 *
 * The liveness properties L1-L3 (`--liveness`) and the fairness they assume
 * are at the end of the file.
 */
import { eventually, leadsTo, type Fairness, type Invariant, type Liveness, type TransitionProperty } from 'sptecheck'
import type { TdpAction } from './actions.js'
import { assertsWasPresentAtFreeze, goalHuge, hookCalled, l2Hook, parentLinked, promotionCalled, setExternalSpte, type Fail } from './hooks.js'
import type { Knobs } from './knobs.js'
import { present } from './spte.js'
import { isLogger, l2Count, parentOf, threadCount, type PcV, type State } from './state.js'

export function transitionProperties(k: Knobs): TransitionProperty<State, TdpAction>[] {
  const threadOf = (step: { params: Record<string, unknown> }) => step.params['t'] as number
  /** Whether this SetExternalSpte step issues TDH.MEM.PAGE.AUG (not when Dynamic PAMT fails first, nor when D refuses). */
  const issuesAug = (s: State, step: { params: Record<string, unknown> }) =>
    setExternalSpte(k, s, threadOf(step), step.params['fail'] as Fail).status !== undefined
  /** This level-2 hook step issues a SEAMCALL: SEPT.ADD for a page table, or AUG at 2M for a 2M leaf. */
  const l2Call = (s: State, step: { params: Record<string, unknown> }): 'none' | 'add' | 'aug2M' => {
    const t = threadOf(step)
    if (l2Hook(k, s, t, step.params['fail'] as Fail).status === undefined) return 'none'
    return goalHuge(k, s, t) ? 'aug2M' : 'add'
  }
  return [
    {
      name: 'I1_AugOnlyOnFreeLeaf',
      description: 'set_external_spte (TDH.MEM.PAGE.AUG) is never called when the S-EPT leaf is already present (PENDING, MAPPED or blocked).',
      rationale: 'AUG is only valid on a FREE entry; on a present one the TDX module returns TDX_EPT_ENTRY_STATE_INCORRECT and tdx_mem_page_aug() hits KVM_BUG_ON(err) (or, with the 2024 tolerance, retries a PENDING one forever). The contract of set_external_spte is "make a non-present external leaf present" (77ac7079e66d).',
      actions: ['SetExternalSpte', 'LinkExternalSpt'],
      holds: (s, step) => {
        if (step.action === 'LinkExternalSpt') return l2Call(s, step) !== 'aug2M' || s.extL2[parentOf(k, s.thread[threadOf(step)]!.fg)] === 'FREE'
        return !issuesAug(s, step) || s.extLeaf[s.thread[threadOf(step)]!.fg] === 'FREE'
      },
    },
    {
      name: 'I1k_NoBugOnWasPresent',
      description: "KVM's own KVM_BUG_ON(was_present) never fires: the mirror path is never entered to change a present leaf.",
      rationale: 'Upstream keeps this assertion (77ac7079e66d; -EBUSY before the freeze in RFC v5; in the TDX backend, as KVM_BUG_ON(present(old) && present(new)), in mainline 2026) and relies on the MMU never producing a present->present change on a mirror SPTE. The seed patch removes it for leaves, and the out-of-tree kernel of the report (A0) never had it, so it cannot fire there.',
      actions: ['SetFreeze', 'SetFreezeFail', 'SetRefused', 'SetExternalSpte', 'LinkFreeze', 'LinkFreezeFail'],
      holds: (s, step) => {
        const x = s.thread[threadOf(step)]!
        // A promotion replaces a present page table: the same assertion, at level 2.
        if (x.pc === 'LINK_FREEZE') return x.l2old !== 'NL' || (step.action !== 'SetRefused' && !assertsWasPresentAtFreeze(k))
        const old = x.old
        if (!present(old)) return true
        if (step.action === 'SetRefused') return false
        if (step.action === 'SetExternalSpte') return k.mirrorHook !== 'D'
        return !assertsWasPresentAtFreeze(k)
      },
    },
    {
      name: 'I2_LinkOnlyOnFreeEntry',
      description: 'link_external_spt (TDH.MEM.SEPT.ADD) is never called for an S-EPT entry that is already present: no double link.',
      rationale: 'Linux calls SEPT.ADD in version 0, which refuses an existing page table with TDX_EPT_ENTRY_STATE_INCORRECT -> KVM_BUG_ON in tdx_sept_link_private_spt().',
      actions: ['LinkExternalSpt'],
      holds: (s, step) => l2Call(s, step) !== 'add' || s.extL2[parentOf(k, s.thread[threadOf(step)]!.fg)] === 'FREE',
    },
    {
      name: 'I3_ParentLinkedFirst',
      description: 'Every AUG and SEPT.ADD finds all its S-EPT ancestors linked (NL_MAPPED): no TDX_EPT_WALK_FAILED.',
      rationale: 'FROZEN_SPTE makes other walkers back off until link_external_spt has returned, so a child is never set before its parent (the race quoted in 77ac7079e66d). The root is always linked.',
      actions: ['SetExternalSpte', 'LinkExternalSpt'],
      holds: (s, step) => step.action === 'LinkExternalSpt' || !issuesAug(s, step) || parentLinked(k, s, s.thread[threadOf(step)]!.fg),
    },
    {
      name: 'I9_RemoveOnlyPresent',
      description: 'The zap BLOCKs only a present S-EPT leaf (PENDING or MAPPED), and REMOVEs it only after BLOCK and TRACK.',
      rationale: 'remove_external_spte() is called for a leaf the mirror had present; TDH.MEM.PAGE.REMOVE requires a blocked entry whose block epoch was tracked, else KVM_BUG_ON in tdx_sept_remove_private_spte().',
      actions: ['ZapBlock', 'ZapRemove', 'ZapRetry'],
      holds: s => {
        const e = s.extLeaf[s.zapper.g]!
        const pc = s.zapper.pc
        if (pc === 'BLOCK' || pc === 'BLOCK_RETRY') return e === 'PENDING' || e === 'MAPPED'
        if (pc === 'REMOVE' || pc === 'REMOVE_RETRY') return (e === 'BLOCKED' || e === 'PENDING_BLOCKED') && s.tracked[s.zapper.g] === true
        return true
      },
    },
    {
      name: 'I11_NoSilentDivergence',
      description: 'A mirror leaf change made for dirty logging (W or D cleared), or a page table replaced by a 2M leaf, always reaches the TDX module: none is published without an external call.',
      rationale: 'Dirty logging write-protects the mirror SPTE, or clears its Dirty bit with PML, and expects the next guest write to be seen; the mirror table is never walked by hardware, so if the S-EPT is not told, writes go unseen and the dirty log silently misses pages. The seed patch skips the hook for present->present changes (§9.7), and clear_dirty_pt_masked() never calls a hook. A/D bookkeeping by make_spte() on a re-fault is not such a change: nothing consumes the A/D bits of a mirror SPTE. Likewise a mirror 2M leaf must be an S-EPT 2M leaf: a promotion that reaches the S-EPT only as the removal of the 4K leaves leaves the S-EPT with a page table the mirror no longer has.',
      actions: ['SetPublish', 'ClearDirtyMasked', 'LinkPublish'],
      holds: (s, step) => {
        if (step.action === 'ClearDirtyMasked') return false
        if (step.action === 'LinkPublish') {
          const x = s.thread[threadOf(step)]!
          return !(x.l2old === 'NL' && x.ret === 'OK' && !promotionCalled(k))
        }
        const x = s.thread[threadOf(step)]!
        const forLogging = x.fk === 'wrprot' || x.fk === 'clearDirty'
        return !(forLogging && x.ret === 'OK' && !hookCalled(k, x.old))
      },
    },
  ]
}

export function invariants(k: Knobs): Invariant<State>[] {
  const T = threadCount(k)
  /** Threads between the freeze (or the no-freeze CAS) and the publish of leaf g / level-2 entry e. */
  const leafOwners = (s: State, g: number) => {
    let n = 0
    for (let t = 0; t < T; t++) { const x = s.thread[t]!; if (x.fg === g && (x.pc === 'SET_HOOK' || x.pc === 'SET_PUBLISH')) n++ }
    return n
  }
  const l2Owners = (s: State, e: number) => {
    let n = 0
    for (let t = 0; t < T; t++) { const x = s.thread[t]!; if (parentOf(k, x.fg) === e && (x.pc === 'LINK_HOOK' || x.pc === 'LINK_PUBLISH')) n++ }
    return n
  }
  /** The zapper holds the write lock on g: the mirror is zapped first, the S-EPT after. */
  const zapping = (s: State, g: number) => s.zapper.g === g && s.zapper.pc !== 'IDLE' && s.zapper.pc !== 'GMEM' && s.zapper.pc !== 'END'
  /** A vCPU splits a 2M leaf under the write lock: mirror first, S-EPT after. */
  const splitting = (s: State) => s.thread.some(x => x.pc === 'SPLIT_BLOCK' || x.pc === 'SPLIT_DEMOTE')
  const gs = Array.from({ length: k.gfns }, (_, g) => g)
  const es = Array.from({ length: l2Count(k) }, (_, e) => e)
  return [
    {
      name: 'I4_NoKvmBug',
      description: 'No KVM_BUG_ON fires: the VM is never marked bugged.',
      rationale: 'KVM_BUG_ON marks the VM bugged and dead (kvm_vm_bugged): every later KVM_RUN fails with -EIO. Sources: KVM_BUG_ON(was_present) (or its 2026 forms), the TDX-error KVM_BUG_ONs in tdx_mem_page_aug(), tdx_sept_link_private_spt() and tdx_sept_remove_private_spte(), and remove_external_spte()\'s KVM_BUG_ON(ret). kvm_vm_dead() alone (6.16, a guest access before accepting) is not a KVM_BUG_ON.',
      holds: s => s.vm === 'running' || s.vm === 'dead',
    },
    {
      name: 'I5_MirrorExternalAgree',
      description: 'Every entry that no thread is updating agrees between mirror and S-EPT: non-present with FREE, a page table with NL_MAPPED, a leaf (4K or 2M) with PENDING or MAPPED.',
      rationale: 'The mirror table is KVM\'s record of the S-EPT: faults decide from the mirror alone what to ask the TDX module for. An entry frozen by its updater, or being zapped (mirror first, then BLOCK/TRACK/REMOVE under the write lock), may lag.',
      holds: s => gs.every(g => {
        const m = s.mirrorLeaf[g]!
        if (m.k === 'FROZEN' || leafOwners(s, g) > 0 || zapping(s, g) || splitting(s)) return true
        const e = s.extLeaf[g]!
        return m.k === 'NP' ? e === 'FREE' : e === 'PENDING' || e === 'MAPPED'
      }) && es.every(e => {
        const m = s.mirrorL2[e]!
        if (m === 'FROZEN' || l2Owners(s, e) > 0 || splitting(s)) return true
        const x = s.extL2[e]!
        return m === 'NP' ? x === 'FREE' : m === 'NL' ? x === 'NL_MAPPED' : x === 'PENDING' || x === 'MAPPED'
      }),
    },
    {
      name: 'I6_FrozenHasOneOwner',
      description: 'At most one thread is between the freeze and the publish of an entry, and while it is there the entry is FROZEN_SPTE.',
      rationale: 'FROZEN_SPTE is a lock: "Other threads which encounter this value should not modify the SPTE" (spte.h). Only the thread whose cmpxchg installed it may write the entry.',
      holds: s => gs.every(g => {
        const n = leafOwners(s, g)
        return n <= 1 && (n === 0 || k.mirrorHook === 'noFreeze' || s.mirrorLeaf[g]!.k === 'FROZEN')
      }) && es.every(e => {
        const n = l2Owners(s, e)
        return n <= 1 && (n === 0 || k.mirrorHook === 'noFreeze' || s.mirrorL2[e] === 'FROZEN')
      }),
    },
    {
      name: 'I7_NoLeakedFrozen',
      description: 'Every FROZEN_SPTE has a thread between its freeze and its publish: a frozen entry is never left behind.',
      rationale: 'A leaked FROZEN_SPTE makes every later fault on that GFN retry forever.',
      holds: s => gs.every(g => s.mirrorLeaf[g]!.k !== 'FROZEN' || leafOwners(s, g) === 1) &&
        es.every(e => s.mirrorL2[e] !== 'FROZEN' || l2Owners(s, e) === 1),
    },
    {
      name: 'I8_TreeWellFormed',
      description: 'A present leaf, in the mirror or the S-EPT, always hangs under a present page table.',
      rationale: 'The TDX module walks the S-EPT from the root; a leaf under a FREE page table is unreachable and breaks later SEAMCALLs (EPT walk failures).',
      holds: s => k.depth === 1 || gs.every(g => {
        const p = parentOf(k, g)
        // A page table frozen by a promotion still has its leaves until the promotion takes it down.
        const mOk = !present(s.mirrorLeaf[g]!) || s.mirrorL2[p] === 'NL' || (s.mirrorL2[p] === 'FROZEN' && l2Owners(s, p) > 0)
        const eOk = s.extLeaf[g] === 'FREE' || s.extL2[p] === 'NL_MAPPED' || s.extL2[p] === 'NL_BLOCKED'
        return mOk && eOk
      }),
    },
    {
      name: 'I12_NoTruncatedPfn',
      description: 'A present S-EPT leaf never maps a page that guest_memfd has truncated since: only the GFN\'s current generation.',
      rationale: 'Punch-hole zaps the GFN between kvm_mmu_invalidate_begin() and _end() and frees the page; a fault that got the old pfn before must not install it afterwards. is_page_fault_stale() (mmu_invalidate_seq and mmu_invalidate_in_progress) is the only guard; without it the S-EPT maps freed host memory.',
      holds: s => gs.every(g => s.extPfn.length === 0 || s.extLeaf[g] === 'FREE' || s.extPfn[g] === 'current'),
    },
    {
      name: 'I13_NoPrivateLeafOnSharedGfn',
      description: 'A GFN whose attribute is shared has no present private leaf, in the mirror or the S-EPT.',
      rationale: 'kvm_vm_set_mem_attributes() zaps the private mapping before it flips the attribute; a private fault that checked the attribute before the flip must retry (is_page_fault_stale()), else the guest keeps private memory the host now treats as shared.',
      holds: s => gs.every(g => s.attr.length === 0 || s.attr[g] === 'private' || (!present(s.mirrorLeaf[g]!) && s.extLeaf[g] === 'FREE')),
    },
    {
      name: 'I14_LinuxGuestNeverPanics',
      description: 'A Linux guest\'s ACCEPT never fails: accept_memory() never finds a page it has not accepted already MAPPED.',
      rationale: 'try_accept_one() treats any non-zero TDG.MEM.PAGE.ACCEPT status, TDX_PAGE_ALREADY_ACCEPTED included, as a failure, and the guest panics; accept_memory() serialises accepts per range and accepts each once, so only a host that maps and accepts behind its back could cause it.',
      holds: s => s.thread.every(x => x.pc !== 'PANIC'),
    },
  ]
}

/** Where a vCPU is not inside KVM's fault handling: running the guest, finished, or stopped for good. */
const OUTSIDE_KVM: readonly PcV[] = ['GUEST', 'DONE', 'DEAD', 'PANIC']
/** vCPU v is inside KVM handling a fault (or a KVM_PRE_FAULT_MEMORY), from its exit to its return. */
export const inFault = (s: State, v: number): boolean => !OUTSIDE_KVM.includes(s.thread[v]!.pc)
/** The dirty logger is inside a pass (wrprot_gfn_range() / clear_dirty_gfn_range() under the read lock). */
export const inLogPass = (k: Knobs, s: State): boolean => {
  const t = k.vcpus
  return isLogger(k, t) && t < s.thread.length && s.thread[t]!.pc !== 'GUEST' && s.thread[t]!.pc !== 'DONE'
}

/**
 * L1-L3 of kernel-semantics.md §9.6, under the fairness below. L1 is stated
 * for vCPU0: vCPUs are symmetric (lint checks it), so vCPU0 stands for every
 * vCPU, as one process stands for all in a mutual-exclusion proof.
 */
export function liveness(k: Knobs): Liveness<State>[] {
  return [
    leadsTo<State>('L1_FaultReturns', {
      description: 'Every fault KVM starts handling returns: a vCPU that exits to KVM (or issues KVM_PRE_FAULT_MEMORY) comes back out of the fault handler, to the guest or, if the VM is dead, to userspace.',
      rationale: 'kvm_tdp_mmu_map() retries on FROZEN_SPTE (goto retry, RET_PF_RETRY) and relies on the freezer publishing or restoring the SPTE; 6.16 tdx_handle_ept_violation() and kvm_tdp_map_page() retry RET_PF_RETRY inside KVM, so a retry that never ends keeps the vCPU in the kernel. With localRetry off a retry returns to the guest, which faults again: L2 sees that loop, L1 does not.',
    }, s => inFault(s, 0), s => !inFault(s, 0)),
    eventually<State>('L2_GuestFinishes', {
      description: "Every vCPU's guest program finishes: each GFN is accepted and accessed, and the VM is neither bugged nor dead nor panicked.",
      rationale: 'Stated for the Linux guest (accept_memory() before use). A bugged or dead VM never runs the guest again (kvm_vm_bugged(), kvm_vm_dead(): KVM_RUN returns -EIO), and a guest access to a PENDING page nobody accepts loops on RET_PF_SPURIOUS before 6.16 ("the endless invocation of EPT fault handler", Yan Zhao, Jul 2025).',
    }, s => s.thread.every((x, t) => isLogger(k, t) || x.pc === 'DONE')),
    leadsTo<State>('L3_DirtyLogPassEnds', {
      description: "A dirty-logging pass over a GFN ends: the write-protect (or Dirty-clearing) retry loop terminates.",
      rationale: 'wrprot_gfn_range() and clear_dirty_gfn_range() (v6.14) retry a failed tdp_mmu_set_spte_atomic() with goto retry, with no bound and no vm_bugged check. Before 02eaaffdd865 a failed freeze of a mirror SPTE leaves iter->old_spte stale, so the same cmpxchg is retried against a value that is gone; a hook that refuses a present->present change fails the same way every time.',
    }, s => inLogPass(k, s), s => !inLogPass(k, s)),
  ]
}

/**
 * What the kernel's threads are entitled to. The zapper's ZapLock, the dirty
 * logger's DirtyLogStart and ClearDirtyMasked, and HugeAllow are userspace's or
 * the host's decisions (a punch-hole, a memslot change, KVM_GET_DIRTY_LOG):
 * nothing forces them to happen, so no fairness covers them. Once the zapper
 * or the logger is inside KVM, it is a kernel thread like a vCPU's handler.
 */
export const fairnessAssumptions: readonly { readonly fairness: Fairness<TdpAction>; readonly why: string }[] = [
  {
    fairness: {
      kind: 'weak', per: 'actor', actions: [
        'GuestAccess', 'GuestAccessExit', 'GuestPendingAccess', 'GuestVE', 'GuestAccept', 'GuestAcceptExit', 'GuestAcceptSkip', 'PreFault',
        'FaultIn', 'FaultLock', 'ReadFrozen', 'ReadParent', 'LinkFreeze', 'LinkFreezeFail', 'LinkExternalSpt', 'LinkPublish',
        'ReadLeaf', 'ReadLeafSpurious', 'SetRefused', 'SetFreeze', 'SetFreezeFail', 'SetExternalSpte', 'SetPublish',
        'HonorAcceptLevel', 'SplitBlock', 'SplitDemote',
      ],
    },
    why: 'Every vCPU thread is scheduled: a vCPU that can run guest code, issue its KVM_PRE_FAULT_MEMORY or take the next step of its fault handler eventually does. The dirty logger\'s steps inside tdp_mmu_set_spte_atomic() are the same actions, so it is covered too.',
  },
  {
    fairness: { kind: 'weak', per: 'actor', actions: ['ZapMirror', 'ZapBlock', 'ZapTrack', 'ZapRemove', 'ZapRetry', 'GmemTruncate', 'GmemConvert', 'GmemInvalidateEnd', 'DirtyLogReadLeaf'] },
    why: 'A zap, once started, runs to kvm_mmu_invalidate_end(), and a dirty-logging pass, once it holds mmu_lock, reads its SPTE: they are kernel code like a fault. Starting them (ZapLock, DirtyLogStart, ClearDirtyMasked) and HugeAllow are the host\'s or userspace\'s decisions, which nothing forces: no fairness covers them.',
  },
  {
    fairness: { kind: 'strong', per: 'actor', actions: ['FaultLock', 'HonorAcceptLevel', 'GmemInvalidateEnd'] },
    why: 'mmu_lock is a queued rwlock: a thread waiting for it is not overtaken for ever (qrwlock queues readers behind a waiting writer, and writers in order), so an acquisition enabled again and again is eventually taken, even if other holders come and go.',
  },
  {
    fairness: { kind: 'strong', per: 'instance', actions: ['SetExternalSpte', 'LinkExternalSpt'] },
    why: 'A SEAMCALL tried again and again has each of its outcomes again and again: TDX_OPERAND_BUSY and a Dynamic PAMT failure are transient contention, not an adversary (§9.6: "a SEAMCALL eventually is not BUSY").',
  },
]

/** Actors whose acting for ever is the host's choice, not the kernel's: a lasso that needs them says so. */
export const ENVIRONMENT: readonly string[] = ['zapper', 'userspace']

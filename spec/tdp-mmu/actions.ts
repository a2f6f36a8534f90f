/**
 * Next: the atomic steps of the guest, KVM's fault handler (broken at every
 * atomic memory operation and SEAMCALL), the zapper and the dirty logger
 * (kernel-semantics.md §9.3). Each action cites the kernel function it models.
 *
 * Granularity (§9.9): every READ_ONCE, try_cmpxchg64, WRITE_ONCE and SEAMCALL
 * is its own action. Local computation (make_spte, the spurious checks) is
 * folded into the read before it, and read_unlock into the step that ends the
 * handler: the unlock commutes with every step but the writer's acquire,
 * which cannot run while the lock is held anyway.
 */
import { actionsOf, range, type ActionName } from 'sptecheck'
import type { Knobs } from './knobs.js'
import { accessAllowed, makeSpte, present, sameSpte, setSpte, type Spte } from './spte.js'
import {
  FROZEN, guestOp, idleThread, isLogger, NP, parentOf, threadCount, type State, type ThreadV,
} from './state.js'
import { guestAccess, kvmErrno, pageAccept, pageAug, pageRemove, rangeBlock, septAdd, type Seamcall } from './tdx.js'

const action = actionsOf<State>()
type Outcome = 'FIXED' | 'SPURIOUS' | 'RETRY'

export function actions(k: Knobs) {
  const vcpus = range(0, k.vcpus)
  const threads = range(0, threadCount(k))
  const gfns = range(0, k.gfns)
  const busyChoices = k.busy ? [false, true] : [false]
  const vcpuName = <P extends { v: number }>(p: P) => `vCPU${p.v}`
  const threadName = <P extends { t: number }>(p: P) => (isLogger(k, p.t) ? 'dirty-log' : `vCPU${p.t}`)
  const parentLinked = (s: State, g: number) => k.depth === 1 || s.extL2[parentOf(k, g)] === 'NL_MAPPED'
  const alive = (s: State) => s.vmBugged === 'none'
  /** The leaf value the handler is installing: make_spte(), or old & ~PT_WRITABLE_MASK for write-protection. */
  const newSpte = (th: ThreadV): Spte =>
    th.fk === 'wrprot' ? { ...th.old, w: false } : makeSpte(th.old, th.fk === 'prefetch', k)
  /** KVM_BUG_ON(was_present) sits at the top of set_external_spte_present() in A, C and the no-freeze ablation. */
  const assertsNotPresent = k.mirrorHook !== 'B'
  const bug = (next: State, s: State, cause: 'wasPresent' | 'tdxError') => { if (s.vmBugged === 'none') next.vmBugged = cause }
  /** The hook returns: record KVM's errno for the publish step; a fatal error is a KVM_BUG_ON. */
  const hookReturns = (next: State, s: State, t: number, pc: 'LINK_PUBLISH' | 'SET_PUBLISH', status: Seamcall, tolerated = false) => {
    const x = next.thread[t]!
    x.pc = pc
    x.ret = kvmErrno(status, tolerated)
    if (x.ret === 'EIO') bug(next, s, 'tdxError')
  }

  /**
   * read_unlock and return from the handler. FIXED and SPURIOUS re-enter the
   * guest alike (kvm_mmu_page_fault returns 1); RETRY retries inside KVM with
   * localRetry (6.16) or for a prefetch (kvm_tdp_map_page loops), else
   * re-enters the guest, which faults again. A bugged VM is not re-entered.
   */
  const finish = (next: State, t: number, outcome: Outcome, bugged: boolean) => {
    const th = next.thread[t]!
    next.readers -= 1
    if (isLogger(k, t)) {
      if (outcome === 'RETRY' && !bugged) { retryLeaf(next, t); next.readers += 1; return }
      next.thread[t] = { ...idleThread(k, 1, false), pc: 'DONE' }
      return
    }
    const again = outcome === 'RETRY' && !bugged && (k.localRetry || th.fk === 'prefetch')
    if (again) {
      next.thread[t] = { ...idleThread(k, th.gpc, th.pfDone), ve: th.ve, pc: 'EXITED', fg: th.fg, fk: th.fk }
      return
    }
    const idle = idleThread(k, th.gpc, th.pfDone)
    next.thread[t] = { ...idle, ve: th.ve, pc: bugged ? 'DEAD' : idle.pc }
  }
  /** wrprot_gfn_range(): a failed cmpxchg is retried at once, re-reading the SPTE (with 02eaaffdd865's fresh snapshot). */
  const retryLeaf = (next: State, t: number) => {
    const th = next.thread[t]!
    th.pc = 'WALK'; th.level = 1; th.ret = 'NONE'; setSpte(th.old, NP)
  }
  const th = (s: State, t: number) => s.thread[t]!

  const guest = [
    action({
      name: 'GuestAccess',
      description: 'The guest accesses its GFN and the S-EPT leaf is MAPPED: the access succeeds.',
      source: 'TDX module td_ept_violation.c: no violation for a MAPPED (RWX) private leaf',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const x = th(s, v)
        if (x.pc !== 'GUEST' || !alive(s) || x.ve) return false
        const { op, g } = guestOp(k, x.gpc)
        return op === 'ACCESS' && guestAccess(s.extLeaf[g]!, parentLinked(s, g), k.septVeDisable) === 'hit'
      },
      then: (next, _w, { v }, s) => { next.thread[v] = idleThread(k, th(s, v).gpc + 1, th(s, v).pfDone) },
    }),
    action({
      name: 'GuestAccessExit',
      description: 'The guest accesses its GFN and the S-EPT walk does not reach a MAPPED leaf: EPT violation, TD exit to KVM.',
      source: 'TDX module td_ept_violation.c -> tdx_handle_ept_violation() (v6.16): private faults are treated as writes',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const x = th(s, v)
        if (x.pc !== 'GUEST' || !alive(s) || x.ve) return false
        const { op, g } = guestOp(k, x.gpc)
        return op === 'ACCESS' && guestAccess(s.extLeaf[g]!, parentLinked(s, g), k.septVeDisable) === 'exit' ? g + 1 : false
      },
      then: (next, g1, { v }) => { const x = next.thread[v]!; x.pc = 'EXITED'; x.fg = g1 - 1; x.fk = 'fault' },
    }),
    action({
      name: 'GuestVE',
      description: 'The guest accesses a PENDING page with SEPT #VE enabled: the TDX module injects #VE and the handler will ACCEPT it.',
      source: 'TDX module td_ept_violation.c: pending leaf without pending_ve_disable -> #VE',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const x = th(s, v)
        if (x.pc !== 'GUEST' || !alive(s) || x.ve) return false
        const { op, g } = guestOp(k, x.gpc)
        return op === 'ACCESS' && guestAccess(s.extLeaf[g]!, parentLinked(s, g), k.septVeDisable) === 've'
      },
      then: (next, _w, { v }) => { next.thread[v]!.ve = true },
    }),
    action({
      name: 'GuestAccept',
      description: 'The guest ACCEPTs its GFN: a PENDING leaf becomes MAPPED; a MAPPED one is already accepted.',
      source: 'TDX module tdg_mem_page_accept.c (TDG.MEM.PAGE.ACCEPT)',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const x = th(s, v)
        if (x.pc !== 'GUEST' || !alive(s)) return false
        const { op, g } = guestOp(k, x.gpc)
        if (op !== 'ACCEPT' && !x.ve) return false
        return pageAccept(s.extLeaf[g]!, parentLinked(s, g)) !== 'exit' ? g + 1 : false
      },
      then: (next, g1, { v }, s) => {
        const x = th(s, v)
        next.extLeaf[g1 - 1] = 'MAPPED'
        if (x.ve) next.thread[v]!.ve = false // back to the ACCESS that raised #VE
        else next.thread[v] = idleThread(k, x.gpc + 1, x.pfDone)
      },
    }),
    action({
      name: 'GuestAcceptExit',
      description: 'The guest ACCEPTs a GFN whose leaf is not PENDING or MAPPED (or whose parent is not linked): EPT violation, TD exit to KVM.',
      source: 'TDX module tdg_mem_page_accept.c: async_tdexit_ept_violation (EEQ ACCEPT, a write)',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const x = th(s, v)
        if (x.pc !== 'GUEST' || !alive(s)) return false
        const { op, g } = guestOp(k, x.gpc)
        if (op !== 'ACCEPT' && !x.ve) return false
        return pageAccept(s.extLeaf[g]!, parentLinked(s, g)) === 'exit' ? g + 1 : false
      },
      then: (next, g1, { v }) => { const x = next.thread[v]!; x.pc = 'EXITED'; x.fg = g1 - 1; x.fk = 'fault' },
    }),
  ]

  const prefetch = [action({
    name: 'PreFault', exists: k.prefetch,
    description: 'Userspace pre-faults a GFN through the vCPU (KVM_PRE_FAULT_MEMORY): a fault with prefetch set, no guest exit.',
    source: 'kvm_arch_vcpu_pre_fault_memory() -> kvm_tdp_map_page() (v6.11+)',
    params: { v: vcpus, g: gfns }, actor: vcpuName,
    when: (s, { v }) => th(s, v).pc === 'GUEST' && !th(s, v).pfDone && alive(s),
    then: (next, _w, { v, g }) => { const x = next.thread[v]!; x.pc = 'EXITED'; x.fg = g; x.fk = 'prefetch'; x.pfDone = true },
  })]

  const kvm = [
    action({
      name: 'FaultLock',
      description: 'KVM starts handling the fault and takes mmu_lock for read.',
      source: 'kvm_tdp_mmu_page_fault(): read_lock(&kvm->mmu_lock)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'EXITED' && s.zapper.pc === 'IDLE',
      then: (next, _w, { t }) => { next.readers += 1; const x = next.thread[t]!; x.pc = 'WALK'; x.level = k.depth },
    }),
    action({
      name: 'ReadFrozen',
      description: 'The walk reads FROZEN_SPTE: another thread owns the entry, so the fault is retried.',
      source: 'kvm_tdp_mmu_map(): if (is_frozen_spte(iter.old_spte)) goto retry',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        if (x.pc !== 'WALK') return false
        return x.level === 2 ? s.mirrorL2[parentOf(k, x.fg)] === 'FROZEN' : s.mirrorLeaf[x.fg]!.k === 'FROZEN'
      },
      then: (next, _w, { t }, s) => finish(next, t, 'RETRY', s.vmBugged !== 'none'),
    }),
    action({
      name: 'ReadParent',
      description: 'The walk reads the level-2 mirror entry: present steps down, non-present goes to link a page table.',
      source: 'kvm_tdp_mmu_map(): for_each_tdp_pte, tdp_iter_refresh_sptep()/try_step_down() READ_ONCE',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'WALK' && x.level === 2 && s.mirrorL2[parentOf(k, x.fg)] !== 'FROZEN'
      },
      then: (next, _w, { t }, s) => {
        const x = next.thread[t]!
        if (s.mirrorL2[parentOf(k, x.fg)] === 'NL') x.level = 1
        else x.pc = 'LINK_FREEZE'
      },
    }),
    action({
      name: 'LinkFreeze',
      description: 'The cmpxchg of the non-present level-2 entry to FROZEN_SPTE succeeds (no-freeze ablation: straight to the new page table).',
      source: 'tdp_mmu_link_sp() -> tdp_mmu_set_spte_atomic() -> set_external_spte_present(): try_cmpxchg64(sptep, &old_spte, FROZEN_SPTE) (v6.14)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_FREEZE' && s.mirrorL2[parentOf(k, th(s, t).fg)] === 'NP',
      then: (next, _w, { t }, s) => {
        next.mirrorL2[parentOf(k, th(s, t).fg)] = k.mirrorHook === 'noFreeze' ? 'NL' : 'FROZEN'
        next.thread[t]!.pc = 'LINK_HOOK'
      },
    }),
    action({
      name: 'LinkFreezeFail',
      description: 'The cmpxchg of the level-2 entry fails because another thread changed it: the fault is retried.',
      source: 'set_external_spte_present(): try_cmpxchg64() fails -> -EBUSY -> RET_PF_RETRY',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_FREEZE' && s.mirrorL2[parentOf(k, th(s, t).fg)] !== 'NP',
      then: (next, _w, { t }, s) => finish(next, t, 'RETRY', s.vmBugged !== 'none'),
    }),
    action({
      name: 'LinkExternalSpt',
      description: 'link_external_spt: TDH.MEM.SEPT.ADD adds the level-2 S-EPT page; BUSY is retried, any other error is a KVM_BUG_ON.',
      source: 'link_external_spt -> tdx_sept_link_private_spt(): tdh_mem_sept_add() (v6.16)',
      params: { t: threads, busy: busyChoices }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_HOOK',
      then: (next, _w, { t, busy }, s) => {
        const e = parentOf(k, th(s, t).fg)
        const [status, entry] = septAdd(s.extL2[e]!, busy)
        next.extL2[e] = entry
        hookReturns(next, s, t, 'LINK_PUBLISH', status)
      },
    }),
    action({
      name: 'LinkPublish',
      description: 'The level-2 mirror entry gets the new page table if the hook succeeded, or its old value back; the walk steps down or retries.',
      source: 'set_external_spte_present(): __kvm_tdp_mmu_write_spte(sptep, ret ? old_spte : new_spte)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_PUBLISH',
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        next.mirrorL2[parentOf(k, x.fg)] = x.ret === 'OK' ? 'NL' : 'NP'
        if (x.ret === 'OK') { const y = next.thread[t]!; y.pc = 'WALK'; y.level = 1; y.ret = 'NONE' }
        else finish(next, t, 'RETRY', next.vmBugged !== 'none')
      },
    }),
    action({
      name: 'ReadLeaf',
      description: 'The walk reads the leaf SPTE, runs the spurious checks and make_spte(), and goes on to install a value that differs.',
      source: 'kvm_tdp_mmu_map() -> tdp_mmu_map_handle_target_level(): spurious checks, make_spte(), new_spte == iter->old_spte',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'WALK' && x.level === 1 && x.fk !== 'wrprot' && s.mirrorLeaf[x.fg]!.k !== 'FROZEN' &&
          !spurious(k, s.mirrorLeaf[x.fg]!, x.fk === 'prefetch')
      },
      then: (next, _w, { t }, s) => {
        const x = next.thread[t]!
        setSpte(x.old, s.mirrorLeaf[x.fg]!)
        x.pc = 'SET_FREEZE'
      },
    }),
    action({
      name: 'ReadLeafSpurious',
      description: 'The walk reads the leaf and finds nothing to do (a spurious check fires, or make_spte() returns the old value): RET_PF_SPURIOUS.',
      source: 'tdp_mmu_map_handle_target_level(): RET_PF_SPURIOUS (6385d01eec16, 386d69f9f29b, or new_spte == old)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'WALK' && x.level === 1 && x.fk !== 'wrprot' && s.mirrorLeaf[x.fg]!.k !== 'FROZEN' &&
          spurious(k, s.mirrorLeaf[x.fg]!, x.fk === 'prefetch')
      },
      then: (next, _w, { t }, s) => finish(next, t, 'SPURIOUS', s.vmBugged !== 'none'),
    }),
    action({
      name: 'SetRefused',
      description: 'set_external_spte_present() finds a present old SPTE: KVM_BUG_ON(was_present) and -EIO before anything is frozen.',
      source: '2026 __tdp_mmu_set_spte_atomic(): if (KVM_BUG_ON(is_shadow_present_pte(iter->old_spte), kvm)) return -EIO',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => k.mirrorHook === 'C' && th(s, t).pc === 'SET_FREEZE' && present(th(s, t).old),
      then: (next, _w, { t }, s) => { bug(next, s, 'wasPresent'); finish(next, t, 'RETRY', true) },
    }),
    action({
      name: 'SetFreeze',
      description: 'set_external_spte_present(): KVM_BUG_ON(was_present), then the cmpxchg of the leaf to FROZEN_SPTE succeeds (no-freeze ablation: straight to the new value).',
      source: 'set_external_spte_present(): KVM_BUG_ON(was_present, kvm); try_cmpxchg64(sptep, &old_spte, FROZEN_SPTE) (v6.14; seed patch: leaf hook only if !was_present)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'SET_FREEZE' && !(k.mirrorHook === 'C' && present(x.old)) && sameSpte(s.mirrorLeaf[x.fg]!, x.old)
      },
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        if (assertsNotPresent && present(x.old)) bug(next, s, 'wasPresent')
        setSpte(next.mirrorLeaf[x.fg]!, k.mirrorHook === 'noFreeze' ? newSpte(x) : FROZEN)
        const y = next.thread[t]!
        // The seed patch: a leaf that was present gets no external call at all.
        if (k.mirrorHook === 'B' && present(x.old)) { y.pc = 'SET_PUBLISH'; y.ret = 'OK' } else y.pc = 'SET_HOOK'
      },
    }),
    action({
      name: 'SetFreezeFail',
      description: 'The cmpxchg of the leaf fails because another thread changed it first: -EBUSY, the fault is retried.',
      source: 'set_external_spte_present(): try_cmpxchg64() fails -> -EBUSY -> RET_PF_RETRY',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'SET_FREEZE' && !(k.mirrorHook === 'C' && present(x.old)) && !sameSpte(s.mirrorLeaf[x.fg]!, x.old)
      },
      then: (next, _w, { t }, s) => {
        if (assertsNotPresent && present(th(s, t).old)) bug(next, s, 'wasPresent')
        finish(next, t, 'RETRY', next.vmBugged !== 'none')
      },
    }),
    action({
      name: 'SetExternalSpte',
      description: 'set_external_spte: TDH.MEM.PAGE.AUG adds the page to the S-EPT as PENDING; BUSY is retried, any other error is a KVM_BUG_ON.',
      source: 'set_external_spte -> tdx_sept_set_private_spte() -> tdx_mem_page_aug(): tdh_mem_page_aug() (v6.16)',
      params: { t: threads, busy: busyChoices }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SET_HOOK',
      then: (next, _w, { t, busy }, s) => {
        const g = th(s, t).fg
        const [status, entry] = pageAug(s.extLeaf[g]!, parentLinked(s, g), busy)
        next.extLeaf[g] = entry
        // The Sep-2024 TDX v1 tolerance: an AUG that finds the entry PENDING is -EAGAIN, not a bug.
        const tolerated = status === 'EPT_ENTRY_STATE_INCORRECT' && k.tdxAugTolerance === 'pendingSamePfn' && s.extLeaf[g] === 'PENDING'
        hookReturns(next, s, t, 'SET_PUBLISH', status, tolerated)
      },
    }),
    action({
      name: 'SetPublish',
      description: 'The leaf gets its new value if the hook succeeded, or its old value back; then mmu_lock is released and the fault returns.',
      source: 'set_external_spte_present(): __kvm_tdp_mmu_write_spte(sptep, ret ? old_spte : new_spte); read_unlock()',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SET_PUBLISH',
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        setSpte(next.mirrorLeaf[x.fg]!, x.ret === 'OK' ? newSpte(x) : x.old)
        finish(next, t, x.ret === 'OK' ? 'FIXED' : 'RETRY', next.vmBugged !== 'none')
      },
    }),
  ]

  const zap = [
    action({
      name: 'ZapLock', exists: k.zap,
      description: 'The zapper takes mmu_lock for write to unmap a GFN whose mirror leaf is present.',
      source: 'kvm_mmu_unmap_gfn_range() / guest_memfd invalidation: KVM_MMU_LOCK (write_lock) -> kvm_tdp_mmu_unmap_gfn_range()',
      params: { g: gfns }, actor: () => 'zapper',
      when: (s, { g }) => s.zapper.pc === 'IDLE' && s.readers === 0 && present(s.mirrorLeaf[g]!),
      then: (next, _w, { g }) => { next.zapper.pc = 'MIRROR'; next.zapper.g = g },
    }),
    action({
      name: 'ZapMirror', exists: k.zap,
      description: 'The mirror leaf is set non-present first; the S-EPT entry is removed after it.',
      source: 'tdp_mmu_zap_leafs() -> tdp_mmu_iter_set_spte(SHADOW_NONPRESENT_VALUE) -> tdp_mmu_set_spte() -> remove_external_spte()',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'MIRROR',
      then: (next, _w, _p, s) => { setSpte(next.mirrorLeaf[s.zapper.g]!, NP); next.zapper.pc = 'BLOCK' },
    }),
    action({
      name: 'ZapBlock', exists: k.zap,
      description: 'TDH.MEM.RANGE.BLOCK blocks the S-EPT leaf; an error is a KVM_BUG_ON.',
      source: 'tdx_sept_remove_private_spte() -> tdx_sept_zap_private_spte(): tdh_mem_range_block() (v6.16)',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'BLOCK',
      then: (next, _w, _p, s) => {
        const g = s.zapper.g
        const [status, entry] = rangeBlock(s.extLeaf[g]!)
        next.extLeaf[g] = entry
        next.tracked[g] = false
        if (status !== 'SUCCESS') bug(next, s, 'tdxError')
        next.zapper.pc = 'TRACK'
      },
    }),
    action({
      name: 'ZapTrack', exists: k.zap,
      description: 'TDH.MEM.TRACK bumps the TD epoch and every vCPU is kicked: blocked leaves are now tracked.',
      source: 'tdx_track(): tdh_mem_track() + kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE)',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'TRACK',
      then: (next, _w, _p, s) => {
        s.extLeaf.forEach((e, g) => { if (e === 'BLOCKED' || e === 'PENDING_BLOCKED') next.tracked[g] = true })
        next.zapper.pc = 'REMOVE'
      },
    }),
    action({
      name: 'ZapRemove', exists: k.zap,
      description: 'TDH.MEM.PAGE.REMOVE frees the S-EPT leaf (an error is a KVM_BUG_ON); then mmu_lock is released.',
      source: 'tdx_sept_drop_private_spte(): tdh_mem_page_remove() (v6.16); write_unlock',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'REMOVE',
      then: (next, _w, _p, s) => {
        const g = s.zapper.g
        const [status, entry] = pageRemove(s.extLeaf[g]!, s.tracked[g]!)
        next.extLeaf[g] = entry
        next.tracked[g] = false
        if (status !== 'SUCCESS') bug(next, s, 'tdxError')
        next.zapper.pc = 'IDLE'
        next.zapper.g = 0
      },
    }),
  ]

  const logger = k.vcpus
  const dirtyLog = [
    action({
      name: 'WrprotStart', exists: k.dirtyLog,
      description: 'Dirty logging write-protects a GFN: mmu_lock is taken for read.',
      source: 'kvm_tdp_mmu_wrprot_slot() -> wrprot_gfn_range() (lockdep_assert_held_read)',
      params: { g: gfns }, actor: () => 'dirty-log',
      when: s => th(s, logger).pc === 'GUEST' && s.zapper.pc === 'IDLE',
      then: (next, _w, { g }) => {
        next.readers += 1
        const x = next.thread[logger]!
        x.pc = 'WALK'; x.level = 1; x.fg = g; x.fk = 'wrprot'
      },
    }),
    action({
      name: 'WrprotReadLeaf', exists: k.dirtyLog,
      description: 'Write-protection reads the leaf: a present writable leaf is to lose W, anything else is skipped.',
      source: 'wrprot_gfn_range(): skip !is_shadow_present_pte || !is_last_spte || !(old & PT_WRITABLE_MASK)',
      params: {}, actor: () => 'dirty-log',
      when: s => { const x = th(s, logger); return x.pc === 'WALK' && x.fk === 'wrprot' },
      then: (next, _w, _p, s) => {
        const x = next.thread[logger]!
        const leaf = s.mirrorLeaf[x.fg]!
        if (present(leaf) && leaf.w) { setSpte(x.old, leaf); x.pc = 'SET_FREEZE' } else finish(next, logger, 'FIXED', s.vmBugged !== 'none')
      },
    }),
  ]

  return [...guest, ...prefetch, ...kvm, ...zap, ...dirtyLog]
}

/** Every action of the model, in every configuration. */
export type TdpAction = ActionName<ReturnType<typeof actions>>

/** The early RET_PF_SPURIOUS checks and make_spte()'s "nothing changed", for a present or non-present leaf. */
export function spurious(k: Knobs, old: Spte, prefetch: boolean): boolean {
  if (!present(old)) return false
  if ((k.spuriousChecks === 'prefetch' || k.spuriousChecks === 'both') && prefetch) return true
  if ((k.spuriousChecks === 'accessAllowed' || k.spuriousChecks === 'both') && accessAllowed(old, prefetch)) return true
  return sameSpte(makeSpte(old, prefetch, k), old)
}


/**
 * Next: the atomic steps of the guest, KVM's fault handler (broken at every
 * atomic memory operation and SEAMCALL), the zapper (a guest_memfd
 * invalidation with staleCheck) and the dirty logger (kernel-semantics.md
 * §9.3). Each action cites the kernel function it models.
 *
 * Granularity (§9.9): every READ_ONCE, try_cmpxchg64, WRITE_ONCE and SEAMCALL
 * is its own action. Local computation (make_spte, the spurious checks) is
 * folded into the read before it, and read_unlock into the step that ends the
 * handler: the unlock commutes with every step but the writer's acquire,
 * which cannot run while the lock is held anyway. What a hook does in each
 * era is in hooks.ts.
 */
import { actionsOf, range, type ActionName } from 'sptecheck'
import {
  afterZap, assertsWasPresentAtFreeze, failChoices, goalHuge, l2Hook, retriedOp, setExternalSpte, splitStep, zapStep,
  type BugCause,
} from './hooks.js'
import { freshSnapshot, type Knobs } from './knobs.js'
import { accessAllowed, makeSpte, present, sameSpte, setSpte, type Spte } from './spte.js'
import {
  FROZEN, guestOp, hasGmem, honorsAcceptLevel, idleThread, isExt2M, isLogger, NP, parentOf, RETRY_PCS, threadCount,
  type ExtLeaf, type Snap, type State, type ThreadV, type ZapPcV,
} from './state.js'
import { guestAccess, pageAccept } from './tdx.js'

const action = actionsOf<State>()
type Outcome = 'FIXED' | 'SPURIOUS' | 'RETRY'

/** A vCPU splits a 2M leaf under mmu_lock for write (tdx_honor_guest_accept_level()). */
export const splitting = (s: State): boolean => s.thread.some(x => x.pc === 'SPLIT_BLOCK' || x.pc === 'SPLIT_DEMOTE')
/** The zapper, or a vCPU splitting a 2M leaf, holds mmu_lock for write. */
export const writeLocked = (s: State): boolean => {
  const pc = s.zapper.pc
  return (pc !== 'IDLE' && pc !== 'GMEM' && pc !== 'END') || splitting(s)
}
/** tdx_no_vcpus_enter_start() .. _stop(): KVM_REQ_OUTSIDE_GUEST_MODE was waited for, and tdx_vcpu_run() refuses to enter. */
export const noVcpuEnter = (s: State): boolean => RETRY_PCS.includes(s.zapper.pc)
/** Neither kvm_vm_bugged() nor kvm_vm_dead(): KVM_RUN and vCPU ioctls still work. */
export const vmAlive = (s: State): boolean => s.vm === 'running'
/** A KVM_BUG_ON has fired. */
export const vmBuggedIn = (s: State): boolean => s.vm !== 'running' && s.vm !== 'dead'
/** Between kvm_mmu_invalidate_begin() and _end() for GFN g (staleCheck). */
export const invalidating = (s: State, g: number): boolean => s.zapper.pc !== 'IDLE' && s.zapper.g === g
/** The leaf bit a dirty-logging pass clears: W for write protection; D for clear_dirty_gfn_range (W without A/D bits). */
const logBit = (k: Knobs, fk: ThreadV['fk']): 'w' | 'd' => (fk === 'clearDirty' && k.adBits === 'enabled' ? 'd' : 'w')

export function actions(k: Knobs) {
  if (k.guest === 'linux' && !k.septVeDisable) {
    throw new Error('guest=linux needs septVeDisable=true: a Linux TD panics at boot without SEPT_VE_DISABLE (disable_sept_ve())')
  }
  if (k.hugepages !== 'off' && (k.depth !== 2 || !(k.sharedParent || k.gfns === 1) || k.dirtyLog !== 'off' || k.staleCheck !== 'off')) {
    throw new Error('hugepages needs depth=2 with one level-2 entry (sharedParent or gfns=1), and no dirtyLog or staleCheck (neither handles a 2M leaf)')
  }
  const vcpus = range(0, k.vcpus)
  const threads = range(0, threadCount(k))
  const gfns = range(0, k.gfns)
  const fails = failChoices(k)
  const zapBusy = k.busy ? [false, true] : [false]
  const gmem = hasGmem(k)
  const kinds: ('punch' | 'convert')[] = gmem ? ['punch', 'convert'] : ['punch']
  const vcpuName = <P extends { v: number }>(p: P) => `vCPU${p.v}`
  const threadName = <P extends { t: number }>(p: P) => (isLogger(k, p.t) ? 'dirty-log' : `vCPU${p.t}`)
  const th = (s: State, t: number) => s.thread[t]!
  /** A vCPU may execute guest code: the VM is alive and no busy zap has closed the entry. */
  const canEnter = (s: State) => vmAlive(s) && !noVcpuEnter(s)
  /** The leaf value the handler is installing: make_spte(), or old minus the bit a dirty-logging pass clears. */
  const newSpte = (x: ThreadV): Spte => {
    if (x.fk === 'wrprot' || x.fk === 'clearDirty') return { ...x.old, [logBit(k, x.fk)]: false }
    return makeSpte(x.old, x.fk === 'prefetch', k)
  }
  // KVM_BUG_ON(): WARN_ON_ONCE(cond && !vm_bugged), then kvm_vm_bugged(): the first cause is kept, a dead VM becomes bugged too.
  const bug = (next: State, s: State, cause: BugCause | undefined) => { if (cause !== undefined && !vmBuggedIn(s)) next.vm = cause }
  const addSnap = (x: Snap, what: 'seq' | 'pfn'): Snap =>
    what === 'seq'
      ? (x === 'fresh' ? 'seqMoved' : x === 'pfnTruncated' ? 'seqMovedPfnTruncated' : x)
      : (x === 'fresh' ? 'pfnTruncated' : x === 'seqMoved' ? 'seqMovedPfnTruncated' : x)
  const pfnTruncated = (x: ThreadV) => x.snap === 'pfnTruncated' || x.snap === 'seqMovedPfnTruncated'
  /** What thread t installs at level 2: a 2M leaf when the fault's goal is 2M, else a page table. */
  const newL2 = (s: State, t: number) => (goalHuge(k, s, t) ? 'LEAF2M' as const : 'NL' as const)
  /** Another thread holds a position inside the page table under thread t's level-2 entry. */
  const insideChildTable = (s: State, t: number) => s.thread.some((x, u) => u !== t && parentOf(k, x.fg) === parentOf(k, s.thread[t]!.fg) &&
    ((x.pc === 'WALK' && x.level === 1) || x.pc === 'SET_FREEZE' || x.pc === 'SET_HOOK' || x.pc === 'SET_PUBLISH'))
  /**
   * handle_removed_pt() for the page table a promotion replaced: every 4K mirror SPTE goes, and every
   * present S-EPT leaf under it is removed (BLOCK, TRACK, REMOVE), folded into one step.
   */
  const removeChildTable = (next: State, s: State, g0: number) => {
    const e = parentOf(k, g0)
    s.mirrorLeaf.forEach((_m, g) => {
      if (parentOf(k, g) !== e) return
      setSpte(next.mirrorLeaf[g]!, NP)
      next.extLeaf[g] = 'FREE'
      if (k.zap) next.tracked[g] = false
    })
  }

  /**
   * Return from the fault handler (read_unlock if `locked`). FIXED and
   * SPURIOUS re-enter the guest alike (kvm_mmu_page_fault returns 1); RETRY
   * retries inside KVM with localRetry (6.16) or for a prefetch
   * (kvm_tdp_map_page loops), else re-enters the guest, which faults again.
   * A bugged or dead VM is not re-entered.
   */
  const finish = (next: State, t: number, outcome: Outcome, locked: boolean) => {
    const x = next.thread[t]!
    if (locked) next.readers -= 1
    const alive = vmAlive(next)
    const again = outcome === 'RETRY' && alive && (k.localRetry || x.fk === 'prefetch')
    if (again) {
      next.thread[t] = { ...idleThread(k, x.gpc, x.pfDone), ve: x.ve, pc: 'EXITED', fg: x.fg, fk: x.fk }
      return
    }
    const idle = idleThread(k, x.gpc, x.pfDone)
    next.thread[t] = { ...idle, ve: x.ve, pc: alive ? idle.pc : 'DEAD' }
  }
  /** The dirty logger's pass over its one GFN is over: read_unlock. */
  const loggerDone = (next: State, t: number) => {
    next.readers -= 1
    next.thread[t] = { ...idleThread(k, 1, false), pc: 'DONE' }
  }
  /**
   * wrprot_gfn_range() / clear_dirty_gfn_range(): `goto retry` after a failed
   * tdp_mmu_set_spte_atomic(), with no bound and no vm_bugged check. After a
   * failed cmpxchg, 02eaaffdd865 (C, D) has refreshed iter->old_spte from it,
   * so the skip test runs on the current value; before it iter->old_spte is
   * stale and the same cmpxchg is tried again. After a failed hook the old
   * value was restored and iter->old_spte is unchanged.
   */
  const loggerRetry = (next: State, s: State, t: number, casFailed: boolean) => {
    const x = next.thread[t]!
    x.ret = 'NONE'
    x.pc = 'SET_FREEZE'
    if (casFailed && freshSnapshot(k)) {
      const cur = s.mirrorLeaf[x.fg]!
      if (!present(cur) || !cur[logBit(k, x.fk)]) loggerDone(next, t)
      else setSpte(x.old, cur)
    }
  }
  /** Return from a failed set: the vCPU's fault retries, the logger loops. */
  const setFailed = (next: State, s: State, t: number, casFailed: boolean) =>
    (isLogger(k, t) ? loggerRetry(next, s, t, casFailed) : finish(next, t, 'RETRY', true))

  /** What the TDX module's walk finds for GFN g: a 2M leaf, the 4K leaf under a linked page table, or an unlinked one. */
  const view = (s: State, g: number): { leaf: ExtLeaf; linked: boolean; huge: boolean } => {
    if (k.depth === 1) return { leaf: s.extLeaf[g]!, linked: true, huge: false }
    const e = s.extL2[parentOf(k, g)]!
    if (isExt2M(e)) return { leaf: e as ExtLeaf, linked: true, huge: true }
    return { leaf: s.extLeaf[g]!, linked: e === 'NL_MAPPED', huge: false }
  }
  const access = (s: State, g: number) => { const w = view(s, g); return guestAccess(w.leaf, w.linked, k.septVeDisable) }
  /** A 4K ACCEPT on a 2M leaf: ALREADY_ACCEPTED if it is accessible, else an EPT violation (EEQ ACCEPT, level 4K). */
  const accept = (s: State, g: number) => {
    const w = view(s, g)
    return w.huge ? (w.leaf === 'MAPPED' ? 'already' : 'exit') : pageAccept(w.leaf, w.linked)
  }

  /** A Linux guest's accept_memory(): g's bitmap bit is set and no other vCPU has it on accepting_list. */
  const mayAccept = (s: State, v: number, g: number) =>
    k.guest !== 'linux' || s.guestAccept[g] === 'unaccepted' || s.guestAccept[g] === `vCPU${v}`
  /** The op the guest is about to execute, when it may execute guest code at all. */
  const guestStep = (s: State, v: number) => {
    const x = th(s, v)
    return x.pc === 'GUEST' && canEnter(s) ? guestOp(k, x.gpc) : undefined
  }

  const guest = [
    action({
      name: 'GuestAccess',
      description: 'The guest accesses its GFN and the S-EPT leaf is MAPPED: the access succeeds.',
      source: 'TDX module td_ept_violation.c: no violation for a MAPPED (RWX) private leaf',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        return o?.op === 'ACCESS' && !th(s, v).ve && access(s, o.g) === 'hit'
      },
      then: (next, _w, { v }, s) => { next.thread[v] = idleThread(k, th(s, v).gpc + 1, th(s, v).pfDone) },
    }),
    action({
      name: 'GuestAccessExit',
      description: 'The guest accesses its GFN and the S-EPT walk does not reach a MAPPED leaf: EPT violation, TD exit to KVM.',
      source: 'TDX module td_ept_violation.c -> tdx_handle_ept_violation() (v6.16): private faults are treated as writes',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        if (o?.op !== 'ACCESS' || th(s, v).ve) return false
        const r = access(s, o.g)
        return r === 'exit' || (r === 'pendingExit' && k.pendingAccess === 'fault') ? o.g + 1 : false
      },
      then: (next, g1, { v }) => { const x = next.thread[v]!; x.pc = 'EXITED'; x.fg = g1 - 1; x.fk = 'fault' },
    }),
    action({
      name: 'GuestPendingAccess', exists: k.pendingAccess !== 'fault' && k.septVeDisable,
      description: 'The guest accesses a PENDING page with SEPT #VE disabled: KVM kills the VM (6.16), or exits to userspace, which runs the vCPU again (2025 proposal).',
      source: 'tdx_handle_ept_violation(): tdx_is_sept_violation_unexpected_pending() -> kvm_vm_dead() (v6.16), or kvm_prepare_memory_fault_exit(), -EFAULT (Jul 2025 proposal)',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        return o?.op === 'ACCESS' && !th(s, v).ve && access(s, o.g) === 'pendingExit'
      },
      then: (next, _w, { v }) => {
        if (k.pendingAccess === 'kill') { next.vm = 'dead'; next.thread[v]!.pc = 'DEAD' }
        // exit: KVM_EXIT_MEMORY_FAULT; userspace runs the vCPU again and the guest retries: no state changes.
      },
    }),
    action({
      name: 'GuestVE',
      description: 'The guest accesses a PENDING page with SEPT #VE enabled: the TDX module injects #VE and the handler will ACCEPT it.',
      source: 'TDX module td_ept_violation.c: pending leaf without pending_ve_disable -> #VE',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        return o?.op === 'ACCESS' && !th(s, v).ve && access(s, o.g) === 've'
      },
      then: (next, _w, { v }) => { next.thread[v]!.ve = true },
    }),
    action({
      name: 'GuestAccept',
      description: 'The guest ACCEPTs its GFN: a PENDING leaf becomes MAPPED; a MAPPED one is already accepted, which a Linux guest treats as fatal.',
      source: 'TDX module tdg_mem_page_accept.c (TDG.MEM.PAGE.ACCEPT); Linux accept_memory() -> tdx_accept_memory() -> try_accept_one()',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        if (o === undefined || (o.op !== 'ACCEPT' && !th(s, v).ve) || !mayAccept(s, v, o.g)) return false
        return accept(s, o.g) !== 'exit' ? o.g + 1 : false
      },
      then: (next, g1, { v }, s) => {
        const x = th(s, v)
        const g = g1 - 1
        if (s.extLeaf[g] === 'MAPPED' && k.guest === 'linux') { next.thread[v]!.pc = 'PANIC'; return }
        next.extLeaf[g] = 'MAPPED'
        if (k.guest === 'linux') next.guestAccept[g] = 'accepted'
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
        const o = guestStep(s, v)
        if (o === undefined || (o.op !== 'ACCEPT' && !th(s, v).ve) || !mayAccept(s, v, o.g)) return false
        return accept(s, o.g) === 'exit' ? o.g + 1 : false
      },
      then: (next, g1, { v }, s) => {
        const x = next.thread[v]!
        const g = g1 - 1
        // tdx_honor_guest_accept_level() (2026): a 4K accept first splits a 2M leaf and inhibits 2M for the range.
        x.pc = honorsAcceptLevel(k) && !s.hugeInhibit[parentOf(k, g)] ? 'HONOR' : 'EXITED'; x.fg = g; x.fk = 'fault'
        // accept_memory(): the range stays on accepting_list while arch_accept_memory() runs.
        if (k.guest === 'linux') next.guestAccept[g] = `vCPU${v}`
      },
    }),
    action({
      name: 'GuestAcceptSkip', exists: k.guest === 'linux',
      description: 'A Linux guest finds its GFN already accepted in the unaccepted-memory bitmap and does not ACCEPT it again.',
      source: 'drivers/firmware/efi/unaccepted_memory.c accept_memory(): for_each_set_bitrange_from() skips cleared bits',
      params: { v: vcpus }, actor: vcpuName,
      when: (s, { v }) => {
        const o = guestStep(s, v)
        return o?.op === 'ACCEPT' && s.guestAccept[o.g] === 'accepted'
      },
      then: (next, _w, { v }, s) => { next.thread[v] = idleThread(k, th(s, v).gpc + 1, th(s, v).pfDone) },
    }),
  ]

  const prefetch = [action({
    name: 'PreFault', exists: k.prefetch,
    description: 'Userspace pre-faults a GFN through the vCPU (KVM_PRE_FAULT_MEMORY): a fault with prefetch set, no guest exit.',
    source: 'kvm_arch_vcpu_pre_fault_memory() -> kvm_tdp_map_page() (v6.11+)',
    params: { v: vcpus, g: gfns }, actor: vcpuName,
    when: (s, { v }) => th(s, v).pc === 'GUEST' && !th(s, v).pfDone && vmAlive(s),
    then: (next, _w, { v, g }) => { const x = next.thread[v]!; x.pc = 'EXITED'; x.fg = g; x.fk = 'prefetch'; x.pfDone = true },
  })]

  const kvm = [
    action({
      name: 'FaultIn', exists: gmem,
      description: 'KVM snapshots mmu_invalidate_seq, checks that the GFN is still private and gets the pfn from guest_memfd; an invalidation in progress on the GFN means retry.',
      source: 'kvm_mmu_faultin_pfn() (v6.13+): fault->mmu_seq = kvm->mmu_invalidate_seq; is_private mismatch -> -EFAULT; kvm_gmem_get_pfn(); mmu_invalidate_retry_gfn_unsafe()',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'EXITED',
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        if (s.attr[x.fg] === 'shared') {
          // A private fault on a shared GFN: KVM_EXIT_MEMORY_FAULT; userspace converts and runs the vCPU again.
          // A prefetch of a shared GFN is a shared fault, which the model does not follow.
          finish(next, t, 'SPURIOUS', false)
          return
        }
        if (invalidating(s, x.fg)) { finish(next, t, 'RETRY', false); return }
        const y = next.thread[t]!
        y.pc = 'PFN'; y.snap = 'fresh'
      },
    }),
    action({
      name: 'FaultLock',
      description: 'KVM takes mmu_lock for read; with staleCheck, is_page_fault_stale() sends the fault back if an invalidation ran or is running on its GFN since the snapshot.',
      source: 'kvm_tdp_mmu_page_fault(): read_lock(&kvm->mmu_lock); is_page_fault_stale() -> mmu_invalidate_retry_gfn()',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === (gmem ? 'PFN' : 'EXITED') && !writeLocked(s),
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        const stale = gmem && k.staleCheck !== 'mirrorExempt' &&
          (x.snap === 'seqMoved' || x.snap === 'seqMovedPfnTruncated' || invalidating(s, x.fg))
        if (stale) { finish(next, t, 'RETRY', false); return }
        next.readers += 1
        const y = next.thread[t]!
        y.pc = 'WALK'; y.level = k.depth
      },
    }),
    action({
      name: 'ReadFrozen',
      description: 'The walk reads FROZEN_SPTE: another thread owns the entry, so the fault is retried.',
      source: 'kvm_tdp_mmu_map(): if (is_frozen_spte(iter.old_spte)) goto retry',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        if (x.pc !== 'WALK') return false
        return x.level === 2 ? s.mirrorL2[parentOf(k, x.fg)] === 'FROZEN' : s.mirrorLeaf[x.fg]!.k === 'FROZEN'
      },
      then: (next, _w, { t }) => finish(next, t, 'RETRY', true),
    }),
    action({
      name: 'ReadParent',
      description: 'The walk reads the level-2 mirror entry: a page table steps down, non-present goes to link a page table (or to map a 2M leaf), a 2M leaf that allows the access is spurious.',
      source: 'kvm_tdp_mmu_map(): for_each_tdp_pte, tdp_iter_refresh_sptep()/try_step_down() READ_ONCE; kvm_mmu_hugepage_adjust(), disallowed_hugepage_adjust() for mirror roots (RFC v5)',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        const m = s.mirrorL2[parentOf(k, x.fg)]
        // A promotion waits until no other thread is inside the page table it takes down (see docs/model.md).
        if (m === 'NL' && goalHuge(k, s, t) && k.hugepages === 'promote' && insideChildTable(s, t)) return false
        return x.pc === 'WALK' && x.level === 2 && m !== 'FROZEN'
      },
      then: (next, _w, { t }, s) => {
        const x = next.thread[t]!
        const m = s.mirrorL2[parentOf(k, x.fg)]!
        const huge = goalHuge(k, s, t)
        if (m === 'NL' && !(huge && k.hugepages === 'promote')) { x.level = 1; return }
        if (m === 'LEAF2M') {
          // A present 2M leaf allows every access (TD faults are writes, the leaf is {W,A,D}): spurious.
          // A 4K goal over it would be the fault path's split: KVM_BUG_ON(is_mirror_sptep()), unreachable while the
          // accept level is honoured first.
          if (!huge) bug(next, s, 'wasPresent')
          finish(next, t, huge ? 'SPURIOUS' : 'RETRY', true)
          return
        }
        x.pc = 'LINK_FREEZE'; x.l2old = m === 'NL' ? 'NL' : 'NP'
      },
    }),
    action({
      name: 'LinkFreeze',
      description: 'The cmpxchg of the level-2 entry to FROZEN_SPTE succeeds, for a page table, a 2M leaf or a promotion (no-freeze ablation: straight to the new value).',
      source: 'tdp_mmu_link_sp() / tdp_mmu_map_handle_target_level() -> tdp_mmu_set_spte_atomic() -> set_external_spte_present(): KVM_BUG_ON(was_present); try_cmpxchg64(sptep, &old_spte, FROZEN_SPTE) (v6.14; seed patch: a leaf that was present gets no hook)',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'LINK_FREEZE' && !(k.mirrorHook === 'C' && x.l2old === 'NL') && s.mirrorL2[parentOf(k, x.fg)] === x.l2old
      },
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        const promotion = x.l2old === 'NL'
        if (promotion && assertsWasPresentAtFreeze(k)) bug(next, s, 'wasPresent')
        next.mirrorL2[parentOf(k, x.fg)] = k.mirrorHook === 'noFreeze' ? newL2(s, t) : 'FROZEN'
        const y = next.thread[t]!
        // The seed patch: the new 2M leaf replaces a present entry, so no external call.
        if (promotion && k.mirrorHook === 'B') { y.pc = 'LINK_PUBLISH'; y.ret = 'OK' } else y.pc = 'LINK_HOOK'
      },
    }),
    action({
      name: 'LinkFreezeFail',
      description: 'The cmpxchg of the level-2 entry fails because another thread changed it: the fault is retried.',
      source: 'set_external_spte_present(): try_cmpxchg64() fails -> -EBUSY -> RET_PF_RETRY',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'LINK_FREEZE' && !(k.mirrorHook === 'C' && x.l2old === 'NL') && s.mirrorL2[parentOf(k, x.fg)] !== x.l2old
      },
      then: (next, _w, { t }, s) => {
        if (th(s, t).l2old === 'NL' && assertsWasPresentAtFreeze(k)) bug(next, s, 'wasPresent')
        finish(next, t, 'RETRY', true)
      },
    }),
    action({
      name: 'LinkExternalSpt',
      description: 'The level-2 hook: TDH.MEM.SEPT.ADD for a page table, TDH.MEM.PAGE.AUG at 2M for a 2M leaf (2026); BUSY or a Dynamic PAMT failure is retried, any other error is a KVM_BUG_ON.',
      source: 'link_external_spt -> tdx_sept_link_private_spt(): tdh_mem_sept_add() (2024: SEPT_BUSY -> -EAGAIN; v6.16: busy -> -EBUSY; 2026: tdx_pamt_get() first); set_external_spte at 2M (v6.16: KVM_BUG_ON(level != PG_LEVEL_4K); RFC v5: 2M AUG)',
      params: { t: range(0, k.vcpus), fail: fails }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_HOOK',
      then: (next, _w, { t, fail }, s) => {
        const o = l2Hook(k, s, t, fail)
        next.extL2[parentOf(k, th(s, t).fg)] = o.entry
        if (o.removeChildren) removeChildTable(next, s, th(s, t).fg)
        bug(next, s, o.bug)
        const y = next.thread[t]!
        y.pc = 'LINK_PUBLISH'; y.ret = o.ret
      },
    }),
    action({
      name: 'LinkPublish',
      description: 'The level-2 mirror entry gets its new value (page table or 2M leaf) if the hook succeeded, or its old value back; the walk steps down, returns, or retries.',
      source: 'set_external_spte_present(): __kvm_tdp_mmu_write_spte(sptep, ret ? old_spte : new_spte); handle_changed_spte() -> handle_removed_pt(shared) for a promotion (v6.14)',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'LINK_PUBLISH',
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        const e = parentOf(k, x.fg)
        const to = newL2(s, t)
        next.mirrorL2[e] = x.ret === 'OK' ? to : x.l2old
        if (x.ret !== 'OK') { finish(next, t, 'RETRY', true); return }
        if (x.l2old === 'NL' && k.mirrorHook === 'B') {
          // handle_removed_pt(kvm, pt, shared=true) on a mirror page table: KVM_BUG_ON(shared), then each child removed.
          removeChildTable(next, s, x.fg)
          bug(next, s, 'sharedRemove')
        }
        if (to === 'NL') { const y = next.thread[t]!; y.pc = 'WALK'; y.level = 1; y.ret = 'NONE' }
        else finish(next, t, 'FIXED', true)
      },
    }),
    action({
      name: 'ReadLeaf',
      description: 'The walk reads the leaf SPTE, runs the spurious checks and make_spte(), and goes on to install a value that differs.',
      source: 'kvm_tdp_mmu_map() -> tdp_mmu_map_handle_target_level(): spurious checks, make_spte(), new_spte == iter->old_spte',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'WALK' && x.level === 1 && s.mirrorLeaf[x.fg]!.k !== 'FROZEN' &&
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
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'WALK' && x.level === 1 && s.mirrorLeaf[x.fg]!.k !== 'FROZEN' &&
          spurious(k, s.mirrorLeaf[x.fg]!, x.fk === 'prefetch')
      },
      then: (next, _w, { t }) => finish(next, t, 'SPURIOUS', true),
    }),
    action({
      name: 'SetRefused',
      description: 'The folded set_external_spte_present() finds a present old SPTE (a leaf, or a page table to promote): KVM_BUG_ON(was_present) and -EBUSY before anything is frozen.',
      source: 'RFC v5 06/45 (Jan 2026) __tdp_mmu_set_spte_atomic(): if (KVM_BUG_ON(is_shadow_present_pte(iter->old_spte), kvm) || ...) return -EBUSY',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => k.mirrorHook === 'C' &&
        ((th(s, t).pc === 'SET_FREEZE' && present(th(s, t).old)) || (th(s, t).pc === 'LINK_FREEZE' && th(s, t).l2old === 'NL')),
      then: (next, _w, { t }, s) => { bug(next, s, 'wasPresent'); setFailed(next, s, t, false) },
    }),
    action({
      name: 'SetFreeze',
      description: 'The cmpxchg of the leaf to FROZEN_SPTE succeeds, after KVM_BUG_ON(was_present) where the era has it (no-freeze ablation: straight to the new value).',
      source: 'set_external_spte_present(): KVM_BUG_ON(was_present, kvm); try_cmpxchg64(sptep, &old_spte, FROZEN_SPTE) (v6.14; A0: no KVM_BUG_ON; seed patch: leaf hook only if !was_present; 2026 D: tdp_mmu_set_spte_atomic() freezes first)',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'SET_FREEZE' && !(k.mirrorHook === 'C' && present(x.old)) && sameSpte(s.mirrorLeaf[x.fg]!, x.old)
      },
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        if (assertsWasPresentAtFreeze(k) && present(x.old)) bug(next, s, 'wasPresent')
        setSpte(next.mirrorLeaf[x.fg]!, k.mirrorHook === 'noFreeze' ? newSpte(x) : FROZEN)
        const y = next.thread[t]!
        // The seed patch: a leaf that was present gets no external call at all.
        if (k.mirrorHook === 'B' && present(x.old)) { y.pc = 'SET_PUBLISH'; y.ret = 'OK' } else y.pc = 'SET_HOOK'
      },
    }),
    action({
      name: 'SetFreezeFail',
      description: 'The cmpxchg of the leaf fails because another thread changed it first: -EBUSY, the fault is retried (the dirty logger loops).',
      source: 'set_external_spte_present(): try_cmpxchg64() fails -> -EBUSY -> RET_PF_RETRY; wrprot_gfn_range()/clear_dirty_gfn_range(): goto retry',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => {
        const x = th(s, t)
        return x.pc === 'SET_FREEZE' && !(k.mirrorHook === 'C' && present(x.old)) && !sameSpte(s.mirrorLeaf[x.fg]!, x.old)
      },
      then: (next, _w, { t }, s) => {
        if (assertsWasPresentAtFreeze(k) && present(th(s, t).old)) bug(next, s, 'wasPresent')
        setFailed(next, s, t, true)
      },
    }),
    action({
      name: 'SetExternalSpte',
      description: 'set_external_spte: TDH.MEM.PAGE.AUG adds the page to the S-EPT as PENDING; BUSY, a tolerated error or a Dynamic PAMT failure is retried, any other error is a KVM_BUG_ON (2026 D: a present old SPTE is refused).',
      source: 'set_external_spte -> tdx_sept_set_private_spte() -> tdx_mem_page_aug(): tdh_mem_page_aug() (2024 v1 with the PENDING tolerance; v6.16; 2026 with tdx_pamt_get() and old/new SPTEs)',
      params: { t: threads, fail: fails }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SET_HOOK',
      then: (next, _w, { t, fail }, s) => {
        const x = th(s, t)
        const o = setExternalSpte(k, s, t, fail)
        next.extLeaf[x.fg] = o.entry
        if (gmem && o.status === 'SUCCESS') next.extPfn[x.fg] = pfnTruncated(x) ? 'truncated' : 'current'
        bug(next, s, o.bug)
        const y = next.thread[t]!
        y.pc = 'SET_PUBLISH'; y.ret = o.ret
      },
    }),
    action({
      name: 'SetPublish',
      description: 'The leaf gets its new value if the hook succeeded, or its old value back; then mmu_lock is released and the fault returns (the dirty logger retries a failure).',
      source: 'set_external_spte_present(): __kvm_tdp_mmu_write_spte(sptep, ret ? old_spte : new_spte); read_unlock()',
      params: { t: threads }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SET_PUBLISH',
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        setSpte(next.mirrorLeaf[x.fg]!, x.ret === 'OK' ? newSpte(x) : x.old)
        if (x.ret !== 'OK') setFailed(next, s, t, false)
        else if (isLogger(k, t)) loggerDone(next, t)
        else finish(next, t, 'FIXED', true)
      },
    }),
  ]

  const huge = [
    action({
      name: 'HugeAllow', exists: k.hugepages === 'promote',
      description: 'Counterfactual: the range becomes mappable at 2M (its attributes are uniform again), under mmu_lock for write, while 4K mappings may exist.',
      source: 'kvm_vm_set_mem_attributes() -> kvm_arch_post_set_memory_attributes(): hugepage_clear_mixed() (v6.8+)',
      params: { e: range(0, k.hugepages === 'promote' ? 1 : 0) }, actor: () => 'userspace',
      when: (s, { e }) => s.hugeInhibit[e] === true && s.readers === 0 && !writeLocked(s),
      then: (next, _w, { e }) => { next.hugeInhibit[e] = false },
    }),
    action({
      name: 'HonorAcceptLevel', exists: honorsAcceptLevel(k),
      description: 'After a 4K ACCEPT exit, KVM takes mmu_lock for write: a 2M leaf over the GFN is split (mirror first), else 2M is inhibited for the range and the fault goes on.',
      source: 'tdx_handle_ept_violation() -> tdx_honor_guest_accept_level() (Jan 2026): scoped_guard(write_lock), kvm_split_cross_boundary_leafs() -> tdp_mmu_split_huge_page(), hugepage_set_guest_inhibit()',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'HONOR' && s.readers === 0 && !writeLocked(s),
      then: (next, _w, { t }, s) => {
        const x = th(s, t)
        const e = parentOf(k, x.fg)
        if (s.mirrorL2[e] === 'LEAF2M') {
          // make_small_spte() for every 4K entry, then the page table replaces the 2M leaf: the mirror is written first.
          next.mirrorL2[e] = 'NL'
          s.mirrorLeaf.forEach((_m, g) => { if (parentOf(k, g) === e) setSpte(next.mirrorLeaf[g]!, { k: 'LEAF', w: true, a: true, d: true, acc: false }) })
          next.thread[t]!.pc = 'SPLIT_BLOCK'
          return
        }
        next.hugeInhibit[e] = true
        next.thread[t]!.pc = 'EXITED'
      },
    }),
    action({
      name: 'SplitBlock', exists: honorsAcceptLevel(k),
      description: 'The split BLOCKs the 2M S-EPT leaf and TRACKs (every vCPU kicked), under the write lock.',
      source: 'tdx_sept_set_private_spte(old, new) -> tdx_sept_split_private_spte() (RFC v5): tdh_do_no_vcpus(tdh_mem_range_block), tdx_track()',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SPLIT_BLOCK',
      then: (next, _w, { t }, s) => {
        const o = splitStep(k, s, t, 'BLOCK')
        next.extL2[parentOf(k, th(s, t).fg)] = o.entry
        bug(next, s, o.bug)
        next.thread[t]!.pc = o.bug === undefined ? 'SPLIT_DEMOTE' : 'EXITED'
      },
    }),
    action({
      name: 'SplitDemote', exists: honorsAcceptLevel(k),
      description: 'TDH.MEM.PAGE.DEMOTE turns the blocked 2M leaf into a page table of 4K leaves in its state; 2M is inhibited for the range and the write lock released.',
      source: 'tdx_sept_split_private_spte() (RFC v5): tdh_do_no_vcpus(tdh_mem_page_demote); tdx_honor_guest_accept_level(): hugepage_set_guest_inhibit(), write_unlock',
      params: { t: range(0, k.vcpus) }, actor: threadName,
      when: (s, { t }) => th(s, t).pc === 'SPLIT_DEMOTE',
      then: (next, _w, { t }, s) => {
        const e = parentOf(k, th(s, t).fg)
        const o = splitStep(k, s, t, 'DEMOTE')
        next.extL2[e] = o.entry
        if (o.leaf !== undefined) s.extLeaf.forEach((_l, g) => { if (parentOf(k, g) === e) next.extLeaf[g] = o.leaf! })
        bug(next, s, o.bug)
        next.hugeInhibit[e] = true
        next.thread[t]!.pc = 'EXITED'
      },
    }),
  ]

  const zap = [
    action({
      name: 'ZapLock', exists: k.zap,
      description: 'The zapper takes mmu_lock for write to unmap a GFN whose mirror leaf is present (with staleCheck: a guest_memfd punch-hole or conversion of any GFN, after kvm_mmu_invalidate_begin()).',
      source: 'kvm_mmu_unmap_gfn_range() under KVM_MMU_LOCK (write_lock); __kvm_gmem_invalidate_begin() / kvm_vm_set_mem_attributes(): kvm_mmu_invalidate_begin()',
      params: { g: gfns, kind: kinds }, actor: () => 'zapper',
      when: (s, { g }) => s.zapper.pc === 'IDLE' && s.readers === 0 && !splitting(s) && (gmem || present(s.mirrorLeaf[g]!)),
      then: (next, _w, { g, kind }) => { next.zapper.pc = 'MIRROR'; next.zapper.g = g; next.zapper.kind = kind },
    }),
    action({
      name: 'ZapMirror', exists: k.zap,
      description: 'The mirror leaf is set non-present first; the S-EPT entry is removed after it (a GFN with no present leaf has nothing to zap).',
      source: 'tdp_mmu_zap_leafs() -> tdp_mmu_iter_set_spte(SHADOW_NONPRESENT_VALUE) -> tdp_mmu_set_spte() -> remove_external_spte() (2026 D: set_external_spte(old, NONPRESENT))',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'MIRROR',
      then: (next, _w, _p, s) => {
        if (!present(s.mirrorLeaf[s.zapper.g]!)) { next.zapper.pc = afterZap(k); return }
        setSpte(next.mirrorLeaf[s.zapper.g]!, NP)
        next.zapper.pc = 'BLOCK'
      },
    }),
    action({
      name: 'ZapBlock', exists: k.zap,
      description: 'TDH.MEM.RANGE.BLOCK blocks the S-EPT leaf; BUSY is a KVM_BUG_ON in 2024 and a retry with no vCPU in the guest from 6.16; any other error is a KVM_BUG_ON.',
      source: 'tdx_sept_remove_private_spte() -> tdx_sept_zap_private_spte(): tdh_mem_range_block() (2024: SEPT_BUSY -> -EAGAIN -> remove_external_spte() KVM_BUG_ON(ret); v6.16: tdx_no_vcpus_enter_start())',
      params: { busy: zapBusy }, actor: () => 'zapper',
      when: s => s.zapper.pc === 'BLOCK',
      then: (next, _w, { busy }, s) => applyZap(next, s, zapStep(k, s, 'BLOCK', busy, false)),
    }),
    action({
      name: 'ZapTrack', exists: k.zap,
      description: 'TDH.MEM.TRACK bumps the TD epoch and every vCPU is kicked: blocked leaves are now tracked (from 6.16 a BUSY is retried with no vCPU in the guest).',
      source: 'tdx_track(): tdh_mem_track() + kvm_make_all_cpus_request(KVM_REQ_OUTSIDE_GUEST_MODE) (2024: loops on BUSY with vCPUs held in tdx_flush_tlb(); v6.16: tdx_no_vcpus_enter_start())',
      params: { busy: k.tdx === '2024' ? [false] : zapBusy }, actor: () => 'zapper',
      when: s => s.zapper.pc === 'TRACK',
      then: (next, _w, { busy }, s) => applyZap(next, s, zapStep(k, s, 'TRACK', busy, false)),
    }),
    action({
      name: 'ZapRemove', exists: k.zap,
      description: 'TDH.MEM.PAGE.REMOVE frees the S-EPT leaf (an error is a KVM_BUG_ON; from 6.16 a BUSY is retried with no vCPU in the guest); then mmu_lock is released.',
      source: 'tdx_sept_drop_private_spte(): tdh_mem_page_remove() (2024: loops on SEPT_BUSY; v6.16: tdx_no_vcpus_enter_start()); write_unlock',
      params: { busy: k.tdx === '2024' ? [false] : zapBusy }, actor: () => 'zapper',
      when: s => s.zapper.pc === 'REMOVE',
      then: (next, _w, { busy }, s) => applyZap(next, s, zapStep(k, s, 'REMOVE', busy, false)),
    }),
    action({
      name: 'ZapRetry', exists: k.zap && k.busy && k.tdx !== '2024',
      description: 'With every vCPU out of the guest and kept out, the busy SEAMCALL is tried again and succeeds; then vCPUs may enter again.',
      source: 'tdx_sept_zap_private_spte() / tdx_track() / tdx_sept_drop_private_spte(): second tdh_mem_*() between tdx_no_vcpus_enter_start() and tdx_no_vcpus_enter_stop() (v6.16)',
      params: {}, actor: () => 'zapper',
      when: s => noVcpuEnter(s),
      then: (next, _w, _p, s) => applyZap(next, s, zapStep(k, s, retriedOp(s.zapper.pc), false, true)),
    }),
    action({
      name: 'GmemTruncate', exists: k.zap && gmem,
      description: 'guest_memfd punch-hole frees the GFN\'s page after the zap: a fault that already got the old pfn now holds a truncated page.',
      source: 'kvm_gmem_punch_hole(): truncate_inode_pages_range() between __kvm_gmem_invalidate_begin() and _end()',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'GMEM' && s.zapper.kind === 'punch',
      then: (next, _w, _p, s) => {
        const g = s.zapper.g
        s.thread.forEach((x, t) => {
          if (x.fg === g && !isLogger(k, t) && x.pc !== 'GUEST' && x.pc !== 'EXITED' && x.pc !== 'DONE' && x.pc !== 'DEAD' && x.pc !== 'PANIC') {
            next.thread[t]!.snap = addSnap(x.snap, 'pfn')
          }
        })
        if (s.extLeaf[g] !== 'FREE') next.extPfn[g] = 'truncated'
        next.zapper.pc = 'END'
      },
    }),
    action({
      name: 'GmemConvert', exists: k.zap && gmem,
      description: 'KVM_SET_MEMORY_ATTRIBUTES flips the GFN between private and shared after the zap; the pfn behind it does not change.',
      source: 'kvm_vm_set_mem_attributes(): kvm_handle_gfn_range(pre_set_range), xa_store() of the attribute, then post_set_range',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'GMEM' && s.zapper.kind === 'convert',
      then: (next, _w, _p, s) => {
        const g = s.zapper.g
        next.attr[g] = s.attr[g] === 'private' ? 'shared' : 'private'
        next.zapper.pc = 'END'
      },
    }),
    action({
      name: 'GmemInvalidateEnd', exists: k.zap && gmem,
      description: 'The invalidation ends under mmu_lock for write: mmu_invalidate_seq moves, so every fault that snapshotted it before is stale.',
      source: '__kvm_gmem_invalidate_end() / kvm_vm_set_mem_attributes(): KVM_MMU_LOCK; kvm_mmu_invalidate_end(): mmu_invalidate_seq++, mmu_invalidate_in_progress--',
      params: {}, actor: () => 'zapper',
      when: s => s.zapper.pc === 'END' && s.readers === 0,
      then: (next, _w, _p, s) => {
        s.thread.forEach((x, t) => { if (x.pc === 'PFN') next.thread[t]!.snap = addSnap(x.snap, 'seq') })
        next.zapper.pc = 'IDLE'; next.zapper.g = 0; next.zapper.kind = 'punch'
      },
    }),
  ]
  const applyZap = (next: State, s: State, o: ReturnType<typeof zapStep>) => {
    const g = s.zapper.g
    next.extLeaf[g] = o.entry
    if (o.status === 'SUCCESS' && o.entry === 'FREE' && gmem) next.extPfn[g] = 'current'
    // A new BLOCK needs a new TRACK; TRACK covers every leaf blocked so far; REMOVE frees the entry.
    if (o.untrack) next.tracked[g] = false
    if (o.track) s.extLeaf.forEach((e, i) => { if (e === 'BLOCKED' || e === 'PENDING_BLOCKED') next.tracked[i] = true })
    bug(next, s, o.bug)
    next.zapper.pc = o.next
    if (o.next === 'IDLE') { next.zapper.g = 0; next.zapper.kind = 'punch' }
  }

  const logger = k.vcpus
  const dirtyLog = [
    action({
      name: 'DirtyLogStart', exists: k.dirtyLog === 'wrprot' || k.dirtyLog === 'pml',
      description: 'Dirty logging starts a pass over a GFN under mmu_lock for read: write-protection, or clearing the Dirty bit (PML).',
      source: 'kvm_tdp_mmu_wrprot_slot() -> wrprot_gfn_range(); kvm_tdp_mmu_clear_dirty_slot() -> clear_dirty_gfn_range() (lockdep_assert_held_read)',
      params: { g: gfns }, actor: () => 'dirty-log',
      when: s => th(s, logger).pc === 'GUEST' && !writeLocked(s),
      then: (next, _w, { g }) => {
        next.readers += 1
        const x = next.thread[logger]!
        x.pc = 'WALK'; x.level = 1; x.fg = g; x.fk = k.dirtyLog === 'wrprot' ? 'wrprot' : 'clearDirty'
      },
    }),
    action({
      name: 'DirtyLogReadLeaf', exists: k.dirtyLog === 'wrprot' || k.dirtyLog === 'pml',
      description: 'The pass reads the leaf: a present leaf with the bit set is to lose it; anything else, FROZEN_SPTE included, is skipped.',
      source: 'wrprot_gfn_range() / clear_dirty_gfn_range(): continue if !is_shadow_present_pte || !is_last_spte || !(old & bit)',
      params: {}, actor: () => 'dirty-log',
      when: s => th(s, logger).pc === 'WALK',
      then: (next, _w, _p, s) => {
        const x = next.thread[logger]!
        const leaf = s.mirrorLeaf[x.fg]!
        if (present(leaf) && leaf[logBit(k, x.fk)]) { setSpte(x.old, leaf); x.pc = 'SET_FREEZE' } else loggerDone(next, logger)
      },
    }),
    action({
      name: 'ClearDirtyMasked', exists: k.dirtyLog === 'pmlMasked',
      description: 'KVM_CLEAR_DIRTY_LOG clears the Dirty bit of a present leaf under mmu_lock for write, with no external hook in any variant.',
      source: 'kvm_tdp_mmu_clear_dirty_pt_masked() -> clear_dirty_pt_masked(): tdp_mmu_clear_spte_bits() (lockdep_assert_held_write)',
      params: { g: gfns }, actor: () => 'dirty-log',
      when: (s, { g }) => {
        const leaf = s.mirrorLeaf[g]!
        return th(s, logger).pc === 'GUEST' && !writeLocked(s) && s.readers === 0 && present(leaf) && leaf[logBit(k, 'clearDirty')]
      },
      then: (next, _w, { g }) => {
        next.mirrorLeaf[g]![logBit(k, 'clearDirty')] = false
        next.thread[logger] = { ...idleThread(k, 1, false), pc: 'DONE' }
      },
    }),
  ]

  return [...guest, ...prefetch, ...kvm, ...huge, ...zap, ...dirtyLog]
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

export type { ZapPcV }

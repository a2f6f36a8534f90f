/**
 * One phrase per step for charts and sequence diagrams, in the words of the
 * changelogs (presentation only). What a hook or a zap SEAMCALL did is not
 * recomputed here: it is the outcome hooks.ts gives the action itself, so a
 * chart says what the step did in the step's own era.
 */
import { vmBuggedIn, type TdpAction } from './actions.js'
import { goalHuge, l2Hook, retriedOp, setExternalSpte, splitStep, zapStep, type Fail } from './hooks.js'
import type { Knobs } from './knobs.js'
import { makeSpte, present, showSpte } from './spte.js'
import { isLogger, parentOf, type State } from './state.js'

type P = Record<string, number | boolean | string>
type Narrate = (s: State, p: P, next: State) => string

export function narrations(k: Knobs): { [A in TdpAction]: Narrate } {
  const t = (p: P) => p['t'] as number
  const v = (p: P) => p['v'] as number
  const g = (s: State, p: P) => s.thread[t(p)]!.fg
  const gOfNext = (next: State, p: P) => next.thread[v(p)]!.fg
  const leaf = (s: State, gfn: number) => showSpte(s.mirrorLeaf[gfn]!)
  const ended = (next: State, p: P) => {
    const x = next.thread[t(p)]!
    return x.pc === 'EXITED' ? ', retry in KVM' : x.pc === 'DEAD' ? ', the VM is dead' : ''
  }
  const bugAt = (s: State, p: P) => (k.mirrorHook === 'A' || k.mirrorHook === 'noFreeze') && present(s.thread[t(p)]!.old)
    ? `KVM_BUG_ON(was_present)!${vmBuggedIn(s) ? '' : ' (first KVM_BUG_ON: WARN here)'} ` : ''
  return {
    GuestAccess: () => 'guest access: S-EPT MAPPED, no exit',
    GuestAccessExit: (s, p, n) => `guest access g${gOfNext(n, p)}: EPT violation (S-EPT ${s.extLeaf[gOfNext(n, p)]}), TD exit`,
    GuestPendingAccess: () => (k.pendingAccess === 'kill'
      ? 'guest access to a PENDING page: "Guest access before accepting", kvm_vm_dead()'
      : 'guest access to a PENDING page: KVM_EXIT_MEMORY_FAULT, userspace runs the vCPU again'),
    GuestVE: () => 'guest access: #VE (S-EPT PENDING), the handler will ACCEPT',
    GuestAccept: (s, _p, n) => {
      const gfn = n.extLeaf.findIndex((e, i) => e !== s.extLeaf[i])
      if (gfn >= 0) return `TDG.MEM.PAGE.ACCEPT g${gfn}: PENDING -> MAPPED`
      return n.thread.some((x, i) => x.pc === 'PANIC' && s.thread[i]!.pc !== 'PANIC')
        ? 'TDG.MEM.PAGE.ACCEPT: TDX_PAGE_ALREADY_ACCEPTED, the Linux guest panics'
        : 'TDG.MEM.PAGE.ACCEPT: already accepted'
    },
    GuestAcceptExit: (s, p, n) => `TDG.MEM.PAGE.ACCEPT g${gOfNext(n, p)} (S-EPT ${s.extLeaf[gOfNext(n, p)]}): EPT violation, TD exit`,
    GuestAcceptSkip: (s, p) => `accept_memory(): g${(s.thread[v(p)]!.gpc >> 1)} already accepted, skip`,
    PreFault: (_s, p) => `KVM_PRE_FAULT_MEMORY g${p['g']}`,
    FaultIn: (s, p, n) => {
      const x = s.thread[t(p)]!
      const y = n.thread[t(p)]!
      if (y.pc === 'PFN') return `kvm_mmu_faultin_pfn g${x.fg}: mmu_seq snapshot, pfn from guest_memfd`
      return s.attr[x.fg] === 'shared' ? `kvm_mmu_faultin_pfn g${x.fg}: GFN is shared, -EFAULT (KVM_EXIT_MEMORY_FAULT)` : `kvm_mmu_faultin_pfn g${x.fg}: invalidation in progress, RET_PF_RETRY${ended(n, p)}`
    },
    FaultLock: (_s, p, n) => (n.thread[t(p)]!.pc === 'WALK' ? 'read_lock(mmu_lock)' : `read_lock(mmu_lock): is_page_fault_stale(), RET_PF_RETRY, read_unlock${ended(n, p)}`),
    ReadFrozen: (_s, p, n) => `read FROZEN_SPTE: RET_PF_RETRY, read_unlock${ended(n, p)}`,
    ReadParent: (s, p, n) => {
      const m = s.mirrorL2[parentOf(k, g(s, p))]!
      const y = n.thread[t(p)]!
      const goal = goalHuge(k, s, t(p)) ? 'goal 2M' : 'goal 4K'
      if (y.pc === 'LINK_FREEZE') return `read level-2 entry: ${m}, ${goal}${m === 'NL' ? ': promote to a 2M leaf' : ''}`
      if (m === 'LEAF2M') return goalHuge(k, s, t(p)) ? `read level-2 entry: 2M leaf: RET_PF_SPURIOUS, read_unlock${ended(n, p)}` : 'read level-2 entry: 2M leaf, goal 4K: KVM_BUG_ON(is_mirror_sptep())'
      return `read level-2 entry: ${m}, ${goal}`
    },
    LinkFreeze: (s, p) => {
      const x = s.thread[t(p)]!
      const to = goalHuge(k, s, t(p)) ? '2M leaf' : 'page table'
      const bug = x.l2old === 'NL' && (k.mirrorHook === 'A' || k.mirrorHook === 'noFreeze') ? `KVM_BUG_ON(was_present)!${vmBuggedIn(s) ? '' : ' (first KVM_BUG_ON: WARN here)'} ` : ''
      const skip = x.l2old === 'NL' && k.mirrorHook === 'B' ? ' (was present: no hook)' : ''
      return `${bug}cmpxchg level-2 entry ${x.l2old} -> ${k.mirrorHook === 'noFreeze' ? to : 'FROZEN'} (for a ${to})${skip}`
    },
    LinkFreezeFail: (_s, p, n) => `cmpxchg level-2 entry fails: RET_PF_RETRY${ended(n, p)}`,
    LinkExternalSpt: (s, p) => l2Hook(k, s, t(p), p['fail'] as Fail).text,
    LinkPublish: (s, p, n) => {
      const x = s.thread[t(p)]!
      if (x.ret !== 'OK') return `restore level-2 entry ${x.l2old}, RET_PF_RETRY${ended(n, p)}`
      const what = n.mirrorL2[parentOf(k, x.fg)] === 'LEAF2M' ? '2M leaf' : 'page table'
      const removed = x.l2old === 'NL' && k.mirrorHook === 'B' ? '; handle_removed_pt(shared): KVM_BUG_ON(shared), the 4K S-EPT leaves removed' : ''
      return `publish level-2 ${what}${removed}${what === '2M leaf' ? ', read_unlock' : ''}`
    },
    ReadLeaf: (s, p) => {
      const x = s.thread[t(p)]!
      const old = s.mirrorLeaf[x.fg]!
      return `read leaf g${x.fg} = ${showSpte(old)}, make_spte -> ${showSpte(makeSpte(old, x.fk === 'prefetch', k))}`
    },
    ReadLeafSpurious: (s, p, n) => `read leaf g${g(s, p)} = ${leaf(s, g(s, p))}: RET_PF_SPURIOUS, read_unlock${ended(n, p)}`,
    SetRefused: (_s, p, n) => `KVM_BUG_ON(is_shadow_present_pte(old)) -> -EBUSY before the freeze, ${isLogger(k, t(p)) ? 'goto retry' : `read_unlock${ended(n, p)}`}`,
    SetFreeze: (s, p) => {
      const x = s.thread[t(p)]!
      const skip = k.mirrorHook === 'B' && present(x.old) ? ' (was present: no hook)' : ''
      return `${bugAt(s, p)}cmpxchg leaf g${x.fg} ${showSpte(x.old)} -> ${k.mirrorHook === 'noFreeze' ? 'new value' : 'FROZEN'}${skip}`
    },
    SetFreezeFail: (s, p, n) => {
      const x = n.thread[t(p)]!
      const tail = !isLogger(k, t(p)) ? `RET_PF_RETRY, read_unlock${ended(n, p)}`
        : x.pc === 'DONE' ? 'iter->old_spte refreshed (02eaaffdd865), not present or bit clear: skip'
        : x.pc === 'SET_FREEZE' && x.old.k === s.thread[t(p)]!.old.k && x.old.w === s.thread[t(p)]!.old.w && x.old.d === s.thread[t(p)]!.old.d
          ? 'goto retry with the same iter->old_spte' : 'goto retry with the refreshed iter->old_spte'
      return `${bugAt(s, p)}cmpxchg of leaf g${x.fg} fails: ${tail}`
    },
    SetExternalSpte: (s, p) => {
      const o = setExternalSpte(k, s, t(p), p['fail'] as Fail)
      // KVM_BUG_ON() WARNs only while the VM is not bugged yet: this is where the kernel log shows it.
      return `set_external_spte: ${o.text}${o.bug !== undefined && !vmBuggedIn(s) ? ' (first KVM_BUG_ON: WARN here)' : ''}`
    },
    SetPublish: (s, p, n) => {
      const x = s.thread[t(p)]!
      if (x.ret === 'OK') return `publish leaf g${x.fg} ${showSpte(n.mirrorLeaf[x.fg]!)}, read_unlock`
      return `restore leaf g${x.fg} = ${showSpte(x.old)}, ${isLogger(k, t(p)) ? 'goto retry' : `RET_PF_RETRY, read_unlock${ended(n, p)}`}`
    },
    HugeAllow: () => 'KVM_SET_MEMORY_ATTRIBUTES: the range is no longer mixed, 2M allowed (hugepage_clear_mixed())',
    HonorAcceptLevel: (s, p, n) => (n.thread[t(p)]!.pc === 'SPLIT_BLOCK'
      ? `tdx_honor_guest_accept_level(): write_lock(mmu_lock), split the 2M leaf: mirror level-2 -> page table of ${showSpte(n.mirrorLeaf[g(s, p)]!)} leaves`
      : 'tdx_honor_guest_accept_level(): write_lock(mmu_lock), no 2M leaf: inhibit 2M, write_unlock'),
    SplitBlock: (s, p) => splitStep(k, s, t(p), 'BLOCK').text,
    SplitDemote: (s, p) => splitStep(k, s, t(p), 'DEMOTE').text,
    ZapLock: (_s, p) => (k.staleCheck === 'off' ? `write_lock(mmu_lock), zap g${p['g']}`
      : `${p['kind'] === 'punch' ? 'guest_memfd punch-hole' : 'KVM_SET_MEMORY_ATTRIBUTES'} g${p['g']}: write_lock(mmu_lock), kvm_mmu_invalidate_begin()`),
    ZapMirror: (s, _p, n) => (n.zapper.pc === 'BLOCK' ? `mirror leaf g${s.zapper.g} -> non-present` : `mirror leaf g${s.zapper.g} not present: nothing to zap, write_unlock`),
    ZapBlock: (s, p) => zapStep(k, s, 'BLOCK', p['busy'] === true, false).text,
    ZapTrack: (s, p) => zapStep(k, s, 'TRACK', p['busy'] === true, false).text,
    ZapRemove: (s, p) => zapStep(k, s, 'REMOVE', p['busy'] === true, false).text,
    ZapRetry: s => `retry: ${zapStep(k, s, retriedOp(s.zapper.pc), false, true).text}`,
    GmemTruncate: s => `truncate g${s.zapper.g}'s page: a new pfn next time`,
    GmemConvert: (s, _p, n) => `g${s.zapper.g}: ${s.attr[s.zapper.g]} -> ${n.attr[s.zapper.g]}`,
    GmemInvalidateEnd: () => 'write_lock(mmu_lock), kvm_mmu_invalidate_end(): mmu_invalidate_seq++, write_unlock',
    DirtyLogStart: (_s, p) => `dirty log: read_lock, ${k.dirtyLog === 'wrprot' ? 'write-protect' : 'clear Dirty of'} g${p['g']}`,
    DirtyLogReadLeaf: s => {
      const gfn = s.thread[k.vcpus]!.fg
      return `read leaf g${gfn} = ${leaf(s, gfn)}`
    },
    ClearDirtyMasked: (_s, p, n) => `KVM_CLEAR_DIRTY_LOG: write_lock, leaf g${p['g']} -> ${leaf(n, p['g'] as number)} (no hook), write_unlock`,
  }
}

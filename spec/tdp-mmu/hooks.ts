/**
 * What each KVM -> TDX hook does in each era, as pure functions of the state:
 * the SEAMCALL issued (if any), its status, the S-EPT entry after it, KVM's
 * errno, the KVM_BUG_ON it fires and a phrase for charts. The actions apply
 * these outcomes and the narration prints them, so a chart says what the
 * step did by construction.
 *
 * Eras (knob `tdx`):
 * - 2024, TDX MMU part 2 v1 (4 Sep 2024): TDX_ERROR_SEPT_BUSY is -EAGAIN from
 *   AUG, SEPT.ADD and RANGE.BLOCK; remove_external_spte() turns the BLOCK's
 *   -EAGAIN into KVM_BUG_ON(ret). TRACK and PAGE.REMOVE loop on BUSY under the
 *   write lock (TRACK with every vCPU held in tdx_flush_tlb()): a stutter,
 *   which the model leaves out. AUG tolerates a PENDING entry (-EAGAIN).
 * - 6.16: BUSY from AUG/SEPT.ADD is -EBUSY; a busy BLOCK, TRACK or REMOVE is
 *   tried once more inside tdx_no_vcpus_enter_start()/_stop(), where no vCPU
 *   can be in the guest, and that second try succeeds.
 * - 2026: 6.16 plus Dynamic PAMT: tdx_pamt_get() runs inside the hook, after
 *   the freeze, and may fail with -ENOMEM (or -EIO after a failed
 *   TDH.PHYMEM.PAMT.ADD, pr_err only): a retryable failure, no KVM_BUG_ON.
 */
import { augTolerance, type Knobs } from './knobs.js'
import { present } from './spte.js'
import { hasGmem, mapsHuge, parentOf, type ExtLeaf, type ExtNonLeaf, type State, type ZapPcV } from './state.js'
import { pageAug, pageAug2M, pageDemote, pageRemove, rangeBlock, rangeBlock2M, septAdd, type Seamcall } from './tdx.js'

/** How a hook's SEAMCALL may fail besides its state checks: TDX_OPERAND_BUSY, or (2026) tdx_pamt_get(). */
export type Fail = 'none' | 'busy' | 'pamt'
export const failChoices = (k: Knobs): Fail[] => (!k.busy ? ['none'] : k.tdx === '2026' ? ['none', 'busy', 'pamt'] : ['none', 'busy'])

export type Errno = 'OK' | 'EBUSY' | 'EIO'
export type BugCause = 'wasPresent' | 'tdxError' | 'sharedRemove'

export interface HookOutcome<E> {
  /** The SEAMCALL's status, when one was issued. */
  readonly status?: Seamcall
  /** The S-EPT entry afterwards. */
  readonly entry: E
  /** What KVM returns: OK, a retryable error, or -EIO. */
  readonly ret: Errno
  readonly bug?: BugCause
  /** What happened, in the kernel's words. */
  readonly text: string
}

const busyErrno = (k: Knobs): string => (k.tdx === '2024' ? '-EAGAIN (TDX_ERROR_SEPT_BUSY)' : '-EBUSY')
export const parentLinked = (k: Knobs, s: State, g: number): boolean => k.depth === 1 || s.extL2[parentOf(k, g)] === 'NL_MAPPED'

/**
 * set_external_spte for the leaf of thread t's GFN: tdx_sept_set_private_spte()
 * -> tdx_mem_page_aug(), or in the 2026 form D the TDX backend's dispatch on
 * present(old).
 */
export function setExternalSpte(k: Knobs, s: State, t: number, fail: Fail): HookOutcome<ExtLeaf> {
  const x = s.thread[t]!
  const g = x.fg
  const entry = s.extLeaf[g]!
  if (k.mirrorHook === 'D' && present(x.old)) {
    // Mainline 2026: the old SPTE reaches TDX, which refuses present -> present (demotion is still to come).
    return { entry, ret: 'EIO', bug: 'wasPresent', text: 'tdx_sept_set_private_spte(old, new): KVM_BUG_ON(present(old) && present(new)), -EIO' }
  }
  if (fail === 'pamt') return { entry, ret: 'EBUSY', text: 'tdx_pamt_get() fails before the AUG: -ENOMEM, retry' }
  const [status, after] = pageAug(entry, parentLinked(k, s, g), fail === 'busy')
  const call = `TDH.MEM.PAGE.AUG g${g} (S-EPT ${entry}) -> TDX_${status}`
  if (status === 'SUCCESS') return { status, entry: after, ret: 'OK', text: call }
  if (status === 'OPERAND_BUSY') return { status, entry: after, ret: 'EBUSY', text: `${call}, ${busyErrno(k)}: retry` }
  if (status === 'EPT_ENTRY_STATE_INCORRECT' && entry === 'PENDING' && augTolerance(k)) {
    return { status, entry: after, ret: 'EBUSY', text: `${call}: PENDING with the same pfn is tolerated, -EAGAIN: retry` }
  }
  return { status, entry: after, ret: 'EIO', bug: 'tdxError', text: `${call}, KVM_BUG_ON(err) in tdx_mem_page_aug(), -EIO` }
}

/** The level-2 value a walk installs: a page table, or (hugepages, no inhibit) a 2M leaf. */
export const goalHuge = (k: Knobs, s: State, t: number): boolean => {
  const x = s.thread[t]!
  return mapsHuge(k) && (x.fk === 'fault' || x.fk === 'prefetch') && s.hugeInhibit[parentOf(k, x.fg)] !== true
}

export interface L2Outcome extends HookOutcome<ExtNonLeaf> {
  /** handle_removed_pt(): the page table under a promoted entry is taken down, its S-EPT leaves removed. */
  readonly removeChildren?: boolean
}

/**
 * The hook for thread t's level-2 entry: link_external_spt (TDH.MEM.SEPT.ADD) for
 * a page table; set_external_spte at 2M (TDH.MEM.PAGE.AUG) for a 2M leaf; and for
 * a promotion (a present page table becoming a 2M leaf, hugepages=promote) what
 * each form does with it.
 */
export function l2Hook(k: Knobs, s: State, t: number, fail: Fail): L2Outcome {
  const e = parentOf(k, s.thread[t]!.fg)
  const entry = s.extL2[e]!
  const promotion = s.thread[t]!.l2old === 'NL'
  if (promotion && k.mirrorHook === 'D') {
    // Mainline 2026: __handle_changed_spte() takes the handle_removed_pt() branch for non-leaf -> leaf; set_external_spte is not called.
    return { entry, ret: 'OK', removeChildren: true, text: '__handle_changed_spte(): non-leaf -> leaf, handle_removed_pt() removes the 4K S-EPT leaves; no external call for the 2M leaf' }
  }
  if (!goalHuge(k, s, t)) {
    if (fail === 'pamt') return { entry, ret: 'EBUSY', text: 'link_external_spt: tdx_pamt_get() fails before the SEPT.ADD: -ENOMEM, retry' }
    const [status, after] = septAdd(entry, fail === 'busy')
    const call = `link_external_spt: TDH.MEM.SEPT.ADD (S-EPT ${entry}) -> TDX_${status}`
    if (status === 'SUCCESS') return { status, entry: after, ret: 'OK', text: call }
    if (status === 'OPERAND_BUSY') return { status, entry: after, ret: 'EBUSY', text: `${call}, ${busyErrno(k)}: retry` }
    return { status, entry: after, ret: 'EIO', bug: 'tdxError', text: `${call}, KVM_BUG_ON(err), -EIO` }
  }
  if (k.tdx !== '2026') {
    return { entry, ret: 'EIO', bug: 'tdxError', text: 'set_external_spte at 2M: tdx_sept_set_private_spte(): KVM_BUG_ON(level != PG_LEVEL_4K), -EINVAL' }
  }
  if (fail === 'pamt') return { entry, ret: 'EBUSY', text: 'set_external_spte at 2M: tdx_pamt_get() fails: -ENOMEM, retry' }
  const [status, after] = pageAug2M(entry, fail === 'busy')
  const call = `set_external_spte at 2M: TDH.MEM.PAGE.AUG (S-EPT ${entry}) -> TDX_${status}`
  if (status === 'SUCCESS') return { status, entry: after, ret: 'OK', text: call }
  if (status === 'OPERAND_BUSY') return { status, entry: after, ret: 'EBUSY', text: `${call}, -EBUSY: retry` }
  return { status, entry: after, ret: 'EIO', bug: 'tdxError', text: `${call}, KVM_BUG_ON(err), -EIO` }
}

/** tdx_sept_split_private_spte() (RFC v5, Jan 2026): BLOCK the 2M leaf and TRACK, then DEMOTE it; any error is TDX_BUG_ON. */
export function splitStep(k: Knobs, s: State, t: number, op: 'BLOCK' | 'DEMOTE'): { status: Seamcall; entry: ExtNonLeaf; leaf?: ExtLeaf; bug?: BugCause; text: string } {
  const e = parentOf(k, s.thread[t]!.fg)
  const entry = s.extL2[e]!
  if (op === 'BLOCK') {
    const [status, after] = rangeBlock2M(entry)
    const text = `tdx_sept_split_private_spte(): TDH.MEM.RANGE.BLOCK 2M (S-EPT ${entry}) -> TDX_${status}${status === 'SUCCESS' ? ', TDH.MEM.TRACK + kick' : ', KVM_BUG_ON, -EIO'}`
    return status === 'SUCCESS' ? { status, entry: after, text } : { status, entry: after, bug: 'tdxError', text }
  }
  const [status, after, leaf] = pageDemote(entry)
  const text = `TDH.MEM.PAGE.DEMOTE (S-EPT ${entry}) -> TDX_${status}${status === 'SUCCESS' ? `: a page table of ${leaf} 4K leaves` : ', KVM_BUG_ON, -EIO'}; inhibit 2M, write_unlock`
  return status === 'SUCCESS' ? { status, entry: after, leaf, text } : { status, entry: after, bug: 'tdxError', text }
}

/** Where the zapper goes once the write lock is dropped: idle, or on to the rest of a guest_memfd invalidation. */
export const afterZap = (k: Knobs): ZapPcV => (hasGmem(k) ? 'GMEM' : 'IDLE')

export interface ZapOutcome {
  readonly status?: Seamcall
  readonly entry: ExtLeaf
  /** TRACK: every blocked leaf becomes tracked. */
  readonly track?: boolean
  /** BLOCK or REMOVE succeeded: the leaf's block epoch is not tracked (yet, or any more). */
  readonly untrack?: boolean
  readonly next: ZapPcV
  readonly bug?: BugCause
  readonly text: string
}

/** One step of tdx_sept_remove_private_spte() on the zapper's GFN: BLOCK, TRACK or REMOVE, first try or the retry with no vCPU in the guest. */
export function zapStep(k: Knobs, s: State, op: 'BLOCK' | 'TRACK' | 'REMOVE', busy: boolean, retry: boolean): ZapOutcome {
  const g = s.zapper.g
  const entry = s.extLeaf[g]!
  const stop = retry ? '; tdx_no_vcpus_enter_stop()' : ''
  const kick = (what: string, pc: ZapPcV): ZapOutcome =>
    ({ status: 'OPERAND_BUSY', entry, next: pc, text: `${what} -> TDX_OPERAND_BUSY: tdx_no_vcpus_enter_start(), no vCPU may enter the guest` })
  if (op === 'BLOCK') {
    if (busy && k.tdx === '2024') {
      return { status: 'OPERAND_BUSY', entry, next: afterZap(k), bug: 'tdxError', text: `TDH.MEM.RANGE.BLOCK g${g} -> TDX_ERROR_SEPT_BUSY, -EAGAIN; remove_external_spte(): KVM_BUG_ON(ret), write_unlock` }
    }
    if (busy) return kick(`TDH.MEM.RANGE.BLOCK g${g}`, 'BLOCK_RETRY')
    const [status, after] = rangeBlock(entry)
    if (status !== 'SUCCESS') return { status, entry: after, next: afterZap(k), bug: 'tdxError', text: `TDH.MEM.RANGE.BLOCK g${g} -> TDX_${status}, KVM_BUG_ON(err)${stop}, write_unlock` }
    return { status, entry: after, untrack: true, next: 'TRACK', text: `TDH.MEM.RANGE.BLOCK g${g} (S-EPT ${entry}) -> TDX_SUCCESS${stop}` }
  }
  if (op === 'TRACK') {
    if (busy) return kick('TDH.MEM.TRACK', 'TRACK_RETRY')
    const held = k.tdx === '2024' ? ' (vCPUs held in tdx_flush_tlb())' : ''
    return { status: 'SUCCESS', entry, track: true, next: 'REMOVE', text: `TDH.MEM.TRACK${held} + kick all vCPUs${stop}` }
  }
  if (busy) return kick(`TDH.MEM.PAGE.REMOVE g${g}`, 'REMOVE_RETRY')
  const [status, after] = pageRemove(entry, s.tracked[g]!)
  if (status !== 'SUCCESS') return { status, entry: after, next: afterZap(k), bug: 'tdxError', text: `TDH.MEM.PAGE.REMOVE g${g} -> TDX_${status}, KVM_BUG_ON(err)${stop}, write_unlock` }
  return { status, entry: after, untrack: true, next: afterZap(k), text: `TDH.MEM.PAGE.REMOVE g${g} -> TDX_SUCCESS${stop}, write_unlock` }
}

/** The SEAMCALL a zapper retry state is about to retry. */
export const retriedOp = (pc: ZapPcV): 'BLOCK' | 'TRACK' | 'REMOVE' =>
  pc === 'BLOCK_RETRY' ? 'BLOCK' : pc === 'TRACK_RETRY' ? 'TRACK' : 'REMOVE'

/** Where the was_present assertion sits: at the freeze (A, noFreeze), before it (C), in the TDX hook (D), nowhere (A0, B). */
export const assertsWasPresentAtFreeze = (k: Knobs): boolean => k.mirrorHook === 'A' || k.mirrorHook === 'noFreeze'

/** Whether a leaf change from `old` reaches the TDX module at all (the seed patch skips present -> present). */
export const hookCalled = (k: Knobs, old: { k: string }): boolean => !(k.mirrorHook === 'B' && old.k === 'LEAF')
/** Whether a promotion's new 2M leaf reaches the TDX module: not under the seed patch, nor in mainline 2026 (handle_removed_pt() instead). */
export const promotionCalled = (k: Knobs): boolean => k.mirrorHook !== 'B' && k.mirrorHook !== 'D'

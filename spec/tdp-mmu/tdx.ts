/**
 * The TDX module's SEAMCALLs and TDCALLs on one S-EPT entry, as pure tables
 * (kernel-semantics.md §6, §9.5; TDX 1.5.01 sources). Each returns the
 * outcome and the entry's new state.
 */
import { match, P } from 'ts-pattern'
import type { ExtLeaf, ExtNonLeaf } from './state.js'

export type Seamcall = 'SUCCESS' | 'OPERAND_BUSY' | 'EPT_WALK_FAILED' | 'EPT_ENTRY_STATE_INCORRECT'
  | 'GPA_RANGE_ALREADY_BLOCKED' | 'GPA_RANGE_NOT_BLOCKED' | 'TLB_TRACKING_NOT_DONE'

export const extLeafPresent = (e: ExtLeaf): boolean => e !== 'FREE'

/** TDH.MEM.PAGE.AUG (tdh_mem_page_aug.c): FREE -> PENDING. */
export const pageAug = (entry: ExtLeaf, parentLinked: boolean, busy: boolean): [Seamcall, ExtLeaf] =>
  match([parentLinked, busy, entry] as const)
    .with([false, P._, P._], () => ['EPT_WALK_FAILED', entry] as [Seamcall, ExtLeaf])
    .with([true, true, P._], () => ['OPERAND_BUSY', entry] as [Seamcall, ExtLeaf])
    .with([true, false, 'FREE'], () => ['SUCCESS', 'PENDING'] as [Seamcall, ExtLeaf])
    .otherwise(() => ['EPT_ENTRY_STATE_INCORRECT', entry])

/** TDH.MEM.SEPT.ADD, version 0 as Linux calls it: FREE -> NL_MAPPED. The root is always linked. */
export const septAdd = (entry: ExtNonLeaf, busy: boolean): [Seamcall, ExtNonLeaf] =>
  match([busy, entry] as const)
    .with([true, P._], () => ['OPERAND_BUSY', entry] as [Seamcall, ExtNonLeaf])
    .with([false, 'FREE'], () => ['SUCCESS', 'NL_MAPPED'] as [Seamcall, ExtNonLeaf])
    .otherwise(() => ['EPT_ENTRY_STATE_INCORRECT', entry])

/** TDH.MEM.PAGE.AUG at 2M (RFC v5 hugepages): a FREE level-2 entry becomes a PENDING 2M leaf. */
export const pageAug2M = (entry: ExtNonLeaf, busy: boolean): [Seamcall, ExtNonLeaf] =>
  busy ? ['OPERAND_BUSY', entry] : entry === 'FREE' ? ['SUCCESS', 'PENDING'] : ['EPT_ENTRY_STATE_INCORRECT', entry]

/** TDH.MEM.RANGE.BLOCK on the level-2 entry (a 2M leaf, or a page table). */
export const rangeBlock2M = (entry: ExtNonLeaf): [Seamcall, ExtNonLeaf] =>
  entry === 'PENDING' ? ['SUCCESS', 'PENDING_BLOCKED'] : entry === 'MAPPED' ? ['SUCCESS', 'BLOCKED']
    : entry === 'NL_MAPPED' ? ['SUCCESS', 'NL_BLOCKED'] : ['EPT_ENTRY_STATE_INCORRECT', entry]

/** TDH.MEM.PAGE.DEMOTE: a blocked 2M leaf becomes a page table whose 4K leaves keep its PENDING or MAPPED state. */
export const pageDemote = (entry: ExtNonLeaf): [Seamcall, ExtNonLeaf, ExtLeaf] =>
  entry === 'PENDING_BLOCKED' ? ['SUCCESS', 'NL_MAPPED', 'PENDING'] : entry === 'BLOCKED' ? ['SUCCESS', 'NL_MAPPED', 'MAPPED']
    : ['EPT_ENTRY_STATE_INCORRECT', entry, 'FREE']

/** TDH.MEM.RANGE.BLOCK on a leaf. */
export const rangeBlock = (entry: ExtLeaf): [Seamcall, ExtLeaf] =>
  match(entry)
    .with('MAPPED', () => ['SUCCESS', 'BLOCKED'] as [Seamcall, ExtLeaf])
    .with('PENDING', () => ['SUCCESS', 'PENDING_BLOCKED'] as [Seamcall, ExtLeaf])
    .with(P.union('BLOCKED', 'PENDING_BLOCKED'), e => ['GPA_RANGE_ALREADY_BLOCKED', e] as [Seamcall, ExtLeaf])
    .with('FREE', e => ['EPT_ENTRY_STATE_INCORRECT', e] as [Seamcall, ExtLeaf])
    .exhaustive()

/** TDH.MEM.PAGE.REMOVE: needs a blocked leaf whose BLOCK was followed by a TRACK. */
export const pageRemove = (entry: ExtLeaf, tracked: boolean): [Seamcall, ExtLeaf] =>
  match([entry, tracked] as const)
    .with(['FREE', P._], ([e]) => ['EPT_ENTRY_STATE_INCORRECT', e] as [Seamcall, ExtLeaf])
    .with([P.union('MAPPED', 'PENDING'), P._], ([e]) => ['GPA_RANGE_NOT_BLOCKED', e] as [Seamcall, ExtLeaf])
    .with([P._, false], ([e]) => ['TLB_TRACKING_NOT_DONE', e] as [Seamcall, ExtLeaf])
    .otherwise(() => ['SUCCESS', 'FREE'])

/**
 * What a guest memory access to a private GPA does (td_ept_violation.c, §7.5):
 * a hit, a #VE, a TD exit with the extended exit qualification type PENDING
 * (a PENDING leaf with SEPT #VE disabled), or any other TD exit.
 */
export type AccessOutcome = 'hit' | 'exit' | 'pendingExit' | 've'
export const guestAccess = (leaf: ExtLeaf, parentLinked: boolean, septVeDisable: boolean): AccessOutcome =>
  !parentLinked ? 'exit'
    : leaf === 'MAPPED' ? 'hit'
    : leaf === 'PENDING' ? (septVeDisable ? 'pendingExit' : 've')
    : 'exit'

/** TDG.MEM.PAGE.ACCEPT (tdg_mem_page_accept.c): PENDING -> MAPPED; MAPPED is ALREADY_ACCEPTED. */
export type AcceptOutcome = 'accepted' | 'already' | 'exit'
export const pageAccept = (leaf: ExtLeaf, parentLinked: boolean): AcceptOutcome =>
  !parentLinked ? 'exit' : leaf === 'PENDING' ? 'accepted' : leaf === 'MAPPED' ? 'already' : 'exit'

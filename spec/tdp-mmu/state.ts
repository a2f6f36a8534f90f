/**
 * VARIABLES of the TDP MMU model (kernel-semantics.md §9.2).
 *
 * Entries: one leaf (4K) per GFN, and at depth 2 one level-2 entry per GFN or,
 * with sharedParent, one for both. The root is linked from the start in both
 * tables and never changes, so it is not a variable.
 *
 * Threads: vCPUs 0..vcpus-1 (guest and KVM fault handler), then, with
 * dirtyLog, one dirty-logging thread that runs only KVM code. Per-thread
 * fields not in use are kept at their idle value so that equal situations are
 * equal states.
 */
import { array, bool, enumOf, int, record, type Infer, type StateOf } from 'sptecheck'
import type { Knobs } from './knobs.js'

export const Pc = enumOf(
  'GUEST', // running guest code (the logger: idle in userspace)
  'EXITED', // TD exit (EPT violation) or ioctl taken, KVM not yet holding mmu_lock
  'WALK', // holding mmu_lock for read, about to read the entry at `level`
  'LINK_FREEZE', 'LINK_HOOK', 'LINK_PUBLISH', // tdp_mmu_link_sp() of the level-2 entry
  'SET_FREEZE', 'SET_HOOK', 'SET_PUBLISH', // the leaf: set_external_spte_present()
  'DONE', // guest program finished (the logger: its pass is done)
  'DEAD', // the VM is bugged; KVM refuses to enter the guest
)
export const FaultKind = enumOf('fault', 'prefetch', 'wrprot')
export const Ret = enumOf('NONE', 'OK', 'EBUSY', 'EIO')
export const Spte = record({ k: enumOf('NP', 'FROZEN', 'LEAF'), w: bool, a: bool, d: bool, acc: bool })
export const ExtLeafD = enumOf('FREE', 'PENDING', 'MAPPED', 'BLOCKED', 'PENDING_BLOCKED')
export const ExtL2D = enumOf('FREE', 'NL_MAPPED', 'NL_BLOCKED')
export const Bug = enumOf('none', 'wasPresent', 'tdxError')
export const ZapPc = enumOf('IDLE', 'MIRROR', 'BLOCK', 'TRACK', 'REMOVE')

export const Thread = (k: Knobs) => record({
  pc: Pc,
  /** Guest program counter (the logger: 1 once its pass is done). */
  gpc: int(0, programLength(k)),
  /** In the #VE handler: the guest is ACCEPTing the GFN its current ACCESS needs. */
  ve: bool,
  /** This vCPU has used its one KVM_PRE_FAULT_MEMORY. */
  pfDone: bool,
  /** The fault in flight: its GFN and kind. */
  fg: int(0, k.gfns - 1),
  fk: FaultKind,
  /** tdp_iter level of the walk (1 = leaf). */
  level: int(1, k.depth),
  /** iter->old_spte of the leaf, as read. */
  old: Spte,
  /** What the external hook returned. */
  ret: Ret,
})

export const l2Count = (k: Knobs): number => (k.depth === 1 ? 0 : k.sharedParent || k.gfns === 1 ? 1 : k.gfns)
export const parentOf = (k: Knobs, g: number): number => (k.sharedParent ? 0 : g)
export const threadCount = (k: Knobs): number => k.vcpus + (k.dirtyLog ? 1 : 0)
export const isLogger = (k: Knobs, t: number): boolean => t >= k.vcpus
export const programLength = (k: Knobs): number => (k.guest === 'linux' ? 2 : 1) * k.gfns

export const vars = (k: Knobs) => ({
  /** The mirror page table, walked and written by KVM only. */
  mirrorLeaf: array(Spte, k.gfns),
  mirrorL2: array(enumOf('NP', 'FROZEN', 'NL'), l2Count(k)),
  /** The S-EPT, owned by the TDX module. */
  extLeaf: array(ExtLeafD, k.gfns),
  extL2: array(ExtL2D, l2Count(k)),
  /** The leaf was BLOCKed before the last TDH.MEM.TRACK (what PAGE.REMOVE requires). */
  tracked: array(bool, k.zap ? k.gfns : 0),
  /** mmu_lock readers; the zapper is the only writer. */
  readers: int(0, threadCount(k)),
  /** kvm->vm_bugged, with the first KVM_BUG_ON that set it. */
  vmBugged: Bug,
  thread: array(Thread(k), threadCount(k)),
  zapper: record({ pc: ZapPc, g: int(0, k.gfns - 1) }),
})

export type State = StateOf<ReturnType<typeof vars>>
export type SpteV = Infer<typeof Spte>
export type ThreadV = Infer<ReturnType<typeof Thread>>
export type ExtLeaf = Infer<typeof ExtLeafD>
export type ExtNonLeaf = Infer<typeof ExtL2D>

/** A non-present SPTE (SHADOW_NONPRESENT_VALUE) and FROZEN_SPTE, as values of `Spte`. */
export const NP: SpteV = { k: 'NP', w: false, a: false, d: false, acc: false }
export const FROZEN: SpteV = { k: 'FROZEN', w: false, a: false, d: false, acc: false }

/** The guest program: linux = [ACCEPT g, ACCESS g] per GFN; free = [ACCESS g] per GFN. */
export const guestOp = (k: Knobs, gpc: number): { op: 'ACCEPT' | 'ACCESS'; g: number } =>
  k.guest === 'linux' ? { op: gpc % 2 === 0 ? 'ACCEPT' : 'ACCESS', g: gpc >> 1 } : { op: 'ACCESS', g: gpc }

export const initialState = (k: Knobs): State => ({
  mirrorLeaf: Array.from({ length: k.gfns }, () => ({ ...NP })),
  // At depth 2 the level-2 entries start unlinked; at depth 1 they are part of the pre-linked root.
  mirrorL2: Array.from({ length: l2Count(k) }, () => 'NP'),
  extLeaf: Array.from({ length: k.gfns }, () => 'FREE'),
  extL2: Array.from({ length: l2Count(k) }, () => 'FREE'),
  tracked: Array.from({ length: k.zap ? k.gfns : 0 }, () => false),
  readers: 0,
  vmBugged: 'none',
  thread: Array.from({ length: threadCount(k) }, () => idleThread(k, 0, false)),
  zapper: { pc: 'IDLE', g: 0 },
})

export const idleThread = (k: Knobs, gpc: number, pfDone: boolean): ThreadV => ({
  pc: gpc === programLength(k) ? 'DONE' : 'GUEST', gpc, ve: false, pfDone, fg: 0, fk: 'fault', level: k.depth,
  old: { ...NP }, ret: 'NONE',
})

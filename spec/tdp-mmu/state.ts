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
 * equal states. A variable a configuration does not use has a one-value domain
 * (or length 0): it costs no bit of the state encoding.
 */
import { array, bool, enumOf, int, record, type EnumDomain, type Infer, type StateOf } from 'sptecheck'
import type { Knobs } from './knobs.js'

/** `d` itself, or (when the configuration does not use it) a domain with only its first value: zero bits. */
export const onlyIf = <T extends string>(keep: boolean, d: EnumDomain<T>): EnumDomain<T> =>
  keep ? d : (enumOf(d.values[0]!) as unknown as EnumDomain<T>)

export const PcAll = enumOf(
  'GUEST', // running guest code (the logger: idle in userspace)
  'EXITED', // TD exit (EPT violation) or ioctl taken, KVM not yet holding mmu_lock
  'HONOR', // hugepages, 2026: an ACCEPT exit; tdx_honor_guest_accept_level() waits for mmu_lock for write
  'SPLIT_BLOCK', 'SPLIT_DEMOTE', // hugepages: tdx_sept_split_private_spte() under the write lock
  'PFN', // staleCheck: kvm_mmu_faultin_pfn() took its mmu_invalidate_seq snapshot and the pfn; mmu_lock not yet held
  'WALK', // holding mmu_lock for read, about to read the entry at `level`
  'LINK_FREEZE', 'LINK_HOOK', 'LINK_PUBLISH', // the level-2 entry: tdp_mmu_link_sp(), or a 2M leaf (hugepages)
  'SET_FREEZE', 'SET_HOOK', 'SET_PUBLISH', // the leaf: set_external_spte_present() (or its 2026 forms)
  'DONE', // guest program finished (the logger: its pass is done)
  'DEAD', // the VM is bugged or dead; KVM refuses to enter the guest
  'PANIC', // a Linux guest's ACCEPT failed: tdx_accept_memory() -> panic
)
export type PcV = Infer<typeof PcAll>
/** The program counters a configuration uses: the others would only cost bits. */
export const pcDomain = (k: Knobs): EnumDomain<PcV> =>
  enumOf(...(PcAll.values as readonly PcV[]).filter(v =>
    (v !== 'PFN' || hasGmem(k)) && (v !== 'PANIC' || k.guest === 'linux') &&
    ((v !== 'HONOR' && v !== 'SPLIT_BLOCK' && v !== 'SPLIT_DEMOTE') || honorsAcceptLevel(k)))) as unknown as EnumDomain<PcV>
export const FaultKind = enumOf('fault', 'prefetch', 'wrprot', 'clearDirty')
/** What the hook returned: OK, a retryable error (-EBUSY, -EAGAIN, -ENOMEM), or -EIO after a KVM_BUG_ON. */
export const Ret = enumOf('NONE', 'OK', 'EBUSY', 'EIO')
export const Spte = record({ k: enumOf('NP', 'FROZEN', 'LEAF'), w: bool, a: bool, d: bool, acc: bool })
export const ExtLeafD = enumOf('FREE', 'PENDING', 'MAPPED', 'BLOCKED', 'PENDING_BLOCKED')
/** The level-2 S-EPT entry: a page table, or (hugepages) a 2M leaf in one of the leaf states. */
export const ExtL2All = enumOf('FREE', 'NL_MAPPED', 'NL_BLOCKED', 'PENDING', 'MAPPED', 'BLOCKED', 'PENDING_BLOCKED')
/** The level-2 mirror entry: non-present, frozen, a page table, or (hugepages) a 2M leaf ({W,A,D}). */
export const MirrorL2All = enumOf('NP', 'FROZEN', 'NL', 'LEAF2M')
export type ExtL2V = Infer<typeof ExtL2All>
export type MirrorL2V = Infer<typeof MirrorL2All>
const LEAF_STATES = ['PENDING', 'MAPPED', 'BLOCKED', 'PENDING_BLOCKED']
export const extL2Domain = (k: Knobs): EnumDomain<ExtL2V> =>
  (k.hugepages === 'off' ? enumOf('FREE', 'NL_MAPPED', 'NL_BLOCKED') : ExtL2All) as unknown as EnumDomain<ExtL2V>
export const mirrorL2Domain = (k: Knobs): EnumDomain<MirrorL2V> =>
  (k.hugepages === 'off' ? enumOf('NP', 'FROZEN', 'NL') : MirrorL2All) as unknown as EnumDomain<MirrorL2V>
/** The level-2 S-EPT entry is a 2M leaf. */
export const isExt2M = (e: ExtL2V): boolean => LEAF_STATES.includes(e)
/**
 * kvm->vm_bugged and kvm->vm_dead: running; dead (kvm_vm_dead() alone, 6.16's
 * answer to a guest access before accepting); or bugged, with the cause of the
 * first KVM_BUG_ON (which also makes it dead).
 */
export const VmAll = enumOf('running', 'dead', 'wasPresent', 'tdxError', 'sharedRemove')
export type VmV = Infer<typeof VmAll>
/** How a trace shows kvm->vm_bugged / vm_dead: the KVM_BUG_ON that bugged the VM, by name. */
export const showVm = (v: VmV): string => ({
  running: 'running',
  dead: 'dead (kvm_vm_dead())',
  wasPresent: 'bugged: KVM_BUG_ON(was_present)',
  tdxError: 'bugged: KVM_BUG_ON(err) in the TDX backend',
  sharedRemove: 'bugged: KVM_BUG_ON(shared) in handle_removed_pt()',
} satisfies Record<VmV, string>)[v]
/** sharedRemove: handle_removed_pt()'s KVM_BUG_ON(shared) for a mirror page table, reachable only through a promotion. */
export const vmDomain = (k: Knobs): EnumDomain<VmV> =>
  enumOf(...(VmAll.values as readonly VmV[]).filter(v => v !== 'sharedRemove' || k.hugepages === 'promote')) as unknown as EnumDomain<VmV>
/**
 * The zapper: IDLE; under the write lock MIRROR, BLOCK, TRACK, REMOVE (and a
 * busy SEAMCALL's retry with no vCPU in the guest, 6.16); with staleCheck,
 * GMEM (lock dropped, between invalidate_begin and _end: truncate or
 * attribute flip) and END (waiting for the write lock for invalidate_end).
 */
export const ZapPcAll = enumOf('IDLE', 'MIRROR', 'BLOCK', 'TRACK', 'REMOVE', 'BLOCK_RETRY', 'TRACK_RETRY', 'REMOVE_RETRY', 'GMEM', 'END')
export type ZapPcV = Infer<typeof ZapPcAll>
/** The zap SEAMCALLs' second try inside tdx_no_vcpus_enter_start()/_stop() (6.16, 2026). */
export const RETRY_PCS: readonly ZapPcV[] = ['BLOCK_RETRY', 'TRACK_RETRY', 'REMOVE_RETRY']

export const hasZapRetry = (k: Knobs): boolean => k.zap && k.busy && k.tdx !== '2024'
export const hasGmem = (k: Knobs): boolean => k.staleCheck !== 'off'
/** tdx_honor_guest_accept_level() (Jan 2026): an ACCEPT exit splits a 2M leaf and inhibits 2M for that range first. */
export const honorsAcceptLevel = (k: Knobs): boolean => k.hugepages !== 'off' && k.tdx === '2026'
/**
 * A fault may map at 2M: the TDX backend supports 2M leaves (2026, with hugepages), or the
 * promote counterfactual lets the mirror MMU try (tdx_gmem_private_max_mapping_level() is 4K before).
 */
export const mapsHuge = (k: Knobs): boolean => k.hugepages === 'promote' || (k.hugepages === 'on' && k.tdx === '2026')
export const zapPcDomain = (k: Knobs): EnumDomain<ZapPcV> =>
  enumOf(...(ZapPcAll.values as readonly ZapPcV[]).filter(v =>
    (!RETRY_PCS.includes(v) || hasZapRetry(k)) && ((v !== 'GMEM' && v !== 'END') || hasGmem(k)))) as unknown as EnumDomain<ZapPcV>

/** staleCheck: what happened to a fault's snapshot since kvm_mmu_faultin_pfn() took it. */
export const SnapD = enumOf('fresh', 'seqMoved', 'pfnTruncated', 'seqMovedPfnTruncated')

export const Thread = (k: Knobs) => record({
  pc: pcDomain(k),
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
  /** staleCheck: mmu_invalidate_seq moved since the snapshot, and/or the pfn it got was truncated. */
  snap: onlyIf(hasGmem(k), SnapD),
  /** hugepages=promote: the level-2 entry the walk read, which its cmpxchg expects (NP, or NL for a promotion). */
  l2old: onlyIf(k.hugepages === 'promote', enumOf('NP', 'NL')),
})

export const l2Count = (k: Knobs): number => (k.depth === 1 ? 0 : k.sharedParent || k.gfns === 1 ? 1 : k.gfns)
export const parentOf = (k: Knobs, g: number): number => (k.sharedParent ? 0 : g)
export const threadCount = (k: Knobs): number => k.vcpus + (k.dirtyLog !== 'off' ? 1 : 0)
export const isLogger = (k: Knobs, t: number): boolean => t >= k.vcpus
export const programLength = (k: Knobs): number => (k.guest === 'free' ? 1 : 2) * k.gfns

/** A Linux guest's unaccepted-memory state of a GFN: the bitmap bit set, on accepting_list for vCPUn, or cleared. */
export const acceptDomain = (k: Knobs) =>
  enumOf('unaccepted', ...Array.from({ length: k.vcpus }, (_, v) => `vCPU${v}`), 'accepted')

export const vars = (k: Knobs) => ({
  /** The mirror page table, walked and written by KVM only. */
  mirrorLeaf: array(Spte, k.gfns),
  mirrorL2: array(mirrorL2Domain(k), l2Count(k)),
  /** The S-EPT, owned by the TDX module. */
  extLeaf: array(ExtLeafD, k.gfns),
  extL2: array(extL2Domain(k), l2Count(k)),
  /** hugepages: 2M is not allowed for the level-2 range (the guest accepted at 4K: hugepage_set_guest_inhibit(); promote: mixed attributes). */
  hugeInhibit: array(bool, k.hugepages !== 'off' ? l2Count(k) : 0),
  /** The leaf was BLOCKed before the last TDH.MEM.TRACK (what PAGE.REMOVE requires). */
  tracked: array(bool, k.zap ? k.gfns : 0),
  /** mmu_lock readers; the zapper and the masked dirty-log clear are the writers. */
  readers: int(0, threadCount(k)),
  /** The VM: running, dead, or bugged by its first KVM_BUG_ON (wasPresent, tdxError). */
  vm: vmDomain(k),
  /** guest=linux: drivers/firmware/efi/unaccepted_memory.c's bitmap and accepting_list, per GFN. */
  guestAccept: array(acceptDomain(k), k.guest === 'linux' ? k.gfns : 0),
  /** staleCheck: the GFN's memory attribute (KVM_SET_MEMORY_ATTRIBUTES). */
  attr: array(enumOf('private', 'shared'), hasGmem(k) ? k.gfns : 0),
  /** staleCheck: the page the S-EPT leaf maps is the GFN's current guest_memfd page, or one truncated since. */
  extPfn: array(enumOf('current', 'truncated'), hasGmem(k) ? k.gfns : 0),
  thread: array(Thread(k), threadCount(k)),
  zapper: record({ pc: zapPcDomain(k), g: int(0, k.gfns - 1), kind: onlyIf(hasGmem(k), enumOf('punch', 'convert')) }),
})

export type State = StateOf<ReturnType<typeof vars>>
export type SpteV = Infer<typeof Spte>
export type ThreadV = Infer<ReturnType<typeof Thread>>
export type ExtLeaf = Infer<typeof ExtLeafD>
export type ExtNonLeaf = ExtL2V
export type Snap = Infer<typeof SnapD>

/** A non-present SPTE (SHADOW_NONPRESENT_VALUE) and FROZEN_SPTE, as values of `Spte`. */
export const NP: SpteV = { k: 'NP', w: false, a: false, d: false, acc: false }
export const FROZEN: SpteV = { k: 'FROZEN', w: false, a: false, d: false, acc: false }

/** The guest program: racy/linux = [ACCEPT g, ACCESS g] per GFN; free = [ACCESS g] per GFN. */
export const guestOp = (k: Knobs, gpc: number): { op: 'ACCEPT' | 'ACCESS'; g: number } =>
  k.guest !== 'free' ? { op: gpc % 2 === 0 ? 'ACCEPT' : 'ACCESS', g: gpc >> 1 } : { op: 'ACCESS', g: gpc }

export const initialState = (k: Knobs): State => ({
  mirrorLeaf: Array.from({ length: k.gfns }, () => ({ ...NP })),
  // At depth 2 the level-2 entries start unlinked; at depth 1 they are part of the pre-linked root.
  mirrorL2: Array.from({ length: l2Count(k) }, () => 'NP'),
  extLeaf: Array.from({ length: k.gfns }, () => 'FREE'),
  extL2: Array.from({ length: l2Count(k) }, () => 'FREE'),
  // promote: the range starts 4K-only (mixed attributes), so 4K mappings exist before 2M is allowed.
  hugeInhibit: Array.from({ length: k.hugepages !== 'off' ? l2Count(k) : 0 }, () => k.hugepages === 'promote'),
  tracked: Array.from({ length: k.zap ? k.gfns : 0 }, () => false),
  readers: 0,
  vm: 'running',
  guestAccept: Array.from({ length: k.guest === 'linux' ? k.gfns : 0 }, () => 'unaccepted'),
  attr: Array.from({ length: hasGmem(k) ? k.gfns : 0 }, () => 'private'),
  extPfn: Array.from({ length: hasGmem(k) ? k.gfns : 0 }, () => 'current'),
  thread: Array.from({ length: threadCount(k) }, () => idleThread(k, 0, false)),
  zapper: { pc: 'IDLE', g: 0, kind: 'punch' },
})

export const idleThread = (k: Knobs, gpc: number, pfDone: boolean): ThreadV => ({
  pc: gpc === programLength(k) ? 'DONE' : 'GUEST', gpc, ve: false, pfDone, fg: 0, fk: 'fault', level: k.depth,
  old: { ...NP }, ret: 'NONE', snap: 'fresh', l2old: 'NP',
})

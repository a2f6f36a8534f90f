/**
 * One phrase per step for charts and sequence diagrams, in the words of the
 * changelogs (presentation only; the semantics are in actions.ts).
 */
import type { TdpAction } from './actions.js'
import type { Knobs } from './knobs.js'
import { makeSpte, showSpte } from './spte.js'
import { parentOf, type State } from './state.js'
import { pageAug, septAdd } from './tdx.js'

type P = Record<string, number | boolean | string>
type Narrate = (s: State, p: P, next: State) => string

/** What KVM makes of a SEAMCALL's result. */
const kvmSays = (ret: string): string =>
  ret === 'OK' ? '' : ret === 'EBUSY' ? ', -EBUSY: retry' : ', KVM_BUG_ON(err), -EIO'

export function narrations(k: Knobs): { [A in TdpAction]: Narrate } {
  const t = (p: P) => p['t'] as number
  const v = (p: P) => p['v'] as number
  const g = (s: State, p: P) => s.thread[t(p)]!.fg
  const gOfNext = (next: State, p: P) => next.thread[v(p)]!.fg
  const leaf = (s: State, gfn: number) => showSpte(s.mirrorLeaf[gfn]!)
  return {
    GuestAccess: () => 'guest access: S-EPT MAPPED, no exit',
    GuestAccessExit: (s, p, n) => `guest access g${gOfNext(n, p)}: EPT violation (S-EPT ${s.extLeaf[gOfNext(n, p)]}), TD exit`,
    GuestVE: () => 'guest access: #VE (S-EPT PENDING), the handler will ACCEPT',
    GuestAccept: (s, p, n) => {
      const gfn = n.extLeaf.findIndex((e, i) => e !== s.extLeaf[i])
      return gfn >= 0 ? `TDG.MEM.PAGE.ACCEPT g${gfn}: PENDING -> MAPPED` : 'TDG.MEM.PAGE.ACCEPT: already accepted'
    },
    GuestAcceptExit: (s, p, n) => `TDG.MEM.PAGE.ACCEPT g${gOfNext(n, p)} (S-EPT ${s.extLeaf[gOfNext(n, p)]}): EPT violation, TD exit`,
    PreFault: (_s, p) => `KVM_PRE_FAULT_MEMORY g${p['g']}`,
    FaultLock: () => 'read_lock(mmu_lock)',
    ReadFrozen: () => 'read FROZEN_SPTE: RET_PF_RETRY, read_unlock',
    ReadParent: (s, p) => `read level-2 entry: ${s.mirrorL2[parentOf(k, g(s, p))]}`,
    LinkFreeze: () => (k.mirrorHook === 'noFreeze' ? 'cmpxchg level-2 entry NP -> page table (no freeze)' : 'cmpxchg level-2 entry NP -> FROZEN'),
    LinkFreezeFail: () => 'cmpxchg level-2 entry fails: RET_PF_RETRY',
    LinkExternalSpt: (s, p, n) => {
      const [status] = septAdd(s.extL2[parentOf(k, g(s, p))]!, p['busy'] === true)
      return `link_external_spt: TDH.MEM.SEPT.ADD -> TDX_${status}${kvmSays(n.thread[t(p)]!.ret)}`
    },
    LinkPublish: (_s, p, n) => (n.thread[t(p)]!.pc === 'WALK' ? 'publish level-2 page table' : 'restore level-2 entry, RET_PF_RETRY'),
    ReadLeaf: (s, p) => {
      const x = s.thread[t(p)]!
      const old = s.mirrorLeaf[x.fg]!
      return `read leaf g${x.fg} = ${showSpte(old)}, make_spte -> ${showSpte(makeSpte(old, x.fk === 'prefetch', k))}`
    },
    ReadLeafSpurious: (s, p) => `read leaf g${g(s, p)} = ${leaf(s, g(s, p))}: RET_PF_SPURIOUS, read_unlock`,
    SetRefused: () => 'KVM_BUG_ON(was_present) -> -EIO, read_unlock',
    SetFreeze: (s, p) => {
      const x = s.thread[t(p)]!
      const bug = k.mirrorHook !== 'B' && x.old.k === 'LEAF' ? 'KVM_BUG_ON(was_present)! ' : ''
      return `${bug}cmpxchg leaf g${x.fg} ${showSpte(x.old)} -> ${k.mirrorHook === 'noFreeze' ? 'new value' : 'FROZEN'}`
    },
    SetFreezeFail: () => 'cmpxchg of the leaf fails: RET_PF_RETRY, read_unlock',
    SetExternalSpte: (s, p, n) => {
      const gfn = g(s, p)
      const [status] = pageAug(s.extLeaf[gfn]!, k.depth === 1 || s.extL2[parentOf(k, gfn)] === 'NL_MAPPED', p['busy'] === true)
      return `set_external_spte: TDH.MEM.PAGE.AUG g${gfn} (S-EPT ${s.extLeaf[gfn]}) -> TDX_${status}${kvmSays(n.thread[t(p)]!.ret)}`
    },
    SetPublish: (s, p) => {
      const x = s.thread[t(p)]!
      return x.ret === 'OK' ? `publish leaf g${x.fg}, read_unlock` : `restore leaf g${x.fg} = ${showSpte(x.old)}, RET_PF_RETRY, read_unlock`
    },
    ZapLock: (_s, p) => `write_lock(mmu_lock), zap g${p['g']}`,
    ZapMirror: s => `mirror leaf g${s.zapper.g} -> non-present`,
    ZapBlock: s => `TDH.MEM.RANGE.BLOCK g${s.zapper.g}`,
    ZapTrack: () => 'TDH.MEM.TRACK + kick all vCPUs',
    ZapRemove: s => `TDH.MEM.PAGE.REMOVE g${s.zapper.g}, write_unlock`,
    WrprotStart: (_s, p) => `dirty log: read_lock, write-protect g${p['g']}`,
    WrprotReadLeaf: s => `read leaf g${s.thread[k.vcpus]!.fg} = ${leaf(s, s.thread[k.vcpus]!.fg)}`,
  }
}

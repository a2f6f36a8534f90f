import type { Action, Model, TransitionProperty } from 'sptecheck'
import { describe, expect, test } from 'vitest'
import { explore } from '../../src/checker.js'
import { runRow } from '../../src/cli/matrixRun.js'
import { replayText } from '../../src/cli/replay.js'
import type { CheckResult } from '../../src/explorer/result.js'
import { resolveParams } from '../../src/model/params.js'
import { traceFiles } from '../../src/report/traceFiles.js'
import type { Knobs } from './knobs.js'
import { makeSpte } from './spte.js'
import type { State } from './state.js'
import { tdpMmu } from './tdpMmu.js'

const knobs = (variant: string, set: Partial<Knobs> = {}): Knobs => {
  const r = resolveParams(tdpMmu, variant, set)
  if (r._tag === 'Left') throw new Error(r.left)
  return r.right.params as Knobs
}
const model = (variant: string, set: Partial<Knobs> = {}): Model<State> => tdpMmu.build(knobs(variant, set))
const violated = (r: CheckResult<State>) => (r.verdict === 'violated' ? r.violations.map(v => v.property) : [])
const LEAF = { k: 'LEAF', w: true, a: true, d: true, acc: false } as const

describe('pinned state counts (default bounds: 2 vCPUs, 1 GFN, depth 1)', () => {
  test('seed-patch: 84 distinct states, verified', () => {
    const r = explore(model('seed-patch'))
    expect(r.verdict).toBe('verified')
    expect(r.stats.distinctStates).toBe(84)
  })
  test('no-fix: 87 distinct states in the whole space (searched with continue)', () => {
    const r = explore(model('no-fix'), { continue: true })
    expect(r.stats.distinctStates).toBe(87)
  })
  test('no-fix stops at the end of the level of its first violation, after 67 states', () => {
    const r = explore(model('no-fix'))
    expect(r.stats.distinctStates).toBe(67)
  })
})

describe('no-fix tells the story of the seed changelog', () => {
  const r = explore(model('no-fix'), { continue: true })
  const i1 = r.verdict === 'violated' ? r.violations.find(v => v.property === 'I1_AugOnlyOnFreeLeaf') : undefined
  test('two faults on one GFN, the first AUG installs it, the second fault finds it present and AUGs again', () => {
    expect(i1).toBeDefined()
    const steps = i1!.trace.slice(1)
    const exits = steps.filter(s => s.action === 'GuestAcceptExit' || s.action === 'GuestAccessExit')
    expect(new Set(exits.map(s => s.params['v']))).toEqual(new Set([0, 1]))
    const augs = steps.filter(s => s.action === 'SetExternalSpte')
    expect(augs).toHaveLength(2)
    expect(augs[0]!.params['t']).not.toBe(augs[1]!.params['t'])
    const last = i1!.trace[i1!.trace.length - 1]!
    expect(last.action).toBe('SetExternalSpte')
    const before = i1!.trace[i1!.trace.length - 2]!.state
    expect(['PENDING', 'MAPPED']).toContain(before.extLeaf[0])
    // The second vCPU's snapshot was the present leaf the first one installed; pre-6.13 make_spte dropped D.
    expect(before.thread[last.params['t'] as number]!.old).toMatchObject(LEAF)
    expect(last.state.vm).toBe('wasPresent')
  })
  test('the violations come in kernel order: KVM_BUG_ON(was_present) at the freeze, then the AUG', () => {
    expect(violated(r)).toEqual(['I1k_NoBugOnWasPresent', 'I4_NoKvmBug', 'I1_AugOnlyOnFreeLeaf'])
    const [k, , a] = r.verdict === 'violated' ? r.violations : []
    expect(a!.trace.length).toBe(k!.trace.length + 1)
  })
})

describe('reported: the first KVM_BUG_ON is the one in tdx_mem_page_aug()', () => {
  const r = explore(model('reported'), { continue: true })
  test('I4 is violated by the AUG step itself, with the TDX error as the cause, and I1k cannot fire', () => {
    expect(violated(r)).toEqual(['I1_AugOnlyOnFreeLeaf', 'I4_NoKvmBug'])
    const i4 = r.verdict === 'violated' ? r.violations.find(v => v.property === 'I4_NoKvmBug')! : undefined
    const last = i4!.trace[i4!.trace.length - 1]!
    expect(last.action).toBe('SetExternalSpte')
    expect(last.state.vm).toBe('tdxError')
    expect(i4!.trace.some(s => s.state.vm === 'wasPresent')).toBe(false)
  })
  test('its chart ends with the WARN in tdx_mem_page_aug()', () => {
    const m = model('reported')
    const i4 = r.verdict === 'violated' ? r.violations.find(v => v.property === 'I4_NoKvmBug')! : undefined
    const last = i4!.trace[i4!.trace.length - 1]!
    const prev = i4!.trace[i4!.trace.length - 2]!
    const text = m.view!.narrate!['SetExternalSpte']!(prev.state, last.params, last.state)
    expect(text).toMatch(/KVM_BUG_ON\(err\) in tdx_mem_page_aug\(\).*first KVM_BUG_ON: WARN here/)
  })
})

describe('the TDX backend of 2024: the AUG tolerance covers PENDING, not MAPPED; a busy BLOCK is fatal', () => {
  // A fatal AUG error is the KVM_BUG_ON(err) in tdx_mem_page_aug(), as opposed to KVM_BUG_ON(was_present).
  const augFatal: TransitionProperty<State> = {
    name: 'AugNeverFatal', description: 'AUG never returns an error KVM treats as a bug.', actions: ['SetExternalSpte'],
    holds: (_s, step, next) => next.thread[step.params['t'] as number]!.ret !== 'EIO',
  }
  const withAugFatal = (m: Model<State>): Model<State> => ({ ...m, invariants: [], properties: [augFatal] })
  test('with the tolerance (no-fix) the fatal AUG error is reachable, and its trace goes through the guest accept', () => {
    const r = explore(withAugFatal(model('no-fix')))
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    expect(r.trace.some(s => s.action === 'GuestAccept')).toBe(true)
    expect(r.trace[r.trace.length - 2]!.state.extLeaf[0]).toBe('MAPPED')
  })
  test('with a guest that never accepts, no AUG error is fatal under the tolerance (but I1 and I1k still fail)', () => {
    const m = model('no-fix', { guest: 'free', septVeDisable: true })
    expect(explore(withAugFatal(m)).verdict).toBe('verified')
    expect(violated(explore(m, { continue: true }))).toEqual(['I1k_NoBugOnWasPresent', 'I4_NoKvmBug', 'I1_AugOnlyOnFreeLeaf'])
    // Without the tolerance (Nov 2024, or --set tdx=6.16), the same guest does hit the fatal AUG error on the PENDING entry.
    expect(explore(withAugFatal(model('no-fix', { guest: 'free', tdxAugTolerance: 'off' }))).verdict).toBe('violated')
    expect(explore(withAugFatal(model('no-fix', { guest: 'free', tdx: '6.16' }))).verdict).toBe('violated')
  })
  test('seed-patch +zap +busy: the 2024 BLOCK BUSY is a KVM_BUG_ON in 9 steps; the 6.16 backend retries it with no vCPU in the guest', () => {
    const r = explore(model('seed-patch', { zap: true, busy: true }), { continue: true })
    const i4 = r.verdict === 'violated' ? r.violations.find(v => v.property === 'I4_NoKvmBug')! : undefined
    expect(i4!.trace.length - 1).toBe(9)
    const last = i4!.trace[i4!.trace.length - 1]!
    expect([last.action, last.params['busy'], last.state.vm]).toEqual(['ZapBlock', true, 'tdxError'])
    expect(last.state.extLeaf[0]).not.toBe('FREE')
    const r616 = explore(model('seed-patch', { zap: true, busy: true, tdx: '6.16' }))
    expect(r616.verdict).toBe('verified')
    expect(r616.stats.actions.find(a => a.name === 'ZapRetry')!.generated).toBeGreaterThan(0)
  })
  test('in the no-vCPU window of 6.16 no guest step is enabled', () => {
    const m = model('upstream', { zap: true, busy: true, guest: 'free', septVeDisable: false })
    const guestSteps = ['GuestAccess', 'GuestAccessExit', 'GuestVE', 'GuestAccept', 'GuestAcceptExit', 'GuestPendingAccess']
    let windows = 0
    forEachTransition(m, 50_000, (s, a) => {
      if (s.zapper.pc.endsWith('_RETRY')) { windows++; expect(guestSteps).not.toContain(a.name) }
    })
    expect(windows).toBeGreaterThan(0)
  })
})

describe('make_spte() after 6.13 with A/D disabled', () => {
  const k = knobs('upstream', { adBits: 'disabled' })
  test('a fault sets W, A and D as software bits; a prefetch leaves an access-tracked SPTE with D', () => {
    expect(makeSpte({ k: 'NP', w: false, a: false, d: false, acc: false }, false, k)).toEqual(LEAF)
    expect(makeSpte({ k: 'NP', w: false, a: false, d: false, acc: false }, true, k)).toEqual({ k: 'LEAF', w: false, a: false, d: true, acc: true })
  })
})

describe('the dirty logger follows wrprot_gfn_range()', () => {
  test('a FROZEN leaf is skipped, not retried', () => {
    const m = model('upstream', { dirtyLog: 'wrprot' })
    const read = m.actions.find(a => a.name === 'DirtyLogReadLeaf')! as Action<State>
    const s = m.init()[0]!
    const t = 2
    const at: State = structuredClone(s)
    at.mirrorLeaf[0] = { k: 'FROZEN', w: false, a: false, d: false, acc: false }
    at.thread[t] = { ...at.thread[t]!, pc: 'WALK', fk: 'wrprot', level: 1 }
    at.readers = 1
    const next: State = structuredClone(at)
    read.then(next, read.when(at, {})!, {}, at)
    expect([next.thread[t]!.pc, next.readers]).toEqual(['DONE', 0])
  })
  test('after a failed hook it retries forever: no state with the logger done follows a KVM_BUG_ON it caused', () => {
    const m = model('upstream', { dirtyLog: 'wrprot' })
    forEachTransition(m, 50_000, (s, a, _p, next) => {
      if (a.name === 'SetPublish' && s.thread[2]!.pc === 'SET_PUBLISH' && s.thread[2]!.ret !== 'OK') expect(next.thread[2]!.pc).toBe('SET_FREEZE')
    })
  })
  test('before 02eaaffdd865 a failed cmpxchg keeps the stale iter->old_spte; with it the snapshot is refreshed', () => {
    // Under the read lock only a vCPU's present->present change can make the logger's cmpxchg fail: pre-6.13 make_spte.
    for (const [hook, fresh] of [['A', false], ['D', true]] as const) {
      const m = model('no-fix', { dirtyLog: 'wrprot', mirrorHook: hook })
      let seen = 0
      forEachTransition(m, 50_000, (s, a, p, next) => {
        if (a.name !== 'SetFreezeFail' || p['t'] !== 2) return
        seen++
        const x = next.thread[2]!
        if (!fresh) expect(x.old).toEqual(s.thread[2]!.old)
        else if (x.pc === 'SET_FREEZE') expect(x.old).toEqual(s.mirrorLeaf[0])
      })
      expect(seen).toBeGreaterThan(0)
    }
  })
})

describe('the narration says what the step did', () => {
  test.each([
    ['no-fix', {}], ['reported', {}], ['seed-patch', { zap: true, busy: true }], ['upstream', { zap: true, busy: true, prefetch: true }],
    ['upstream-2026', { busy: true, depth: 2 }], ['upstream-2026-d', { dirtyLog: 'wrprot', busy: true }],
    ['upstream', { zap: true, staleCheck: 'mirrorExempt' }], ['upstream-2026-d', { depth: 2, hugepages: 'on', prefetch: true, busy: true }],
    ['upstream', { depth: 2, hugepages: 'promote' }], ['upstream-2026-d', { depth: 2, hugepages: 'promote' }],
  ] as [string, Partial<Knobs>][])('%s %o: every hook and zap phrase matches the errno and state the step recorded', (variant, set) => {
    const m = model(variant, set)
    let n = 0
    forEachTransition(m, 20_000, (s, a, p, next) => {
      const text = m.view!.narrate![a.name as never]!(s, p, next)
      expect(typeof text).toBe('string')
      if (a.name === 'SetExternalSpte' || a.name === 'LinkExternalSpt') {
        n++
        const ret = next.thread[p['t'] as number]!.ret
        expect([a.name, ret, /KVM_BUG_ON/.test(text)]).toEqual([a.name, ret, ret === 'EIO'])
        expect([a.name, ret, /retry/.test(text)]).toEqual([a.name, ret, ret === 'EBUSY'])
      }
      if (a.name.startsWith('Zap') && a.name !== 'ZapLock' && a.name !== 'ZapMirror') {
        expect([a.name, text, /KVM_BUG_ON/.test(text)]).toEqual([a.name, text, next.vm === 'tdxError' && s.vm === 'running'])
      }
    })
    expect(n).toBeGreaterThan(0)
  })
})

describe('hugepages', () => {
  test('2026: a 4K ACCEPT on a 2M leaf splits it under the write lock before the fault, and no guest runs in between without the S-EPT following', () => {
    const r = explore(model('upstream-2026-d', { depth: 2, hugepages: 'on', prefetch: true }))
    expect(r.verdict).toBe('verified')
    for (const a of ['HonorAcceptLevel', 'SplitBlock', 'SplitDemote']) expect(r.stats.actions.find(x => x.name === a)!.distinct).toBeGreaterThan(0)
  })
  test("promotion under the seed patch is not silent: handle_removed_pt()'s KVM_BUG_ON(shared) is reachable", () => {
    let shared = 0
    forEachTransition(model('seed-patch', { depth: 2, hugepages: 'promote' }), 50_000, (_s, _a, _p, next) => { if (next.vm === 'sharedRemove') shared++ })
    expect(shared).toBeGreaterThan(0)
  })
  test('promotion in mainline 2026 is silent: the 2M leaf is published with no KVM_BUG_ON and no external call', () => {
    const r = explore(model('upstream-2026-d', { depth: 2, hugepages: 'promote' }), { continue: true })
    const i11 = r.verdict === 'violated' ? r.violations.find(v => v.property === 'I11_NoSilentDivergence')! : undefined
    const last = i11!.trace[i11!.trace.length - 1]!
    expect([last.action, last.state.vm, last.state.mirrorL2[0], last.state.extL2[0]]).toEqual(['LinkPublish', 'running', 'LEAF2M', 'NL_MAPPED'])
  })
  test('hugepages needs depth 2 and refuses dirty logging and staleCheck', () => {
    expect(() => model('upstream-2026', { hugepages: 'on' })).toThrow(/depth=2/)
    expect(() => model('upstream-2026', { hugepages: 'on', depth: 2, dirtyLog: 'wrprot' })).toThrow(/dirtyLog/)
  })
})

describe('no check is vacuous', () => {
  test('every action fires in some configuration', () => {
    const configs: [string, Partial<Knobs>][] = [
      ['upstream', { gfns: 2, depth: 2, sharedParent: true, prefetch: true, zap: true, busy: true }],
      ['upstream-2026', { dirtyLog: 'wrprot' }],
      ['upstream-2026-d', { dirtyLog: 'pmlMasked' }],
      ['no-fix', { guest: 'free', septVeDisable: false, depth: 2 }],
      ['no-fix', { guest: 'linux', zap: true }],
      ['upstream', { guest: 'free', zap: true }],
      ['upstream', { zap: true, staleCheck: 'mirrorExempt', prefetch: true }],
      ['seed-patch', { dirtyLog: 'pml', localRetry: true }],
      ['upstream-2026-d', { depth: 2, hugepages: 'on', prefetch: true }],
      ['upstream-2026-d', { depth: 2, hugepages: 'promote' }],
    ]
    const fired = new Set<string>()
    const all = new Set<string>()
    for (const [v, sets] of configs) {
      const r = explore(model(v, sets), { continue: true, maxStates: 2_000_000 })
      for (const a of r.stats.actions) { all.add(a.name); if (a.generated > 0) fired.add(a.name) }
    }
    expect([...all].filter(a => !fired.has(a))).toEqual([])
    expect(all.size).toBeGreaterThanOrEqual(39)
  })

  test.each(['I5_MirrorExternalAgree', 'I6_FrozenHasOneOwner', 'I7_NoLeakedFrozen', 'I8_TreeWellFormed'])('%s can fail: a model with a leaked FROZEN entry violates it', name => {
    const m = model('upstream', { depth: 2 })
    const inv = m.invariants.find(i => i.name === name)!
    const s = m.init()[0]!
    const broken: State = structuredClone(s)
    broken.mirrorLeaf[0] = { k: 'FROZEN', w: false, a: false, d: false, acc: false }
    broken.mirrorL2[0] = 'NL'
    if (name === 'I5_MirrorExternalAgree') broken.mirrorLeaf[0] = { ...LEAF }
    if (name === 'I6_FrozenHasOneOwner') { broken.thread[0]!.pc = 'SET_HOOK'; broken.thread[1]!.pc = 'SET_HOOK' }
    if (name === 'I8_TreeWellFormed') { broken.mirrorL2[0] = 'NP'; broken.mirrorLeaf[0] = { ...LEAF } }
    expect(inv.holds(s)).toBe(true)
    expect(inv.holds(broken)).toBe(false)
  })

  test.each([
    ['I12_NoTruncatedPfn', (b: State) => { b.extLeaf[0] = 'MAPPED'; b.mirrorLeaf[0] = { ...LEAF }; b.extPfn[0] = 'truncated' }],
    ['I13_NoPrivateLeafOnSharedGfn', (b: State) => { b.extLeaf[0] = 'MAPPED'; b.mirrorLeaf[0] = { ...LEAF }; b.attr[0] = 'shared' }],
    ['I14_LinuxGuestNeverPanics', (b: State) => { b.thread[0]!.pc = 'PANIC' }],
  ] as const)('%s can fail', (name, breakIt) => {
    const m = model('upstream', { zap: true, staleCheck: 'on', guest: 'linux' })
    const inv = m.invariants.find(i => i.name === name)!
    const s = m.init()[0]!
    const broken: State = structuredClone(s)
    breakIt(broken)
    expect(inv.holds(s)).toBe(true)
    expect(inv.holds(broken)).toBe(false)
  })

  test('I6 catches a frozen leaf overwritten by another thread (mutation: a failed cmpxchg writes anyway)', () => {
    // The mutation: set_external_spte_present() with __kvm_tdp_mmu_write_spte() where try_cmpxchg64() belongs,
    // so a thread that loses the race against a freezer still publishes its leaf over FROZEN_SPTE.
    const k = knobs('no-fix')
    const m = tdpMmu.build(k)
    const mutated: Model<State> = {
      ...m,
      actions: m.actions.map(a => (a.name !== 'SetFreezeFail' ? a : {
        ...a,
        then: (next: State, _w: unknown, p: Record<string, unknown>, s: State) => {
          const x = s.thread[p['t'] as number]!
          next.mirrorLeaf[x.fg] = makeSpte(x.old, x.fk === 'prefetch', k)
          next.readers -= 1
          next.thread[p['t'] as number] = { ...x, pc: 'GUEST', ret: 'NONE', old: { k: 'NP', w: false, a: false, d: false, acc: false }, fk: 'fault' }
        },
      } as Action<State>)),
    }
    const r = explore(mutated, { continue: true })
    expect(violated(r)).toContain('I6_FrozenHasOneOwner')
    expect(violated(explore(m, { continue: true }))).not.toContain('I6_FrozenHasOneOwner')
  })
})

describe('liveness: L1-L3 under the declared fairness', () => {
  const live = (m: Model<State>) => explore(m, { liveness: true, continue: true })
  const verdicts = (r: CheckResult<State>) => Object.fromEntries((r.verdict === 'verified' || r.verdict === 'violated' ? r.liveness ?? [] : []).map(l => [l.property, l.verdict]))
  const lasso = (r: CheckResult<State>, name: string) => (r.verdict === 'violated' ? r.violations.find(v => v.property === name) : undefined)
  const LINUX_BUSY: Partial<Knobs> = { guest: 'linux', prefetch: true, busy: true, localRetry: true }

  test('upstream with a Linux guest, prefetch, BUSY and local retry: every property holds', () => {
    expect(verdicts(live(model('upstream', LINUX_BUSY)))).toEqual({ L1_FaultReturns: 'holds', L2_GuestFinishes: 'holds', L3_DirtyLogPassEnds: 'holds' })
  })

  test('the fair SEAMCALL outcomes matter: without them BUSY for ever keeps a fault in KVM (L1) and the guest from finishing (L2)', () => {
    const m = model('upstream', LINUX_BUSY)
    const unfair: Model<State> = { ...m, fairness: m.fairness!.filter(f => f.kind !== 'strong' || f.per !== 'instance') }
    const r = live(unfair)
    expect(verdicts(r)).toMatchObject({ L1_FaultReturns: 'violated', L2_GuestFinishes: 'violated' })
    const l1 = lasso(r, 'L1_FaultReturns')!
    const loop = l1.trace.slice(l1.loop!.at + 1)
    expect(loop.some(s => s.params['fail'] === 'busy')).toBe(true)
  })

  test('a mutated model breaks L1: a spurious fault that returns RET_PF_RETRY loops inside KVM for ever', () => {
    // The mutation: tdp_mmu_map_handle_target_level() answering RET_PF_RETRY where it means RET_PF_SPURIOUS;
    // 6.16's local retry then walks to the same present leaf again and again.
    const k = knobs('upstream', { localRetry: true })
    const m = tdpMmu.build(k)
    const mutated: Model<State> = {
      ...m,
      actions: m.actions.map(a => (a.name !== 'ReadLeafSpurious' ? a : {
        ...a,
        then: (next: State, _w: unknown, p: Record<string, unknown>, s: State) => {
          const t = p['t'] as number
          next.readers -= 1
          next.thread[t] = { ...s.thread[t]!, pc: 'EXITED', level: k.depth }
        },
      } as Action<State>)),
    }
    expect(verdicts(live(m)).L1_FaultReturns).toBe('holds')
    const r = live(mutated)
    expect(verdicts(r).L1_FaultReturns).toBe('violated')
    const l1 = lasso(r, 'L1_FaultReturns')!
    const loop = [...l1.trace.slice(l1.loop!.at + 1).map(s => s.action), 'closing']
    expect(loop).toContain('ReadLeafSpurious')
    expect(l1.notes!.join(' ')).not.toMatch(/environment/)
  })

  test('no-fix with a Linux guest: the VM dies only when something refaults the present leaf (a prefetch), and the L2 lasso replays', async () => {
    expect(verdicts(live(model('no-fix', { guest: 'linux' }))).L2_GuestFinishes).toBe('holds')
    const row = tdpMmu.matrix!.rows.find(x => x.id === 'no-fix-linux-prefetch-live')!
    const run = await runRow(tdpMmu, row)
    const l2 = lasso(run.result as CheckResult<State>, 'L2_GuestFinishes')!
    // It ends in the dead VM, stuttering: no vCPU may enter the guest again.
    expect(l2.loop!.closing).toBeUndefined()
    expect(l2.trace[l2.trace.length - 1]!.state.vm).toBe('wasPresent')
    const itf = traceFiles(row.id, run.sys, run.result).find(f => f.path.endsWith('L2_GuestFinishes.itf.json'))!
    const replayed = await replayText(itf.content, itf.path)
    expect(replayed.lasso).toMatchObject({ property: 'L2_GuestFinishes', closing: undefined })
    expect(replayed.violation?.property).toBe('L2_GuestFinishes')
  })

  test('L2 with a guest that touches a PENDING page nobody accepts: RET_PF_SPURIOUS for ever before 6.16, a dead VM in 6.16', () => {
    const spin = live(model('upstream', { vcpus: 1, guest: 'free', pendingAccess: 'fault' }))
    expect(verdicts(spin)).toMatchObject({ L1_FaultReturns: 'holds', L2_GuestFinishes: 'violated' })
    const l2 = lasso(spin, 'L2_GuestFinishes')!
    // Exit, read_lock, and (closing the loop) RET_PF_SPURIOUS back into the guest.
    expect(l2.trace.slice(l2.loop!.at + 1).map(s => s.action)).toEqual(['GuestAccessExit', 'FaultLock'])
    expect(l2.trace[l2.loop!.at]!.state.extLeaf[0]).toBe('PENDING')
    const kill = live(model('upstream', { vcpus: 1, guest: 'free' }))
    expect(lasso(kill, 'L2_GuestFinishes')!.trace.at(-1)!.state.vm).toBe('dead')
    expect(violated(kill)).not.toContain('I4_NoKvmBug')
  })

  test('L3 before 02eaaffdd865: the logger spins on a stale iter->old_spte; with the refresh the pass ends', () => {
    const r = live(model('seed-patch', { dirtyLog: 'wrprot' }))
    const l3 = lasso(r, 'L3_DirtyLogPassEnds')!
    const at = l3.trace[l3.loop!.at]!.state
    // One step, for ever: the cmpxchg against a snapshot that is no longer the SPTE.
    expect(l3.trace.length - 1).toBe(l3.loop!.at)
    expect(at.thread[2]!.pc).toBe('SET_FREEZE')
    expect(at.thread[2]!.old).not.toEqual(at.mirrorLeaf[0])
    expect(at.mirrorLeaf[0]!.k).toBe('LEAF')
    expect(verdicts(live(model('seed-patch', { dirtyLog: 'wrprot', oldSpteRefresh: 'on' }))).L3_DirtyLogPassEnds).toBe('holds')
  })

  test('L3 after 02eaaffdd865 still fails where the hook refuses present->present: the retry has no vm_bugged check', () => {
    for (const v of ['upstream', 'upstream-2026', 'upstream-2026-d']) {
      const r = live(model(v, { dirtyLog: 'wrprot' }))
      const l3 = lasso(r, 'L3_DirtyLogPassEnds')!
      expect([v, l3.trace[l3.loop!.at]!.state.vm]).toEqual([v, 'wasPresent'])
      // Only the logger acts in the loop (the closing step is the logger's too): the VM is bugged, no vCPU runs.
      expect([v, l3.trace.slice(l3.loop!.at + 1).every(s => s.params['t'] === 2)]).toEqual([v, true])
      expect([v, l3.notes!.join(' ')]).toEqual([v, expect.stringMatching(/The loop is taken by dirty-log\./)])
    }
  })

  test('L1 with a zapper fails only because the zapper zaps for ever, and the lasso says so', () => {
    const r = live(model('upstream', { zap: true, localRetry: true }))
    const l1 = lasso(r, 'L1_FaultReturns')!
    expect(l1.notes!.join(' ')).toMatch(/needs zapper to act for ever/)
  })
})

/** Every transition of a model's reachable states, up to a bound: the action, its parameters and the next state. */
function forEachTransition(m: Model<State>, limit: number, f: (s: State, a: Action<State>, p: Record<string, unknown>, next: State) => void): void {
  const key = (s: State) => JSON.stringify(s)
  const seen = new Set<string>()
  const queue = [...m.init()]
  for (const s of queue) seen.add(key(s))
  while (queue.length > 0 && seen.size < limit) {
    const s = queue.shift()!
    for (const a of m.actions as readonly Action<State>[]) {
      if (a.exists === false) continue
      for (const p of bindings(a.params as Record<string, readonly unknown[]>)) {
        const w = a.when(s, p as never)
        if (w === undefined || w === false) continue
        const next: State = structuredClone(s)
        a.then(next, w as never, p as never, s)
        f(s, a, p, next)
        if (!seen.has(key(next))) { seen.add(key(next)); queue.push(next) }
      }
    }
  }
}

function bindings(params: Record<string, readonly unknown[]>): Record<string, unknown>[] {
  let out: Record<string, unknown>[] = [{}]
  for (const [k, vs] of Object.entries(params)) out = out.flatMap(b => vs.map(v => ({ ...b, [k]: v })))
  return out
}

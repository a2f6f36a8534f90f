import type { Model, TransitionProperty } from 'sptecheck'
import { describe, expect, test } from 'vitest'
import { explore } from '../../src/checker.js'
import type { CheckResult } from '../../src/explorer/result.js'
import { resolveParams } from '../../src/model/params.js'
import type { Knobs } from './knobs.js'
import type { State } from './state.js'
import { tdpMmu } from './tdpMmu.js'

const model = (variant: string, set: Partial<Knobs> = {}): Model<State> => {
  const r = resolveParams(tdpMmu, variant, set)
  if (r._tag === 'Left') throw new Error(r.left)
  return tdpMmu.build(r.right.params as Knobs)
}
const violated = (r: CheckResult<State>) => (r.verdict === 'violated' ? r.violations.map(v => v.property) : [])

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
  test('no-fix stops at the first violation after 62 states', () => {
    const r = explore(model('no-fix'))
    expect(r.stats.distinctStates).toBe(62)
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
    expect(before.thread[last.params['t'] as number]!.old).toMatchObject({ k: 'LEAF', w: true, a: true, d: true })
    expect(last.state.vmBugged).toBe('wasPresent')
  })
  test('the violations come in kernel order: KVM_BUG_ON(was_present) at the freeze, then the AUG', () => {
    expect(violated(r)).toEqual(['I1k_NoBugOnWasPresent', 'I4_NoKvmBug', 'I1_AugOnlyOnFreeLeaf'])
    const [k, , a] = r.verdict === 'violated' ? r.violations : []
    expect(a!.trace.length).toBe(k!.trace.length + 1)
  })
})

describe('aug-tolerance: the TDX-side tolerance covers PENDING, not MAPPED (§5.2)', () => {
  // A fatal AUG error is the KVM_BUG_ON(err) in tdx_mem_page_aug(), as opposed to KVM_BUG_ON(was_present).
  const augFatal: TransitionProperty<State> = {
    name: 'AugNeverFatal', description: 'AUG never returns an error KVM treats as a bug.', actions: ['SetExternalSpte'],
    holds: (_s, step, next) => next.thread[step.params['t'] as number]!.ret !== 'EIO',
  }
  const withAugFatal = (m: Model<State>): Model<State> => ({ ...m, invariants: [], properties: [augFatal] })
  test('with a Linux guest the fatal AUG error is reachable, and its trace goes through the guest accept', () => {
    const r = explore(withAugFatal(model('aug-tolerance')))
    expect(r.verdict).toBe('violated')
    if (r.verdict !== 'violated') return
    expect(r.trace.some(s => s.action === 'GuestAccept')).toBe(true)
    expect(r.trace[r.trace.length - 2]!.state.extLeaf[0]).toBe('MAPPED')
  })
  test('with a guest that never accepts, no AUG error is fatal (but I1 and I1k still fail: the matrix row)', () => {
    const m = model('aug-tolerance', { guest: 'free', septVeDisable: true })
    expect(explore(withAugFatal(m)).verdict).toBe('verified')
    expect(violated(explore(m, { continue: true }))).toEqual(['I1k_NoBugOnWasPresent', 'I4_NoKvmBug', 'I1_AugOnlyOnFreeLeaf'])
    // Without the tolerance, the same guest does hit the fatal AUG error on the PENDING entry.
    expect(explore(withAugFatal(model('no-fix', { guest: 'free', septVeDisable: true }))).verdict).toBe('violated')
  })
})

describe('no check is vacuous', () => {
  test('every action fires in some configuration', () => {
    const configs: [string, Partial<Knobs>][] = [
      ['upstream', { gfns: 2, depth: 2, sharedParent: true, prefetch: true, zap: true, busy: true }],
      ['upstream-2026', { dirtyLog: true }],
      ['no-fix', { guest: 'free', septVeDisable: false, depth: 2 }],
      ['seed-patch', { dirtyLog: true, localRetry: true }],
    ]
    const fired = new Set<string>()
    const all = new Set<string>()
    for (const [v, sets] of configs) {
      const r = explore(model(v, sets), { continue: true, maxStates: 2_000_000 })
      for (const a of r.stats.actions) { all.add(a.name); if (a.generated > 0) fired.add(a.name) }
    }
    expect([...all].filter(a => !fired.has(a))).toEqual([])
    expect(all.size).toBeGreaterThanOrEqual(24)
  })

  test.each(['I5_MirrorExternalAgree', 'I6_FrozenHasOneOwner', 'I7_NoLeakedFrozen', 'I8_TreeWellFormed'])('%s can fail: a model with a leaked FROZEN entry violates it', name => {
    const m = model('upstream', { depth: 2 })
    const inv = m.invariants.find(i => i.name === name)!
    const s = m.init()[0]!
    const broken: State = structuredClone(s)
    broken.mirrorLeaf[0] = { k: 'FROZEN', w: false, a: false, d: false, acc: false }
    broken.mirrorL2[0] = 'NL'
    if (name === 'I5_MirrorExternalAgree') broken.mirrorLeaf[0] = { k: 'LEAF', w: true, a: true, d: true, acc: false }
    if (name === 'I6_FrozenHasOneOwner') { broken.thread[0]!.pc = 'SET_HOOK'; broken.thread[1]!.pc = 'SET_HOOK' }
    if (name === 'I8_TreeWellFormed') { broken.mirrorL2[0] = 'NP'; broken.mirrorLeaf[0] = { k: 'LEAF', w: true, a: true, d: true, acc: false } }
    expect(inv.holds(s)).toBe(true)
    expect(inv.holds(broken)).toBe(false)
  })
})

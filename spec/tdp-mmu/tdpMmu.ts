/**
 * KVM x86 TDP MMU, mirror page tables and the TDX S-EPT behind them: the
 * fault path's freeze / SEAMCALL / publish protocol against concurrent
 * faults, prefetches, zaps and dirty logging. See docs/model.md for the
 * kernel function <-> action table and what is left out.
 */
import { record } from '../../src/model/domain.js'
import type { Spec } from '../../src/model/spec.js'
import { actions } from './actions.js'
import { knobParams, knobsOf, variants } from './knobs.js'
import { narrations } from './narration.js'
import { invariants, transitionProperties } from './properties.js'
import { showSpte } from './spte.js'
import { initialState, isLogger, threadCount, vars, type State } from './state.js'

/** Actions that are a SEAMCALL or TDCALL into the TDX module. */
const SEAMCALLS = new Set(['SetExternalSpte', 'LinkExternalSpt', 'ZapBlock', 'ZapTrack', 'ZapRemove', 'GuestAccept'])

export const tdpMmu: Spec<State> = {
  name: 'tdp-mmu',
  description: 'KVM TDP MMU mirror/external (TDX S-EPT) page tables: faults, hooks, zaps.',
  params: knobParams,
  variants,
  defaultVariant: 'no-fix',
  build: p => {
    const k = knobsOf(p)
    const narrate = narrations(k)
    return {
      vars: record(vars(k)) as never,
      init: () => [initialState(k)],
      actions: actions(k).map(a => ({ ...a, narrate: narrate[a.name], ...(SEAMCALLS.has(a.name) ? { calls: 'TDX module' } : {}) })),
      invariants: invariants(k),
      properties: transitionProperties(k),
      // Every guest program finished (or the VM died) and no zap in flight: a proper end.
      isFinal: s => s.vmBugged !== 'none' ||
        (s.zapper.pc === 'IDLE' && s.thread.every(t => t.pc === 'DONE' || t.pc === 'DEAD')),
      display: {
        format: { mirrorLeaf: showSpte },
        columns: [...Array.from({ length: threadCount(k) }, (_, t) => (isLogger(k, t) ? 'dirty-log' : `vCPU${t}`)), 'zapper'],
        observers: [{ column: 'TDX module', vars: ['extLeaf', 'extL2', 'tracked'] }],
        hideInChart: ['thread', 'readers'],
      },
    }
  },
}

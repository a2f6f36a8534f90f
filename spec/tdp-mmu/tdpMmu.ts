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
import { invariants, transitionProperties } from './properties.js'
import { initialState, vars, type State } from './state.js'

export const tdpMmu: Spec<State> = {
  name: 'tdp-mmu',
  description: 'KVM TDP MMU mirror/external (TDX S-EPT) page tables: faults, hooks, zaps.',
  params: knobParams,
  variants,
  defaultVariant: 'no-fix',
  build: p => {
    const k = knobsOf(p)
    return {
      vars: record(vars(k)) as never,
      init: () => [initialState(k)],
      actions: actions(k),
      invariants: invariants(k),
      properties: transitionProperties(k),
      // Every guest program finished (or the VM died) and no zap in flight: a proper end.
      isFinal: s => s.vmBugged !== 'none' ||
        (s.zapper.pc === 'IDLE' && s.thread.every(t => t.pc === 'DONE' || t.pc === 'DEAD')),
    }
  },
}

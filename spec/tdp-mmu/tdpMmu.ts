/**
 * KVM x86 TDP MMU, mirror page tables and the TDX S-EPT behind them: the
 * fault path's freeze / SEAMCALL / publish protocol against concurrent
 * faults, prefetches, zaps, guest_memfd invalidations and dirty logging,
 * with the TDX backend of each era; with --liveness, L1-L3 (faults return,
 * guests finish, dirty-logging passes end) under the fairness in
 * properties.ts. See docs/model.md for the kernel function <-> action table,
 * what is left out, and what each lasso shows.
 */
import { defineSpec, model, record } from 'sptecheck'
import { actions } from './actions.js'
import { documents } from './docs.js'
import { knobParams, variants } from './knobs.js'
import { bounds, matrixRows } from './matrix.js'
import { narrations } from './narration.js'
import { ENVIRONMENT, fairnessAssumptions, invariants, liveness, transitionProperties } from './properties.js'
import { showSpte } from './spte.js'
import { initialState, isLogger, showVm, threadCount, vars } from './state.js'

const TDX = 'TDX module'

export const tdpMmu = defineSpec({
  name: 'tdp-mmu',
  description: 'KVM TDP MMU mirror/external (TDX S-EPT) page tables: faults, hooks, zaps.',
  params: knobParams,
  variants,
  defaultVariant: 'no-fix',
  build: k => model({
    vars: record(vars(k)),
    init: () => [initialState(k)],
    actions: actions(k),
    invariants: invariants(k),
    properties: transitionProperties(k),
    // Every guest program finished (or the VM is bugged or dead, or a guest panicked) and no zap in flight: a proper end.
    isFinal: s => s.vm !== 'running' || s.thread.some(t => t.pc === 'PANIC') ||
      (s.zapper.pc === 'IDLE' && s.thread.every(t => t.pc === 'DONE' || t.pc === 'DEAD')),
    // vCPUs run the same guest program and the same KVM code: renaming them renames their threads
    // (thread[0..vcpus-1]; the dirty logger, after them, is not one of them) and, with the Linux guest, the
    // vCPU a GFN's accepting_list entry names (guestAccept's values 'vCPU0'.. come after 'unaccepted').
    symmetry: [{ name: 'vCPUs', size: k.vcpus, arrays: ['thread'], values: k.guest === 'linux' ? [{ path: 'guestAccept[*]', offset: 1 }] : [] }],
    // L1-L3 (`--liveness`), under the fairness in properties.ts: weak per thread, strong for mmu_lock and SEAMCALL outcomes.
    liveness: liveness(k),
    fairness: fairnessAssumptions.map(f => f.fairness),
    // The zapper starts zaps, and userspace flips attributes, when the host likes: a loop that needs them to act for ever says so.
    environment: ENVIRONMENT,
    view: {
      format: { mirrorLeaf: showSpte, vm: showVm },
      columns: [...Array.from({ length: threadCount(k) }, (_, t) => (isLogger(k, t) ? 'dirty-log' : `vCPU${t}`)), 'zapper'],
      observers: [{ column: TDX, vars: ['extLeaf', 'extL2', 'tracked', 'extPfn'] }],
      hideInChart: ['thread', 'readers'],
      narrate: narrations(k),
      // The SEAMCALLs and TDCALLs: drawn as calls into the TDX module even when nothing there changes.
      calls: { SetExternalSpte: TDX, LinkExternalSpt: TDX, ZapBlock: TDX, ZapTrack: TDX, ZapRemove: TDX, ZapRetry: TDX, GuestAccept: TDX },
    },
  }),
  matrix: { title: 'TDP MMU verdict matrix', rows: matrixRows, bounds },
  documents,
})

export default tdpMmu

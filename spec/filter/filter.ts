/**
 * Peterson's filter lock for N processes, the classic validation model:
 * SPIN, Rumur and TLC agree on its state counts.
 */
import { actionsOf, array, bool, defineSpec, enumOf, int, leadsTo, model, param, range, record, type StateOf } from 'sptecheck'

const Pc = enumOf('ncs', 'setv', 'wait', 'cs')

const vars = (n: number) => ({
  /** Where each process is in its protocol. */
  pc: array(Pc, n),
  /** The level each process has reached (0 = not competing). */
  level: array(int(0, n - 1), n),
  /** victim[l] for l in 1..N-1: the last process to enter level l (index 0 unused). */
  victim: array(int(0, n - 1), n),
})
type State = StateOf<ReturnType<typeof vars>>
const action = actionsOf<State>()

export const filter = defineSpec({
  name: 'filter',
  description: "Peterson's filter lock for N processes (mutual exclusion).",
  params: {
    N: param(int(2, 8), 3, 'the number of processes'),
    bug: param(bool, false, 'the wait guard uses <= instead of <'),
  },
  variants: {
    correct: { description: 'the filter lock as published', set: {} },
    bug: { description: 'wait guard with <=: two processes can meet in cs', set: { bug: true } },
  },
  defaultVariant: 'correct',
  build: ({ N: n, bug }) => {
    const procs = range(0, n)
    const mayAdvance = (s: State, i: number): boolean => {
      const l = s.level[i]!
      if (s.victim[l] !== i) return true
      return procs.every(k => k === i || (bug ? s.level[k]! <= l : s.level[k]! < l))
    }
    return model({
      vars: record(vars(n)),
      init: () => [{ pc: procs.map(() => 'ncs' as const), level: procs.map(() => 0), victim: procs.map(() => 0) }],
      actions: [
        action({
          name: 'Enter', description: 'Process i starts competing at level 1.', params: { i: procs },
          actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'ncs',
          then: (next, _w, { i }) => { next.level[i] = 1; next.pc[i] = 'setv' },
        }),
        action({
          name: 'SetVictim', description: 'Process i names itself the victim of its level.', params: { i: procs },
          actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'setv',
          then: (next, _w, { i }, s) => { next.victim[s.level[i]!] = i; next.pc[i] = 'wait' },
        }),
        action({
          name: 'Advance', description: 'Process i passes its level: into cs from the top level, else one level up.',
          params: { i: procs },
          actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'wait' && mayAdvance(s, i),
          then: (next, _w, { i }, s) => {
            if (s.level[i] === n - 1) next.pc[i] = 'cs'
            else { next.level[i] = s.level[i]! + 1; next.pc[i] = 'setv' }
          },
        }),
        action({
          name: 'Exit', description: 'Process i leaves the critical section.', params: { i: procs },
          actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'cs',
          then: (next, _w, { i }) => { next.level[i] = 0; next.pc[i] = 'ncs' },
        }),
      ],
      invariants: [{
        name: 'MutualExclusion',
        description: 'At most one process is in its critical section.',
        holds: s => s.pc.filter(x => x === 'cs').length <= 1,
      }],
      // Processes run the same code: renaming them renames their pc and level, and the victims.
      symmetry: [{ name: 'processes', size: n, arrays: ['pc', 'level'], values: ['victim[*]'] }],
      // Process 0 stands for all of them (they are symmetric).
      liveness: [leadsTo<State>('NoStarvation', { description: 'A process that starts competing reaches its critical section.' },
        s => s.pc[0] !== 'ncs', s => s.pc[0] === 'cs')],
      fairness: [{ kind: 'weak', per: 'actor' }],
    })
  },
})

export default filter

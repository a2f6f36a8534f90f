/**
 * Lamport's bakery lock for N processes: a complete spec for sptecheck,
 * written as any user would write one, outside this repository.
 *
 *   npx sptecheck check ./bakery.ts                 verified
 *   npx sptecheck check ./bakery.ts --variant bug   two processes in the critical section
 */
import { actionsOf, array, bool, defineSpec, enumOf, int, model, param, range, record, type StateOf } from 'sptecheck'

const vars = (n: number, maxTicket: number) => ({
  pc: array(enumOf('idle', 'doorway', 'picking', 'waiting', 'cs'), n),
  /** choosing[i]: process i is between entering the doorway and taking its ticket. */
  choosing: array(bool, n),
  ticket: array(int(0, maxTicket), n),
  /** The largest ticket process i read in the doorway. */
  seen: array(int(0, maxTicket), n),
  /** The process that waiting process i looks at next (n: it has looked at all). */
  next: array(int(0, n), n),
})
type State = StateOf<ReturnType<typeof vars>>
const action = actionsOf<State>()

export default defineSpec({
  name: 'bakery',
  description: "Lamport's bakery lock, with tickets bounded for model checking.",
  params: {
    N: param(int(2, 4), 2, 'the number of processes'),
    maxTicket: param(int(1, 6), 3, 'the largest ticket number (bounds the state space)'),
    bug: param(bool, false, 'a waiting process does not wait for others to finish choosing'),
  },
  variants: {
    correct: { description: 'the algorithm as published', set: {} },
    bug: { description: 'the choosing flag is ignored', set: { bug: true } },
  },
  defaultVariant: 'correct',
  build: ({ N, maxTicket, bug }) => {
    const ps = range(0, N)
    /** Process j goes first: it holds a smaller ticket, or the same one and a smaller id. */
    const ahead = (s: State, j: number, i: number) =>
      s.ticket[j]! !== 0 && (s.ticket[j]! < s.ticket[i]! || (s.ticket[j] === s.ticket[i] && j < i))
    return model({
      vars: record(vars(N, maxTicket)),
      init: () => [{
        pc: ps.map(() => 'idle' as const), choosing: ps.map(() => false),
        ticket: ps.map(() => 0), seen: ps.map(() => 0), next: ps.map(() => 0),
      }],
      actions: [
        action({
          name: 'Doorway', description: 'Process i raises its choosing flag.', params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'idle' && Math.max(...s.ticket) < maxTicket,
          then: (n, _w, { i }) => { n.choosing[i] = true; n.pc[i] = 'doorway' },
        }),
        action({
          name: 'ReadMax', description: 'Process i reads the largest ticket held.', params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'doorway',
          then: (n, _w, { i }, s) => { n.seen[i] = Math.max(...s.ticket); n.pc[i] = 'picking' },
        }),
        action({
          name: 'TakeTicket', description: 'Process i takes the ticket after the largest it read and lowers its flag.', params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'picking' && s.seen[i]! < maxTicket,
          then: (n, _w, { i }, s) => { n.ticket[i] = s.seen[i]! + 1; n.choosing[i] = false; n.pc[i] = 'waiting'; n.next[i] = 0 },
        }),
        action({
          // The bound: a ticket past maxTicket does not exist in this model, so that behaviour stops here.
          name: 'GiveUp', description: 'Process i read the largest ticket the model allows, so it leaves the doorway without one.',
          params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'picking' && s.seen[i] === maxTicket,
          then: (n, _w, { i }) => { n.choosing[i] = false; n.seen[i] = 0; n.pc[i] = 'idle' },
        }),
        action({
          name: 'Look', description: 'Process i passes process next[i] once that one is not choosing and not ahead of it.',
          params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => {
            const j = s.next[i]!
            return s.pc[i] === 'waiting' && j < N && (bug || !s.choosing[j]) && (j === i || !ahead(s, j, i))
          },
          then: (n, _w, { i }, s) => { n.next[i] = s.next[i]! + 1 },
        }),
        action({
          name: 'Enter', description: 'Process i has passed everyone and enters its critical section.', params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'waiting' && s.next[i] === N,
          then: (n, _w, { i }) => { n.pc[i] = 'cs' },
        }),
        action({
          name: 'Leave', description: 'Process i leaves its critical section and gives its ticket back.', params: { i: ps }, actor: ({ i }) => `p${i}`,
          when: (s, { i }) => s.pc[i] === 'cs',
          then: (n, _w, { i }) => { n.pc[i] = 'idle'; n.ticket[i] = 0; n.seen[i] = 0; n.next[i] = 0 },
        }),
      ],
      invariants: [{
        name: 'MutualExclusion',
        description: 'At most one process is in its critical section.',
        holds: s => s.pc.filter(p => p === 'cs').length <= 1,
      }],
      // Every process idle with no ticket left to take is a proper end, not a deadlock.
      isFinal: s => s.pc.every(p => p === 'idle'),
    })
  },
  matrix: {
    title: 'Bakery verdicts',
    rows: [
      { id: 'correct', variant: 'correct', expect: 'verified', why: 'the choosing flag orders ticket reads against the waiting loop' },
      { id: 'bug', variant: 'bug', expect: ['MutualExclusion'], why: 'a process reads an old maximum, waits for no one, and enters beside a process with the same ticket' },
      { id: 'correct-3', variant: 'correct', set: { N: 3 }, expect: 'verified', why: 'holds for three processes too' },
    ],
  },
})

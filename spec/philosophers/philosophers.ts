/** Dining philosophers, left fork first: the classic deadlock. */
import { actionsOf, array, bool, defineSpec, enumOf, int, model, param, range, record, type StateOf } from 'sptecheck'

const vars = (n: number) => ({
  pc: array(enumOf('think', 'hasleft', 'eat'), n),
  /** fork[i] is taken; philosopher i's left fork is i, the right one (i+1) mod N. */
  fork: array(bool, n),
})
type State = StateOf<ReturnType<typeof vars>>
const action = actionsOf<State>()

export const philosophers = defineSpec({
  name: 'philosophers',
  description: 'N dining philosophers who take the left fork first.',
  params: { N: param(int(2, 20), 5, 'the number of philosophers') },
  variants: { default: { description: 'left fork first, deadlock checking left to the command line', set: {} } },
  defaultVariant: 'default',
  build: ({ N: n }) => {
    const ph = range(0, n)
    const right = (i: number) => (i + 1) % n
    return model({
      vars: record(vars(n)),
      init: () => [{ pc: ph.map(() => 'think' as const), fork: ph.map(() => false) }],
      actions: [
        action({
          name: 'TakeLeft', description: 'Philosopher i picks up the left fork if it is free.', params: { i: ph },
          actor: ({ i }) => `ph${i}`,
          when: (s, { i }) => s.pc[i] === 'think' && !s.fork[i],
          then: (next, _w, { i }) => { next.fork[i] = true; next.pc[i] = 'hasleft' },
        }),
        action({
          name: 'TakeRight', description: 'Philosopher i picks up the right fork if it is free and eats.', params: { i: ph },
          actor: ({ i }) => `ph${i}`,
          when: (s, { i }) => s.pc[i] === 'hasleft' && !s.fork[right(i)],
          then: (next, _w, { i }) => { next.fork[right(i)] = true; next.pc[i] = 'eat' },
        }),
        action({
          name: 'PutDown', description: 'Philosopher i puts both forks down and thinks.', params: { i: ph },
          actor: ({ i }) => `ph${i}`,
          when: (s, { i }) => s.pc[i] === 'eat',
          then: (next, _w, { i }) => { next.fork[i] = false; next.fork[right(i)] = false; next.pc[i] = 'think' },
        }),
      ],
      invariants: [{
        name: 'NeighboursNeverEatTogether',
        description: 'No two neighbouring philosophers eat at the same time.',
        holds: s => ph.every(i => !(s.pc[i] === 'eat' && s.pc[right(i)] === 'eat')),
      }],
    })
  },
})

export default philosophers

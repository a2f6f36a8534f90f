/**
 * A lock-free counter: N threads each add one to a shared counter with a
 * read / compute / compare-and-swap loop. The compute step touches only the
 * thread's own registers, which is what partial-order reduction exploits
 * (SPIN's textbook example of it).
 */
import { actionsOf, array, bool, defineSpec, enumOf, int, model, param, range, record, type StateOf } from 'sptecheck'

const vars = (n: number) => ({
  /** The shared counter. */
  x: int(0, n),
  pc: array(enumOf('read', 'inc', 'cas', 'finished'), n),
  /** What thread t read, and the value it computed from it (its registers). */
  old: array(int(0, n), n),
  val: array(int(0, n), n),
  /** Thread t's compare-and-swap succeeded. */
  done: array(bool, n),
})
type State = StateOf<ReturnType<typeof vars>>
const action = actionsOf<State>()

export const counter = defineSpec({
  name: 'counter',
  description: 'N threads increment a shared counter with a compare-and-swap loop.',
  params: {
    N: param(int(2, 6), 3, 'the number of threads'),
    bug: param(bool, false, 'the store is a plain write, not a compare-and-swap'),
  },
  variants: {
    cas: { description: 'compare-and-swap: no increment is lost', set: {} },
    bug: { description: 'a plain store: two threads can lose an increment', set: { bug: true } },
  },
  defaultVariant: 'cas',
  build: ({ N: n, bug }) => {
    const ts = range(0, n)
    const own = (t: number) => [`pc[${t}]`, `old[${t}]`, `val[${t}]`, `done[${t}]`]
    return model({
      vars: record(vars(n)),
      init: () => [{ x: 0, pc: ts.map(() => 'read' as const), old: ts.map(() => 0), val: ts.map(() => 0), done: ts.map(() => false) }],
      actions: [
        action({
          name: 'Read', description: 'Thread t reads the counter into a register.', params: { t: ts }, actor: ({ t }) => `t${t}`,
          footprint: ({ t }) => ({ reads: ['x', ...own(t)], writes: [`pc[${t}]`, `old[${t}]`], guard: [`pc[${t}]`] }),
          when: (s, { t }) => s.pc[t] === 'read',
          then: (n, _w, { t }, s) => { n.old[t] = s.x; n.pc[t] = 'inc' },
        }),
        action({
          name: 'Inc', description: 'Thread t adds one to its register (no shared memory is touched).', params: { t: ts }, actor: ({ t }) => `t${t}`,
          footprint: ({ t }) => ({ reads: own(t), writes: [`pc[${t}]`, `val[${t}]`], guard: [`pc[${t}]`] }),
          when: (s, { t }) => s.pc[t] === 'inc',
          then: (n, _w, { t }, s) => { n.val[t] = s.old[t]! + 1; n.pc[t] = 'cas' },
        }),
        action({
          name: 'Cas', description: 'Thread t swaps its value in if the counter still holds what it read, else reads again.', params: { t: ts }, actor: ({ t }) => `t${t}`,
          footprint: ({ t }) => ({ reads: ['x', ...own(t)], writes: ['x', ...own(t)], guard: [`pc[${t}]`] }),
          when: (s, { t }) => s.pc[t] === 'cas',
          then: (n, _w, { t }, s) => {
            if (bug || s.x === s.old[t]) { n.x = s.val[t]!; n.pc[t] = 'finished'; n.done[t] = true } else n.pc[t] = 'read'
          },
        }),
      ],
      invariants: [{
        name: 'NoLostIncrement',
        description: 'The counter is never less than the number of threads whose increment is done.',
        reads: ['x', 'done'],
        holds: s => s.x >= s.done.filter(Boolean).length,
      }],
      isFinal: s => s.pc.every(p => p === 'finished'),
      symmetry: [{ name: 'threads', size: n, arrays: ['pc', 'old', 'val', 'done'] }],
    })
  },
})

export default counter

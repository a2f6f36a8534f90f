// A spec that is not the same in a worker thread: its counter stops two steps earlier there.
// Used only to show that the workers-versus-one-thread comparison catches a difference.
import { isMainThread } from 'node:worker_threads'

const action = a => a
export default {
  name: 'thread-dependent', description: 'A counter whose bound depends on the thread it runs in.', params: {},
  build: () => ({
    vars: { kind: 'record', fields: { x: { kind: 'int', min: 0, max: 20 } } },
    init: () => [{ x: 0 }],
    actions: [action({
      name: 'Inc', description: 'x grows.', params: {},
      when: s => s.x < (isMainThread ? 20 : 18),
      then: (n, _w, _p, s) => { n.x = s.x + 1 },
    })],
    invariants: [],
    isFinal: () => true,
  }),
}

// A spec with one more action instance on the main thread than in a worker thread (as a stale compiled
// engine, or a spec that reads its thread, would give). Used only to show that the workers refuse it.
import { isMainThread } from 'node:worker_threads'

const action = a => a
export default {
  name: 'thread-shape', description: 'Counters whose number depends on the thread the spec is built in.', params: {},
  build: () => ({
    vars: { kind: 'record', fields: { x: { kind: 'array', of: { kind: 'int', min: 0, max: 3 }, length: 2 } } },
    init: () => [{ x: [0, 0] }],
    actions: [action({
      name: 'Inc', description: 'Counter i grows.', params: { i: isMainThread ? [0, 1] : [0] },
      when: (s, { i }) => s.x[i] < 3,
      then: (n, _w, { i }) => { n.x[i] += 1 },
    })],
    invariants: [],
    isFinal: () => true,
  }),
}

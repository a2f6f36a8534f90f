// A spec where every run fails after three steps, but the first worker thread (even runs) is slow:
// the second thread finds run 1 long before the first finds run 0. One thread answers run 0, so must two.
import { isMainThread, workerData } from 'node:worker_threads'

const slow = !isMainThread && workerData?.worker === 0
export default {
  name: 'slow-first-thread', description: 'A counter that is slow on the first worker thread.', params: {},
  build: () => ({
    vars: { kind: 'record', fields: { x: { kind: 'int', min: 0, max: 5 } } },
    init: () => [{ x: 0 }],
    actions: [{
      name: 'Inc', description: 'x grows.', params: {},
      when: s => s.x < 5,
      then: (n, _w, _p, s) => { if (slow) { const t = Date.now() + 40; while (Date.now() < t); } n.x = s.x + 1 },
    }],
    invariants: [{ name: 'Small', description: 'x stays below 3.', holds: s => s.x < 3 }],
    isFinal: () => true,
  }),
}

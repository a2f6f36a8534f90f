// Eight counters and two invariants that first fail at the same depth (9), in states the search
// reaches in different orders: which violation a search reports must not depend on the order in
// which it (or its threads) happened to reach them.
const action = a => a
const range = n => Array.from({ length: n }, (_, i) => i)
const sum = xs => xs.reduce((a, b) => a + b, 0)
export default {
  name: 'two-at-one-depth', description: 'Eight counters; two invariants first broken at depth 9.', params: {},
  build: () => ({
    vars: { kind: 'record', fields: { x: { kind: 'array', of: { kind: 'int', min: 0, max: 3 }, length: 8 } } },
    init: () => [{ x: range(8).map(() => 0) }],
    actions: [action({
      name: 'Inc', description: 'Counter i grows by one.', params: { i: range(8) }, actor: ({ i }) => `c${i}`,
      when: (s, { i }) => s.x[i] < 3,
      then: (n, _w, { i }) => { n.x[i] += 1 },
    })],
    invariants: [
      { name: 'HighThreeNotFull', description: 'Counters 5, 6 and 7 are never all full.', holds: s => !(s.x[5] === 3 && s.x[6] === 3 && s.x[7] === 3) },
      { name: 'LowThreeNotFull', description: 'Counters 0, 1 and 2 are never all full.', holds: s => !(s.x[0] === 3 && s.x[1] === 3 && s.x[2] === 3) },
      { name: 'SumBelowTen', description: 'The counters never add up to ten.', holds: s => sum(s.x) !== 10 },
    ],
    isFinal: () => true,
  }),
}

/**
 * `npm run bench`: the validation specs at sizes where speed matters, through
 * the same spec files a user would write. Prints distinct states per second,
 * total time and bytes per stored state. Figures depend on the machine; compare
 * ratios between runs on the same machine.
 */
import os from 'node:os'
import { explore } from '../explorer/explore.js'
import type { ExecutorKind } from '../explorer/executor.js'
import type { Spec } from '../model/spec.js'
import { filter } from '../../spec/filter/filter.js'
import { philosophers } from '../../spec/philosophers/philosophers.js'
import { tdpMmu } from '../../spec/tdp-mmu/tdpMmu.js'
import { resolveParams } from '../model/params.js'

interface Case { spec: Spec; params: Record<string, number | boolean | string>; executor: ExecutorKind }

const tdp = resolveParams(tdpMmu, 'upstream', ['vcpus=3', 'gfns=2', 'depth=2', 'prefetch=true', 'zap=true'])
if (tdp._tag === 'Left') throw new Error(tdp.left)

const cases: Case[] = [
  { spec: filter, params: { N: 6, bug: false }, executor: 'fast' },
  { spec: philosophers, params: { N: 16 }, executor: 'fast' },
  // The flagship model at a mid bound: a larger state (several words) and ~30 action instances.
  { spec: tdpMmu as Spec, params: { ...tdp.right.params }, executor: 'fast' },
  ...(process.argv.includes('--immer') ? [{ spec: filter, params: { N: 5, bug: false }, executor: 'immer' as const }] : []),
]

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}`)
console.log('spec          params        executor  distinct      transitions   time      distinct/s   bytes/state (store, +frontier peak)')
for (const c of cases) {
  const model = c.spec.build(c.params)
  const t0 = process.hrtime.bigint()
  const r = explore(model, { executor: c.executor, deadlock: false })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const peakFrontier = r.stats.frontierBytes
  const d = r.stats.distinctStates
  const params = c.spec === tdpMmu ? 'upstream V3G2D2' : Object.entries(c.params).map(([k, v]) => `${k}=${v}`).join(',')
  console.log([
    c.spec.name.padEnd(13), params.padEnd(13), c.executor.padEnd(9), String(d).padEnd(13),
    String(r.stats.transitions).padEnd(13), `${(ms / 1000).toFixed(2)} s`.padEnd(9),
    `${(d / (ms / 1000) / 1e6).toFixed(2)} M/s`.padEnd(12),
    `${(r.stats.storeBytes / d).toFixed(1)} (+${(peakFrontier / d).toFixed(1)})`, `[${r.verdict}]`,
  ].join(' '))
}

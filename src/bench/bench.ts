/**
 * `npm run bench`: the validation specs and the flagship at sizes where speed
 * matters, through the same spec files a user would write. Prints distinct
 * states per second, total time and bytes per stored state. Figures depend on
 * the machine; compare ratios between runs in one sitting.
 */
import os from 'node:os'
import { check } from '../checker.js'
import type { ExecutorKind } from '../semantics/executor.js'
import { compileVariant } from '../semantics/system.js'
import { builtinSpecs } from '../cli/load.js'

interface Case { label: string; spec: string; variant?: string; set: Record<string, unknown>; executor: ExecutorKind }

const cases: Case[] = [
  { label: 'filter N=6', spec: 'filter', set: { N: 6 }, executor: 'fast' },
  { label: 'philosophers N=16', spec: 'philosophers', set: { N: 16 }, executor: 'fast' },
  // The flagship model at a mid bound: a larger state (several words) and ~30 action instances.
  { label: 'tdp-mmu upstream V3G2D2', spec: 'tdp-mmu', variant: 'upstream', set: { vcpus: 3, gfns: 2, depth: 2, prefetch: true, zap: true }, executor: 'fast' },
  ...(process.argv.includes('--immer') ? [{ label: 'filter N=5 (immer)', spec: 'filter', set: { N: 5 }, executor: 'immer' as const }] : []),
]
const specs = await builtinSpecs()

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'} x${os.cpus().length}, node ${process.version}`)
console.log(`${'case'.padEnd(26)}${'distinct'.padEnd(12)}${'transitions'.padEnd(13)}${'time'.padEnd(10)}${'distinct/s'.padEnd(12)}bytes/state (store, +queue peak)`)
for (const c of cases) {
  const sys = compileVariant(specs.find(s => s.name === c.spec)!, c.variant, c.set, { executor: c.executor })
  const t0 = process.hrtime.bigint()
  const r = check(sys, { deadlock: false })
  const ms = Number(process.hrtime.bigint() - t0) / 1e6
  const d = r.stats.distinctStates
  console.log([
    c.label.padEnd(25), String(d).padEnd(11), String(r.stats.transitions).padEnd(12), `${(ms / 1000).toFixed(2)} s`.padEnd(9),
    `${(d / (ms / 1000) / 1e6).toFixed(2)} M/s`.padEnd(11),
    `${(r.stats.storeBytes / d).toFixed(1)} (+${(r.stats.frontierBytes / d).toFixed(1)})`, `[${r.verdict}${r.stats.exact ? ', exact' : ''}]`,
  ].join(' '))
}

/**
 * `npm run bench [-- GROUP ...]`: the checker's speed, memory and reductions,
 * measured through the command line a user runs (`sptecheck check|simulate
 * --json`), one child process per case so that each peak memory is its own.
 * Times are wall-clock and include start-up (a few tenths of a second).
 * Figures depend on the machine and its load: compare the ratios printed,
 * which are measured in one sitting against the group's first run of the
 * same model and bound (the same arguments but reductions and threads).
 *
 * Groups: speed, workers, reductions, simulate (the default set, minutes);
 * large (the TDP MMU's larger bound, a few minutes more); heavy (4 vCPUs,
 * tens of minutes); peers (SPIN on the same filter lock, when installed:
 * apt-get install spin); `all` for every group.
 */
import { spawnSync } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'

interface Case {
  readonly label: string
  readonly args: readonly string[]
  /** A peer's tool run instead of ours: a shell script beside this file, timed as a whole. */
  readonly peer?: string
}
interface Group {
  readonly name: string
  readonly about: string
  /** Figures measured elsewhere on this machine kind, printed beside ours for comparison. */
  readonly reference?: string
  readonly cases: readonly Case[]
}

const cores = String(os.availableParallelism())
const LARGE = ['--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2', '--set', 'sharedParent=true', '--set', 'prefetch=true', '--set', 'zap=true', '--set', 'busy=true']
const LARGE4 = [...LARGE.slice(0, 1), 'vcpus=4', ...LARGE.slice(2)]
const MID = ['--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2', '--set', 'prefetch=true', '--set', 'zap=true']
const check = (spec: string, ...rest: string[]) => ['check', spec, '--no-deadlock', ...rest]

const groups: readonly Group[] = [
  {
    name: 'speed', about: 'one thread, no reduction: states per second and bytes per stored state',
    cases: [
      { label: 'filter N=6', args: check('filter', '--set', 'N=6', '--workers', '1') },
      { label: 'philosophers N=16', args: check('philosophers', '--set', 'N=16', '--workers', '1') },
      { label: 'tdp-mmu upstream V3G2D2 +prefetch +zap', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1') },
    ],
  },
  {
    name: 'workers', about: `one thread against every core (${cores}); the counts must be equal`,
    cases: [
      { label: 'filter N=6, 1 thread', args: check('filter', '--set', 'N=6', '--workers', '1') },
      { label: `filter N=6, ${cores} threads`, args: check('filter', '--set', 'N=6', '--workers', cores) },
      { label: 'tdp-mmu upstream V3G2D2, 1 thread', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1') },
      { label: `tdp-mmu upstream V3G2D2, ${cores} threads`, args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', cores) },
    ],
  },
  {
    name: 'reductions', about: 'symmetry, partial-order reduction and both, against the plain search (same verdict, fewer states)',
    reference: 'SPIN\'s partial-order reduction stored 3.7 times fewer states than its exhaustive run on a lock-free counter model (issue 8, this machine kind)',
    cases: [
      { label: 'counter N=5', args: check('counter', '--set', 'N=5', '--workers', '1') },
      { label: 'counter N=5 --symmetry', args: check('counter', '--set', 'N=5', '--workers', '1', '--symmetry') },
      { label: 'counter N=5 --por', args: check('counter', '--set', 'N=5', '--workers', '1', '--por') },
      { label: 'counter N=5 --symmetry --por', args: check('counter', '--set', 'N=5', '--workers', '1', '--symmetry', '--por') },
      { label: 'filter N=5', args: check('filter', '--set', 'N=5', '--workers', '1') },
      { label: 'filter N=5 --symmetry', args: check('filter', '--set', 'N=5', '--workers', '1', '--symmetry') },
      { label: 'tdp-mmu upstream V3G2D2', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1') },
      { label: 'tdp-mmu upstream V3G2D2 --symmetry', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1', '--symmetry') },
      { label: 'tdp-mmu upstream V3G2D2 --por', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1', '--por') },
      { label: 'tdp-mmu upstream V3G2D2 --symmetry --por', args: check('tdp-mmu', '--variant', 'upstream', ...MID, '--workers', '1', '--symmetry', '--por') },
    ],
  },
  {
    name: 'simulate', about: 'random walks: steps per second, and the time to find the no-fix race at 4 vCPUs with the larger bound\'s knobs (upstream: nothing in the same budget)',
    reference: 'Quint\'s TypeScript simulator: about 17 k steps/s (issue 9, this machine kind)',
    cases: [
      { label: 'filter N=6', args: ['simulate', 'filter', '--set', 'N=6', '--no-deadlock', '--seed', '1', '--runs', '2000', '--depth', '200'] },
      { label: 'tdp-mmu no-fix V4 large knobs', args: ['simulate', 'tdp-mmu', '--variant', 'no-fix', ...LARGE4, '--seed', '1', '--runs', '1000000', '--depth', '200', '--max-seconds', '120'] },
      { label: 'tdp-mmu upstream V4 large knobs', args: ['simulate', 'tdp-mmu', '--variant', 'upstream', ...LARGE4, '--seed', '1', '--runs', '1000000', '--depth', '200', '--max-seconds', '120'] },
    ],
  },
  {
    name: 'large', about: 'the TDP MMU\'s larger bound (seed patch on the 6.16 backend, 3 vCPUs, 2 GFNs, depth 2, shared parent, prefetch, zap, BUSY), no reduction',
    reference: 'SPIN\'s compiled DFS verifier: 89 s for its own 46.75 M-state model of this bound; the target is at most that time and 2 GB (issue 8, this machine kind)',
    cases: [
      { label: 'seed-patch large, 1 thread', args: check('tdp-mmu', '--variant', 'seed-patch', ...LARGE, '--set', 'tdx=6.16', '--workers', '1') },
      { label: `seed-patch large, ${cores} threads`, args: check('tdp-mmu', '--variant', 'seed-patch', ...LARGE, '--set', 'tdx=6.16', '--workers', cores) },
    ],
  },
  {
    name: 'heavy', about: 'the larger bound with 4 vCPUs, every reduction and every core (the matrix\'s heavy rows); target: verified in 10 minutes and 8 GB each',
    cases: [
      { label: 'seed-patch V4 large', args: check('tdp-mmu', '--variant', 'seed-patch', ...LARGE4, '--set', 'tdx=6.16', '--symmetry', '--por', '--workers', cores) },
      { label: 'upstream V4 large', args: check('tdp-mmu', '--variant', 'upstream', ...LARGE4, '--symmetry', '--por', '--workers', cores) },
    ],
  },
  {
    name: 'peers', about: 'the same model in a peer\'s checker, in the same sitting: SPIN\'s compile-plus-verify (spin -a, gcc, pan) on the filter lock (src/bench/peers/filter.pml, the same states as spec/filter)',
    reference: 'issue 8\'s target: filter N=6 on every core in at most half of SPIN\'s compile-plus-verify time',
    cases: [
      { label: 'filter N=6, sptecheck, every core', args: check('filter', '--set', 'N=6', '--workers', cores) },
      { label: 'filter N=6, SPIN (POR on, its default)', args: ['6', 'reduce'], peer: 'peers/spin.sh' },
    ],
  },
]

const DEFAULT = ['speed', 'workers', 'reductions', 'simulate']
const asked = process.argv.slice(2)
const unknown = asked.filter(a => a !== 'all' && !groups.some(g => g.name === a))
if (unknown.length > 0) {
  process.stderr.write(`bench: unknown group ${unknown.join(', ')}; the groups are ${groups.map(g => g.name).join(', ')}, or all\n`)
  process.exit(64)
}
const chosen = asked.length === 0 ? DEFAULT : asked.includes('all') ? groups.map(g => g.name) : asked
const bin = fileURLToPath(new URL('../../../bin/sptecheck.js', import.meta.url))

interface Measured { readonly wallS: number; readonly json: Record<string, any> }

/** A peer's script: its wall time, and its own report as the line to print. */
function runPeer(c: Case): string {
  const t0 = process.hrtime.bigint()
  const r = spawnSync('sh', [fileURLToPath(new URL(`../../../src/bench/${c.peer}`, import.meta.url)), ...c.args], { encoding: 'utf8' })
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9
  const said = (r.stdout || r.stderr).trim().split('\n')
  return r.status === 0 ? `${wallS.toFixed(1).padStart(6)} s  ${said.join('; ')}` : `not run: ${said.pop()}`
}

function run(c: Case): Measured | string {
  const t0 = process.hrtime.bigint()
  const r = spawnSync(process.execPath, [bin, ...c.args, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 })
  const wallS = Number(process.hrtime.bigint() - t0) / 1e9
  try {
    return { wallS, json: JSON.parse(r.stdout) }
  } catch {
    return `exit ${r.status}: ${(r.stderr || r.stdout).trim().split('\n').pop()}`
  }
}

/** A case's model and bound: its arguments without the reductions and the thread count. */
const seriesOf = (c: Case) => c.args.filter((a, k) => a !== '--symmetry' && a !== '--por' && a !== '--workers' && c.args[k - 1] !== '--workers').join(' ')

const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`
const num = (n: number) => n.toLocaleString('en')

console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown cpu'}, ${cores} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}; load average ${os.loadavg().map(x => x.toFixed(1)).join(' ')}`)
for (const g of groups.filter(x => chosen.includes(x.name))) {
  console.log(`\n## ${g.name}: ${g.about}`)
  if (g.reference) console.log(`   reference: ${g.reference}`)
  const bases = new Map<string, Measured>()
  for (const c of g.cases) {
    if (c.peer !== undefined) { console.log(`  ${c.label.padEnd(44)} ${runPeer(c)}`); continue }
    const m = run(c)
    if (typeof m === 'string') { console.log(`  ${c.label.padEnd(44)} ${m}`); continue }
    const j = m.json
    // A ratio only between runs of the same model and bound: the first such run in the group is the baseline.
    const series = seriesOf(c)
    const base = bases.get(series) ?? m
    bases.set(series, base)
    const vs = m === base ? '' : `  x${(base.wallS / m.wallS).toFixed(2)} speed`
    if (j['mode'] === 'simulate') {
      const found = j['verdict'] === 'violated' ? `${j['property']} found by run ${j['run']} in ${(j['elapsedMs'] / 1000).toFixed(1)} s` : `${j['verdict']} (${j['reason'] ?? `${num(j['runs'])} runs`})`
      console.log(`  ${c.label.padEnd(44)} ${num(j['stepsPerSecond']).padStart(9)} steps/s  ${num(j['steps']).padStart(11)} steps  ${m.wallS.toFixed(1).padStart(6)} s  ${mib(j['peakMemoryBytes']).padStart(9)}  ${found}`)
      continue
    }
    const states = j['distinctStates'] as number
    const fewer = m === base || states === base.json['distinctStates'] ? '' : `  ${(base.json['distinctStates'] / states).toFixed(2)}x fewer states`
    const verdict = `${j['verdict']}${j['exact'] ? ', exact' : ''}${j['workers'] > 1 ? `, ${j['workers']} threads` : ''}`
    console.log(`  ${c.label.padEnd(44)} ${num(states).padStart(11)} states  ${m.wallS.toFixed(1).padStart(6)} s  ${num(Math.round(states / (j['elapsedMs'] / 1000))).padStart(9)}/s  ` +
      `${(j['storeBytes'] / states).toFixed(1).padStart(5)} B/state  ${mib(j['peakMemoryBytes']).padStart(9)} peak  [${verdict}]${vs}${fewer}`)
  }
}

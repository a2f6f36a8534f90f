import { execFileSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { cliIn, oneLine, root } from '../testing/cli.js'

/**
 * A user's own spec, in a folder outside this repository, through every
 * command; and the vocabulary importable, with its types, by package name.
 */
const dir = mkdtempSync(join(tmpdir(), 'spt-user-'))
const bakery = readFileSync(join(root, 'docs/examples/bakery.ts'), 'utf8')
writeFileSync(join(dir, 'bakery.ts'), bakery)
const run = (...args: string[]) => cliIn(dir, ...args)

describe('a spec file outside the repository', () => {
  test('check: verified, and the bug variant violated with a readable chart', () => {
    expect(run('check', './bakery.ts').status).toBe(0)
    const r = run('check', './bakery.ts', '--variant', 'bug', '--format', 'chart')
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/step\s+p0\s+p1/)
  })

  test('replay: the trace records the spec file and replays from another folder', () => {
    mkdirSync(join(dir, 'out'), { recursive: true })
    expect(run('check', './bakery.ts', '--variant', 'bug', '--out', 'out/bug.itf.json').status).toBe(1)
    const doc = JSON.parse(readFileSync(join(dir, 'out/bug.itf.json'), 'utf8'))
    expect(doc['#meta']).toMatchObject({ spec: 'bakery', specModule: '../bakery.ts', variant: 'bug' })
    const r = cliIn(tmpdir(), 'replay', join(dir, 'out/bug.itf.json'))
    expect(r.status).toBe(1)
    expect(r.stdout).toMatch(/reproduces the violation of MutualExclusion/)
  })

  test('list, lint and matrix accept the path', () => {
    expect(run('list', './bakery.ts').stdout).toMatch(/^bakery: Lamport's bakery lock/)
    const lint = run('lint', './bakery.ts')
    expect([lint.status, lint.stdout]).toEqual([0, expect.stringMatching(/lint bakery: no problems/)])
    const m = run('matrix', './bakery.ts', '--traces', join(dir, 'traces'))
    expect(m.status).toBe(0)
    expect(m.stdout).toMatch(/Every verdict is the documented one/)
    expect(readFileSync(join(dir, 'traces/bug/MutualExclusion.chart.txt'), 'utf8')).toMatch(/MutualExclusion violated/)
  })

  test('a JavaScript spec (.mjs) loads the same way', () => {
    const js = join(dir, 'tiny.mjs')
    writeFileSync(js, `import { actionsOf, defineSpec, int, model, record } from 'sptecheck'
const action = actionsOf()
export default defineSpec({
  name: 'tiny', description: 'A counter that stops at three.', params: {},
  build: () => model({
    vars: record({ x: int(0, 3) }), init: () => [{ x: 0 }],
    actions: [action({ name: 'Inc', description: 'x grows by one.', params: {}, when: s => s.x < 3, then: (n, _w, _p, s) => { n.x = s.x + 1 } })],
    invariants: [], isFinal: s => s.x === 3,
  }),
})
`)
    const r = run('check', './tiny.mjs', '--json')
    expect(JSON.parse(r.stdout)).toMatchObject({ spec: 'tiny', verdict: 'verified', distinctStates: 4 })
  })

  test.each([
    ['a syntax error', 'export default {', /spec file .*broken-0\.ts could not be loaded: .*broken-0\.ts:\d+: /, 70],
    ['no default export', 'export const x = 1', /no default export; end the file with `export default defineSpec/, 70],
    ['a missing file', undefined, /spec file \.\/broken-2\.ts does not exist/, 64],
  ] as const)('%s: one line', (_name, text, message, status) => {
    const i = ['a syntax error', 'no default export', 'a missing file'].indexOf(_name)
    if (text !== undefined) writeFileSync(join(dir, `broken-${i}.ts`), text)
    const r = run('check', `./broken-${i}.ts`)
    expect(r.status).toBe(status)
    expect(r.stderr).toMatch(message)
    expect(oneLine(r.stderr)).toBe(true)
  })
})

describe('lint finds what a spec author gets wrong, one line each (exit 70)', () => {
  test('a misspelt action name, a missing description, an impure and a nondeterministic action', () => {
    const bad = bakery
      .replace('      // Every process idle', "      properties: [{ name: 'EnterFromWaiting', description: 'Enter happens from waiting.', actions: ['Entre'], holds: () => true }],\n      // Every process idle")
      .replace("description: 'Process i raises its choosing flag.'", "description: ''")
      .replace("then: (n, _w, { i }, s) => { n.seen[i] = Math.max(...s.ticket); n.pc[i] = 'picking' }", "then: (n, _w, { i }, s) => { (s as State).next[i] = 1; n.seen[i] = Math.max(...s.ticket); n.pc[i] = 'picking' }")
      .replace("then: (n, _w, { i }) => { n.pc[i] = 'cs' }", "then: (n, _w, { i }) => { n.pc[i] = 'cs'; n.next[i] = Math.random() < 0.5 ? 0 : 1 }")
    writeFileSync(join(dir, 'bad.ts'), bad)
    const r = run('lint', './bad.ts', '--variant', 'correct')
    expect(r.status).toBe(70)
    expect(r.stdout).toMatch(/property EnterFromWaiting names an unknown action 'Entre'/)
    expect(r.stdout).toMatch(/Doorway needs a one-sentence description/)
    const fixedNames = bad.replace("actions: ['Entre']", "actions: ['Enter']").replace("description: ''", "description: 'Process i raises its choosing flag.'")
    writeFileSync(join(dir, 'bad2.ts'), fixedNames)
    const r2 = run('lint', './bad2.ts', '--variant', 'correct')
    expect(r2.status).toBe(70)
    expect(r2.stdout).toMatch(/ReadMax\(i=\d\) wrote to the current state s/)
    writeFileSync(join(dir, 'bad3.ts'), fixedNames.replace('(s as State).next[i] = 1; ', ''))
    const r3 = run('lint', './bad3.ts', '--variant', 'correct')
    expect(r3.status).toBe(70)
    expect(r3.stdout).toMatch(/Enter\(i=\d\) (is not deterministic|gives a different successor under the reference)/)
    expect(r3.stdout.trim().split('\n')).toHaveLength(2) // the problem, then the count
  })
})

describe('lint checks a declared symmetry', () => {
  test('the bakery breaks ties by process id, so declaring its processes symmetric is caught', () => {
    writeFileSync(join(dir, 'bakery-sym.ts'), `import spec from './bakery.ts'
import { model } from 'sptecheck'
export default { ...spec, build: (p: any) => model({ ...spec.build(p), symmetry: [{ name: 'processes', size: p.N, arrays: ['pc', 'choosing', 'ticket', 'seen', 'next'] }] }) }
`)
    const r = run('lint', './bakery-sym.ts', '--variant', 'correct')
    expect(r.status).toBe(70)
    expect(r.stdout).toMatch(/symmetry processes: the actions or transition properties tell renamed members apart/)
  })
})

describe("the vocabulary is importable as 'sptecheck', with types", () => {
  test('a project that installed sptecheck type-checks its spec, and a misspelt action name is a type error', () => {
    const proj = mkdtempSync(join(tmpdir(), 'spt-proj-'))
    mkdirSync(join(proj, 'node_modules'))
    // What `npm install /path/to/this/checkout` leaves behind: a link to the package.
    symlinkSync(root, join(proj, 'node_modules', 'sptecheck'), 'dir')
    cpSync(join(root, 'node_modules', '@types'), join(proj, 'node_modules', '@types'), { recursive: true })
    writeFileSync(join(proj, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, skipLibCheck: true }, files: ['bakery.ts'] }))
    writeFileSync(join(proj, 'package.json'), JSON.stringify({ type: 'module' }))
    writeFileSync(join(proj, 'bakery.ts'), bakery)
    const tsc = join(root, 'node_modules/typescript/bin/tsc')
    expect(() => execFileSync(process.execPath, [tsc, '-p', proj], { encoding: 'utf8' })).not.toThrow()
    writeFileSync(join(proj, 'bakery.ts'), bakery.replace("holds: s => s.pc.filter(p => p === 'cs').length <= 1,\n      }],",
      "holds: s => s.pc.filter(p => p === 'cs').length <= 1,\n      }],\n      properties: [{ name: 'P', description: 'A property.', actions: ['Entre'], holds: () => true }],"))
    let out = ''
    try { execFileSync(process.execPath, [tsc, '-p', proj], { encoding: 'utf8' }) } catch (e) { out = String((e as { stdout: string }).stdout) }
    expect(out).toMatch(/'"Entre"' is not assignable to type '"Doorway" \| "ReadMax" \| /)
    // At run time the package's exports resolve in plain Node too.
    const m = join(proj, 'probe.mjs')
    writeFileSync(m, "import { int, record } from 'sptecheck'\nconsole.log(JSON.stringify(record({ x: int(0, 1) })))\n")
    expect(execFileSync(process.execPath, [m], { encoding: 'utf8' })).toMatch(/"kind":"record"/)
  })
})

describe('the README shows the example spec whole', () => {
  test('its ts block is docs/examples/bakery.ts, byte for byte', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8')
    expect(readme).toContain('```ts\n' + bakery + '```\n')
  })
})

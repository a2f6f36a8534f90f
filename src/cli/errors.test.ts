import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { describe, expect, test } from 'vitest'
import { spawnSync } from 'node:child_process'
import { bin, cli, oneLine } from '../testing/cli.js'

/** Every error path a new user met (newcomer probes H3, H4, M1, M3, L2): one line, the right status, no stack. */
const dir = mkdtempSync(`${tmpdir()}/spt-err-`)

describe('output paths are checked before the search', () => {
  const locked = `${dir}/locked`
  mkdirSync(locked)
  // Readable and searchable by everyone, writable by no one but root (the test runs the CLI as nobody when it is root).
  chmodSync(dir, 0o755)
  chmodSync(locked, 0o555)
  const asRoot = process.getuid?.() === 0
  const cases: [string, string, RegExp][] = [
    ['--out', '/nonexistent/dir/t.itf.json', /--out \/nonexistent\/dir\/t\.itf\.json: the folder \/nonexistent\/dir does not exist/],
    ['--out', dir, /--out .* is a folder; give a file name/],
    ['--dump-dot', '/nonexistent/x.dot', /--dump-dot \/nonexistent\/x\.dot: the folder \/nonexistent does not exist/],
    ['--dump-dot', dir, /--dump-dot .* is a folder/],
    ['--out', `${locked}/t.txt`, /cannot write in/],
  ]
  test.each(cases)('%s %s', (flag, path, message) => {
    const t0 = Date.now()
    // A search that would take minutes: refused before it starts. Root may write anywhere, so run as nobody.
    const args = ['check', 'tdp-mmu', '--variant', 'seed-patch', '--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2', '--set', 'zap=true', flag, path]
    const r = asRoot ? asNobody(args) : cli(...args)
    expect(r.status).toBe(64)
    expect(r.stderr).toMatch(message)
    expect(oneLine(r.stderr)).toBe(true)
    expect(r.stdout).toBe('')
    expect(Date.now() - t0).toBeLessThan(20_000)
  })
})

describe('--dump-dot past 10,000 states stops cleanly', () => {
  test('incomplete (exit 3), one reason, no stack, no file', () => {
    const f = `${dir}/big.dot`
    const r = cli('check', 'tdp-mmu', '--variant', 'upstream', '--set', 'vcpus=3', '--set', 'gfns=2', '--set', 'depth=2', '--set', 'zap=true', '--dump-dot', f)
    expect(r.status).toBe(3)
    expect(r.stdout).toMatch(/Incomplete: --dump-dot is for graphs of up to 10,000 states; use --max-states to cap the search/)
    expect(r.stderr).not.toMatch(/\n\s+at /)
    expect(() => readFileSync(f)).toThrow()
  })
})

describe('running out of memory ends as incomplete, with the statistics', () => {
  test('under ulimit -v: exit 3, a line saying memory ran out and how much was in use', async () => {
    const { spawnSync } = await import('node:child_process')
    const { bin } = await import('../testing/cli.js')
    const r = spawnSync('bash', ['-c', `ulimit -v 1150000 && exec "${process.execPath}" "${bin}" check filter --set N=7 --json`], { encoding: 'utf8' })
    expect(r.status).toBe(3)
    const j = JSON.parse(r.stdout)
    expect(j.verdict).toBe('incomplete')
    expect(j.reason).toMatch(/^out of memory: the address-space limit \(ulimit -v\) of \d+ MiB would be passed \(the state store holds \d+ MiB, the process \d+ MiB resident\)/)
    expect(j.distinctStates).toBeGreaterThan(100_000)
    expect(j.memoryBytes).toBeGreaterThan(0)
    expect(r.stderr).not.toMatch(/\n\s+at |Fatal/)
  })
})

describe('--format itf on stdout is one JSON document, so `> file` works', () => {
  test('the summary goes to stderr, and the file replays', () => {
    const r = cli('check', 'tdp-mmu', '--variant', 'no-fix', '--format', 'itf')
    expect(r.status).toBe(1)
    const doc = JSON.parse(r.stdout)
    expect(doc['#meta']).toMatchObject({ format: 'ITF', spec: 'tdp-mmu', property: 'I1k_NoBugOnWasPresent' })
    expect(r.stderr).toMatch(/Violated: I1k_NoBugOnWasPresent/)
    const f = `${dir}/stdout.itf.json`
    writeFileSync(f, r.stdout)
    expect(cli('replay', f).status).toBe(1)
  })
})

describe('replay checks what a trace claims', () => {
  const deadlock = `${dir}/dl.itf.json`
  test('a deadlock trace re-checks the deadlock (exit 2); a truncated one is refused', () => {
    expect(cli('check', 'philosophers', '--out', deadlock).status).toBe(2)
    const r = cli('replay', deadlock)
    expect(r.status).toBe(2)
    expect(r.stdout).toMatch(/reproduces the deadlock/)
    const doc = JSON.parse(readFileSync(deadlock, 'utf8'))
    doc.states.pop()
    const cut = `${dir}/dl-cut.itf.json`
    writeFileSync(cut, JSON.stringify(doc))
    const c = cli('replay', cut)
    expect(c.status).toBe(65)
    expect(c.stderr).toMatch(/claims to end in a deadlock, but .* is enabled in its last state/)
  })

  const nofix = `${dir}/nofix.itf.json`
  const tamper = (name: string, f: (d: any) => void) => {
    if (!readFileSafe(nofix)) cli('check', 'tdp-mmu', '--variant', 'no-fix', '--out', nofix)
    const d = JSON.parse(readFileSync(nofix, 'utf8'))
    f(d)
    const p = `${dir}/${name}.itf.json`
    writeFileSync(p, JSON.stringify(d))
    return cli('replay', p)
  }
  test.each([
    ['unknown variant', (d: any) => { d['#meta'].variant = 'nosuch' }, /#meta\.variant 'nosuch' is not a variant of tdp-mmu/],
    ['params not an object', (d: any) => { d['#meta'].params = 'oops' }, /#meta\.params must be an object/],
    ['an extra variable in vars', (d: any) => { d.vars.push('bogus') }, /"vars" lists bogus, which spec tdp-mmu does not have/],
    ['an extra variable in a state', (d: any) => { d.states[2].bogus = true }, /states\[2\] has bogus, not a variable of the spec/],
    ['a leaf flag flipped where the display hides it', (d: any) => { d.states[5].mirrorLeaf[0].w = !d.states[5].mirrorLeaf[0].w }, /the file has mirrorLeaf\[0\]\.w = (true|false), the spec (false|true)/],
  ])('%s: exit 65, one line', (name, f, message) => {
    const r = tamper(name.replace(/ /g, '-'), f)
    expect(r.status).toBe(65)
    expect(r.stderr).toMatch(message)
    expect(oneLine(r.stderr)).toBe(true)
  })
})

function asNobody(args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, bin, ...args], { encoding: 'utf8', cwd: tmpdir() })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

const readFileSafe = (f: string): boolean => { try { readFileSync(f); return true } catch { return false } }

import { describe, expect, test } from 'vitest'
import { lintSpec } from '../src/cli/lint.js'
import { compileVariant } from '../src/semantics/system.js'
import { specs } from './index.js'
import { tdpMmu } from './tdp-mmu/tdpMmu.js'

/**
 * What every shipped spec promises its readers and its verdicts, checked for
 * every variant and every matrix row's configuration: what `sptecheck lint
 * --rows` checks (names that exist, one-sentence descriptions, parameters in
 * their domains, every transition of a thorough search deterministic, pure
 * and round-trip encoded, and a declared symmetry or footprint that holds).
 */
describe.each(specs.map(s => [s.name, s] as const))('%s', (_name, spec) => {
  test('lint finds no problem', () => {
    const r = lintSpec(spec, { maxStates: 3000, rows: true })
    expect(r.problems).toEqual([])
    expect(r.statesChecked).toBeGreaterThan(0)
  })
})

describe('the contract can fail: a misspelt action name in a property is caught', () => {
  test('I1 bound to an action that does not exist', () => {
    const broken = {
      ...tdpMmu,
      build: (k: Parameters<typeof tdpMmu.build>[0]) => {
        const m = tdpMmu.build(k)
        return { ...m, properties: m.properties!.map(p => (p.name === 'I1_AugOnlyOnFreeLeaf' ? { ...p, actions: ['SetExternalSPTE'] } : p)) }
      },
    }
    const r = lintSpec(broken as never, { variant: 'no-fix' })
    expect(r.problems.join('\n')).toMatch(/property I1_AugOnlyOnFreeLeaf names an unknown action 'SetExternalSPTE'/)
    expect(() => compileVariant(broken as never, 'no-fix')).toThrow(/unknown action 'SetExternalSPTE'/)
  })
})

describe('the contract can fail: a matrix row expecting what the model cannot report is caught', () => {
  const withRows = (rows: NonNullable<typeof tdpMmu.matrix>['rows']) => ({ ...tdpMmu, matrix: { ...tdpMmu.matrix!, rows } })
  test('a misspelt expected property', () => {
    const r = lintSpec(withRows([{ id: 'typo', variant: 'no-fix', expect: ['I4_NoKVMBug'], why: 'a typo.' }]) as never, { variant: 'no-fix', maxStates: 200, rows: true })
    expect(r.problems.join('\n')).toMatch(/matrix row typo: expects a violation of 'I4_NoKVMBug', which the model does not have/)
  })
  test('a liveness violation expected from a row that does not search for it', () => {
    const r = lintSpec(withRows([{ id: 'no-search', variant: 'no-fix', expect: ['L2_GuestFinishes'], why: 'L2 without --liveness.' }]) as never, { variant: 'no-fix', maxStates: 200, rows: true })
    expect(r.problems.join('\n')).toMatch(/matrix row no-search: expects a violation of the liveness property 'L2_GuestFinishes', but does not search with liveness: true/)
  })
})

describe('tdp-mmu: every action cites the kernel (or TDX module) function it models', () => {
  const sys = compileVariant(tdpMmu, 'upstream', { depth: 2, prefetch: true, zap: true, dirtyLog: 'wrprot', busy: true, staleCheck: 'on' })
  test.each(sys.model.actions.map(a => [a.name, a.source ?? '']))('%s', (_n, source) => {
    expect(source).toMatch(/\(\)|TDX module|TDH\.|tdh_|TDG\./)
  })
})

/**
 * What a model must get right before any state is explored: every name it
 * refers to exists. A transition property bound to a misspelt action would
 * otherwise never be evaluated, and the search would say `verified`.
 * TypeScript sees most of these; this is for specs in JavaScript, and for
 * names built at run time.
 */
import type { Model } from '../model/spec.js'
import { SpecError } from './specError.js'

/** Every problem with the model's names, one sentence each. */
export function modelProblems<S>(model: Model<S>): string[] {
  const out: string[] = []
  const actions = new Set<string>()
  const seen = new Map<string, string>()
  const named = (kind: string, name: unknown) => {
    if (typeof name !== 'string' || name === '') { out.push(`a ${kind} has no name`); return }
    const before = seen.get(name)
    if (before !== undefined) out.push(`the name ${name} is used by more than one ${before === kind ? kind : `${before} and ${kind}`}`)
    seen.set(name, kind)
  }
  for (const a of model.actions) { named('action', a.name); actions.add(a.name) }
  for (const i of model.invariants) named('invariant', i.name)
  for (const p of model.properties ?? []) named('property', p.name)
  for (const l of model.liveness ?? []) named('liveness property', l.name)
  for (const f of model.fairness ?? []) for (const a of f.actions ?? []) if (!actions.has(a)) out.push(`a fairness assumption names an unknown action '${a}'`)

  const known = [...actions].join(', ')
  for (const p of model.properties ?? []) {
    if (p.actions !== undefined && p.actions.length === 0) out.push(`property ${p.name} constrains no action (omit 'actions' to constrain every action)`)
    for (const a of p.actions ?? []) if (!actions.has(a)) out.push(`property ${p.name} names an unknown action '${a}'; the actions are: ${known}`)
  }
  const view = model.view ?? {}
  for (const a of Object.keys(view.narrate ?? {})) if (!actions.has(a)) out.push(`the view narrates an unknown action '${a}'; the actions are: ${known}`)
  for (const a of Object.keys(view.calls ?? {})) if (!actions.has(a)) out.push(`the view's calls table names an unknown action '${a}'; the actions are: ${known}`)

  const vars = new Set(Object.keys(model.vars.fields))
  const varList = [...vars].join(', ')
  const checkVar = (where: string, v: string) => { if (!vars.has(v)) out.push(`${where} names an unknown variable '${v}'; the variables are: ${varList}`) }
  for (const v of Object.keys(view.format ?? {})) checkVar('the view\'s format table', v)
  for (const o of view.observers ?? []) for (const v of o.vars) checkVar(`the view's observer column ${o.column}`, v)
  for (const v of view.hideInChart ?? []) checkVar('the view\'s hideInChart list', v)
  return out
}

export function validateModel<S>(model: Model<S>): void {
  const problems = modelProblems(model)
  if (problems.length > 0) throw new SpecError(problems.join('; '))
}

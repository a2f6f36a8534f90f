/**
 * Property machinery shared outside the explorer's hot loop: evaluating a
 * transition property on one step, and finding the first property a whole
 * behaviour violates (replay, trace reordering, tests).
 */
import type { Model, Step, TransitionProperty } from '../model/spec.js'

/** A transition property on one step; true for steps of actions it does not constrain. */
export const stepHolds = <S>(p: TransitionProperty<S>, s: S, step: Step, next: S): boolean =>
  p.actions !== undefined && !p.actions.includes(step.action) ? true : p.holds(s, step, next)

/**
 * The first violation along a behaviour: states[0] is initial and steps[i-1]
 * leads from states[i-1] to states[i]. At each index, the step's transition
 * properties come before the state's invariants, the order the explorer uses.
 */
export function firstViolation<S>(model: Model<S>, states: readonly S[], steps: readonly Step[]): { property: string; at: number } | undefined {
  return violationsAlong(model, states, steps)[0]
}

/** Every property a behaviour violates, each at its first violation, in the order they occur. */
export function violationsAlong<S>(model: Model<S>, states: readonly S[], steps: readonly Step[]): { property: string; at: number }[] {
  const found = new Map<string, number>()
  for (let i = 0; i < states.length; i++) {
    if (i > 0) {
      for (const p of model.properties ?? []) {
        if (!found.has(p.name) && !stepHolds(p, states[i - 1]!, steps[i - 1]!, states[i]!)) found.set(p.name, i)
      }
    }
    for (const inv of model.invariants) if (!found.has(inv.name) && !inv.holds(states[i]!)) found.set(inv.name, i)
  }
  return [...found].map(([property, at]) => ({ property, at }))
}

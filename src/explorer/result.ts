import type { Value } from '../model/spec.js'

/** One step of a behaviour; the first step is the initial state (action `Init`). */
export interface TraceStep<S> {
  readonly action: string
  readonly params: Readonly<Record<string, Value>>
  /** Index into the action-instance table; -1 for the initial state. */
  readonly instance: number
  readonly state: S
}
export type Trace<S> = readonly TraceStep<S>[]

export interface ActionStats {
  readonly name: string
  /** Transitions this action produced (enabled instances fired). */
  generated: number
  /** Of those, how many reached a state seen for the first time. */
  distinct: number
}

export interface Stats {
  distinctStates: number
  /** Successors computed, duplicates included (TLC's "states generated" less the initial states). */
  transitions: number
  /** Length of the longest shortest path from an initial state (BFS level reached). */
  depth: number
  queue: number
  elapsedMs: number
  actions: ActionStats[]
  outDegreeMin: number
  outDegreeMax: number
  /** Bytes held by the seen set, parent and action arrays (the frontier is counted in `frontierBytes`). */
  storeBytes: number
  /** Most bytes the frontier (the BFS queue) held at once. */
  frontierBytes: number
  /** Probability of a fingerprint collision (0: the seen set is exact). */
  collisionProbability: number
}

/** One violated property with a shortest behaviour that violates it. */
export interface Violation<S> {
  readonly property: string
  readonly description: string
  /** A state invariant, or a transition property (violated by the last step). */
  readonly kind: 'invariant' | 'property'
  readonly trace: Trace<S>
}

export type Verdict = 'verified' | 'violated' | 'deadlock' | 'incomplete' | 'spec-error'

export type CheckResult<S> =
  | { readonly verdict: 'verified'; readonly stats: Stats }
  | (Violation<S> & {
      readonly verdict: 'violated'
      /** Every violated property found, the first (the one above) included; more than one only with `continue`. */
      readonly violations: readonly Violation<S>[]
      /** Whether the search went on to the end (`continue` without a limit hit). */
      readonly exhaustive: boolean
      readonly stats: Stats
    })
  | { readonly verdict: 'deadlock'; readonly trace: Trace<S>; readonly stats: Stats }
  | { readonly verdict: 'incomplete'; readonly reason: string; readonly stats: Stats }
  | { readonly verdict: 'spec-error'; readonly message: string; readonly trace?: Trace<S>; readonly stats: Stats }

import type { Bindings } from '../model/spec.js'
import type { PropertyRef } from '../semantics/system.js'

/** One step of a behaviour; the first step is the initial state (action `Init`). */
export interface TraceStep<S> {
  readonly action: string
  readonly params: Bindings
  /** Index into the action-instance table; -1 for the initial state. */
  readonly instance: number
  readonly state: S
}
export type Trace<S> = readonly TraceStep<S>[]

/**
 * A behaviour as the search found it: store ids, from an initial state. A
 * transition property is violated by a step whose target may not be stored
 * (it was seen before, or the search stopped): that step is `last`.
 */
export interface Path {
  readonly ids: readonly number[]
  readonly last?: { readonly instance: number; readonly words: Uint32Array }
}

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
  /** Bytes held by the state store (keys, parents, instance ids and its index). */
  storeBytes: number
  /** Most bytes the queue held at once (0 when the store keeps states whole and the queue is a range of ids). */
  frontierBytes: number
  /** Resident memory of the process when the statistics were taken. */
  memoryBytes: number
  /** Whether states are stored whole, so that no two distinct states can be confused. */
  exact: boolean
  /** The reductions in force: one state per orbit of these symmetric sets (empty: none). */
  symmetry: string[]
  /** With partial-order reduction: how many states were expanded by an ample set, and how many instances may ever be ample. */
  por?: { reduced: number; candidates: number }
  /** Probability of a fingerprint collision (0 when exact). */
  collisionProbability: number
  /** Threads that expanded states (absent: one). */
  workers?: number
}

/**
 * The order violations are listed in, whatever the threads: shortest first;
 * at equal length, transition properties before invariants (a step is
 * checked before the state it reaches), each kind in declaration order.
 */
function byLength(a: Finding, b: Finding): number {
  const length = (f: Finding) => f.path.ids.length + (f.path.last ? 1 : 0)
  return length(a) - length(b) || Number(a.property.kind === 'invariant') - Number(b.property.kind === 'invariant') || a.property.index - b.property.index
}

/** One violated property, as the search found it. */
export interface Finding {
  readonly property: PropertyRef
  readonly path: Path
}

/** What a search strategy returns: behaviours as paths, not yet materialised. */
export type SearchResult =
  | { readonly verdict: 'verified'; readonly stats: Stats }
  | { readonly verdict: 'violated'; readonly found: readonly Finding[]; readonly exhaustive: boolean; readonly reason?: string; readonly stats: Stats }
  | { readonly verdict: 'deadlock'; readonly path: Path; readonly stats: Stats }
  | { readonly verdict: 'incomplete'; readonly reason: string; readonly stats: Stats }
  | { readonly verdict: 'spec-error'; readonly message: string; readonly path?: Path; readonly stats: Stats }

/**
 * How a search ends, from the violations it found (by property name) and why it stopped. The findings are
 * ordered by byLength, so the answer does not depend on the order states were reached in (threads find a
 * level's violations in an order that depends on timing); without `continue` the answer is the least of
 * them. A violation found is a definite answer even when a limit cut the rest of the search.
 */
export function searchOutcome(found: ReadonlyMap<string, Finding>, verdict: 'verified' | 'incomplete' | 'violated', reason: string, keepGoing: boolean, stats: Stats): SearchResult {
  const sorted = [...found.values()].sort(byLength)
  const shown = keepGoing ? sorted : sorted.slice(0, 1)
  return shown.length > 0
    ? { verdict: 'violated', found: shown, exhaustive: verdict === 'verified', ...(verdict === 'incomplete' ? { reason } : {}), stats }
    : verdict === 'verified' ? { verdict, stats }
    : { verdict: 'incomplete', reason, stats }
}

/** One violated property with a shortest behaviour that violates it. */
export interface Violation<S> {
  readonly property: string
  readonly description: string
  /** A state invariant, a transition property (violated by the last step), or a liveness property (a lasso). */
  readonly kind: 'invariant' | 'property' | 'liveness'
  readonly trace: Trace<S>
  /** For a lasso: after the last state the behaviour goes back to state `at`, by instance `closing` (or by stuttering). */
  readonly loop?: { readonly at: number; readonly closing?: number }
  /** For a lasso: what its loop relies on (who acts, who waits and why fairness allows it). */
  readonly notes?: readonly string[]
}

/** A liveness property's outcome: it holds (for the bounds and the fairness stated), or a lasso violates it. */
export interface LivenessVerdict {
  readonly property: string
  readonly description: string
  readonly verdict: 'holds' | 'violated'
}

export type Verdict = 'verified' | 'violated' | 'deadlock' | 'incomplete' | 'spec-error'

/** A check's outcome with its behaviours materialised as traces (states, actions, parameters). */
export type CheckResult<S> =
  | { readonly verdict: 'verified'; readonly stats: Stats; readonly liveness?: readonly LivenessVerdict[]; readonly fairness?: readonly string[] }
  | (Violation<S> & {
      readonly verdict: 'violated'
      /** Every violated property found, the first (the one above) included; more than one only with `continue`. */
      readonly violations: readonly Violation<S>[]
      /** Whether the search went on to the end (`continue` without a limit hit): if not, the list may be partial. */
      readonly exhaustive: boolean
      /** Why a `continue` search stopped early. */
      readonly reason?: string
      readonly stats: Stats
      /** With --liveness: every liveness property's outcome, and the fairness assumed. */
      readonly liveness?: readonly LivenessVerdict[]
      readonly fairness?: readonly string[]
    })
  | { readonly verdict: 'deadlock'; readonly trace: Trace<S>; readonly stats: Stats }
  | { readonly verdict: 'incomplete'; readonly reason: string; readonly stats: Stats }
  | { readonly verdict: 'spec-error'; readonly message: string; readonly trace?: Trace<S>; readonly stats: Stats }

export const emptyStats = (): Stats => ({
  distinctStates: 0, transitions: 0, depth: 0, queue: 0, elapsedMs: 0, actions: [], outDegreeMin: 0,
  outDegreeMax: 0, storeBytes: 0, frontierBytes: 0, memoryBytes: process.memoryUsage.rss(), exact: true, symmetry: [], collisionProbability: 0,
})

/**
 * The spec vocabulary. A spec reads like a TLA+ module:
 *   CONSTANTS  -> `params` (with defaults and allowed values) and named `variants`
 *   VARIABLES  -> `vars`, a record of finite domains (the type is TypeOK)
 *   Init       -> `init`
 *   Next       -> `actions`: named, parameterised, a guard (`when`) then an update (`then`)
 *   Inv        -> `invariants`, and [][P]_v  -> `properties` over (s, action, s')
 */
import type { Domain, Infer, RecordDomain } from './domain.js'

export type Value = string | number | boolean

/** A spec parameter (a TLA+ CONSTANT), set with `--set key=value`. */
export type ParamDecl =
  | { readonly kind: 'int'; readonly default: number; readonly min: number; readonly max: number; readonly description: string }
  | { readonly kind: 'bool'; readonly default: boolean; readonly description: string }
  | { readonly kind: 'enum'; readonly default: string; readonly values: readonly string[]; readonly description: string }

export type ParamValues = Readonly<Record<string, Value>>

export interface Variant {
  readonly description: string
  /** Parameters this preset sets; the rest keep their defaults. */
  readonly set: ParamValues
}

/** One named action of the next-state relation, parameterised like a Murphi ruleset. */
export interface Action<S, P = Record<string, Value>, W = unknown> {
  readonly name: string
  /** One sentence: what happens, in the domain's words. */
  readonly description: string
  /** The kernel (or other) function this action models, with its version. */
  readonly source?: string
  /** Parameter domains; the explorer enumerates their cartesian product once. */
  readonly params: { readonly [K in keyof P]: readonly P[K][] }
  /** Which thread takes the step (for charts and switch counting), e.g. `vCPU1`. */
  readonly actor?: (p: P) => string
  /** The observer column this action calls into (e.g. the TDX module for a SEAMCALL), drawn as a call even when nothing there changes. */
  readonly calls?: string
  /** A short phrase for charts, e.g. `read leaf g0 = {W,A,D}`; the action name is used without it. */
  readonly narrate?: (s: S, p: P, next: S) => string
  /** Enabling condition. Returns what `then` needs, or undefined/false when disabled. */
  readonly when: (s: S, p: P) => W | undefined | false
  /** The primed update: write `next`, read `s` (the unprimed state). */
  readonly then: (next: S, w: Exclude<W, undefined | false>, p: P, s: S) => void
}

export interface Invariant<S> {
  readonly name: string
  /** One sentence, present tense; printed when the invariant is violated. */
  readonly description: string
  /** Why it must hold, with the kernel code that relies on it (for the generated catalogue). */
  readonly rationale?: string
  readonly holds: (s: S) => boolean
}

/** The step a transition property sees. */
export interface Step<P = Record<string, Value>> {
  readonly action: string
  readonly params: P
}

/** A property of every transition (TLA+'s [][P]_v): checked on (s, step, s'). */
export interface TransitionProperty<S> {
  readonly name: string
  readonly description: string
  readonly rationale?: string
  /** The actions whose steps it constrains; it is evaluated on those only. Omit for every action. */
  readonly actions?: readonly string[]
  readonly holds: (s: S, step: Step, next: S) => boolean
}

/** A spec instantiated at one parameter assignment. */
export interface Model<S> {
  readonly vars: RecordDomain<S>
  readonly init: () => readonly S[]
  readonly actions: readonly Action<S, any, any>[]
  readonly invariants: readonly Invariant<S>[]
  readonly properties?: readonly TransitionProperty<S>[]
  /**
   * States where having no enabled action is a proper end (every program
   * finished), not a deadlock. Without it every such state is a deadlock.
   */
  readonly isFinal?: (s: S) => boolean
  /** How traces show this model; everything in it is optional. */
  readonly display?: Display
}

/** Presentation of states in traces and charts. */
export interface Display {
  /** Renders one element of an array variable (or the whole variable) compactly, e.g. an SPTE as `{W,A,D}`. */
  readonly format?: Readonly<Record<string, (value: any) => string>>
  /** Chart columns in order; actors not listed are added after them. */
  readonly columns?: readonly string[]
  /** Variables shown in a column of their own rather than the acting thread's, e.g. the TDX module's S-EPT. */
  readonly observers?: readonly { readonly column: string; readonly vars: readonly string[] }[]
  /** Variables left out of charts (a thread's own bookkeeping). Text traces still show them. */
  readonly hideInChart?: readonly string[]
}

export interface Spec<S = any> {
  readonly name: string
  readonly description: string
  readonly params: Readonly<Record<string, ParamDecl>>
  readonly variants?: Readonly<Record<string, Variant>>
  /** Variant used when none is named. */
  readonly defaultVariant?: string
  /** The kinds of actor the spec's actions name, in column order (for charts). */
  readonly build: (p: ParamValues) => Model<S>
}

/** Identity helper that ties an action's parameter and selection types together. */
export const actionsOf = <S>() =>
  <P extends Record<string, Value>, W>(a: Action<S, P, W>): Action<S, P, W> => a

/** The state type of a record of variable domains. */
export type StateOf<V extends { readonly [k: string]: Domain }> = { -readonly [K in keyof V]: Infer<V[K]> }

export const range = (from: number, toExclusive: number): number[] =>
  Array.from({ length: Math.max(0, toExclusive - from) }, (_, i) => from + i)

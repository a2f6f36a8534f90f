/**
 * The spec vocabulary. A spec reads like a TLA+ module:
 *   CONSTANTS  -> `params`, each a domain with a default, and named `variants`
 *   VARIABLES  -> `vars`, a record of finite domains (the type is TypeOK)
 *   Init       -> `init`
 *   Next       -> `actions`: named, parameterised, a guard (`when`) then an update (`then`)
 *   Inv        -> `invariants`, and [][P]_v  -> `properties` over (s, step, s')
 *
 * Action names are a string union the compiler sees: a property or a view that
 * names an action that does not exist is a type error, and `compile` refuses
 * it at run time too (for specs written in JavaScript).
 */
import type { Domain, Infer, RecordDomain } from './domain.js'
import type { ParamDecls, ParamsOf, ParamValues, Value, Variant } from './params.js'

export type { Value, ParamValues } from './params.js'
export type Bindings = Readonly<Record<string, Value>>

/** One named action of the next-state relation, parameterised like a Murphi ruleset. */
export interface Action<S, P = Record<string, Value>, W = unknown, N extends string = string> {
  readonly name: N
  /** One sentence: what happens, in the domain's words. */
  readonly description: string
  /** The code this action models, with its version (a kernel function, a TDX module flow). */
  readonly source?: string
  /** Parameter domains; the explorer enumerates their cartesian product once. */
  readonly params: { readonly [K in keyof P]: readonly P[K][] }
  /** The process that takes the step, e.g. `vCPU1`: chart columns, switch counting, fairness. */
  readonly actor?: (p: P) => string
  /**
   * Whether this configuration has the action at all (default true). An action
   * that does not exist is never instantiated, but its name stays valid for
   * properties and views, which are written once for every configuration.
   */
  readonly exists?: boolean
  /**
   * What the action may read (its guard included) and write, for partial-order
   * reduction: variable paths such as `thread[1]`, `mirrorLeaf` or
   * `zapper.pc` (a path covers everything under it), as a function of the
   * parameters. Writes are checked on every step; `lint` checks reads. An
   * action without one is taken to read and write everything.
   */
  readonly footprint?: (p: P) => Footprint
  /** Enabling condition. Returns what `then` needs, or undefined/false when disabled. Reads `s` only. */
  readonly when: (s: S, p: P) => W | undefined | false
  /** The primed update: write `next`, read `s` (the unprimed state, read-only). */
  readonly then: (next: S, w: Exclude<W, undefined | false>, p: P, s: S) => void
}

/**
 * Variable paths an action reads and writes (see Action.footprint), and what
 * its guard alone reads (default: all of `reads`): what another thread would
 * have to write to enable or disable it.
 */
export interface Footprint { readonly reads: readonly string[]; readonly writes: readonly string[]; readonly guard?: readonly string[] }

export interface Invariant<S> {
  readonly name: string
  /** One sentence, present tense; printed when the invariant is violated. */
  readonly description: string
  /** Why it must hold, with the code that relies on it (for generated catalogues). */
  readonly rationale?: string
  /** The variables it reads, as paths (partial-order reduction keeps steps that write them visible); omitted: every variable. */
  readonly reads?: readonly string[]
  readonly holds: (s: S) => boolean
}

/** The step a transition property sees. */
export interface Step<A extends string = string> {
  readonly action: A
  readonly params: Bindings
}

/** A property of every transition (TLA+'s [][P]_v): checked on (s, step, s'). */
export interface TransitionProperty<S, A extends string = string> {
  readonly name: string
  readonly description: string
  readonly rationale?: string
  /** The actions whose steps it constrains; it is evaluated on those only. Omit for every action. */
  readonly actions?: readonly A[]
  /** The variables it reads, as paths (see Invariant.reads); omitted: every variable. */
  readonly reads?: readonly string[]
  holds(s: S, step: Step<A>, next: S): boolean
}

/** How traces show a model: presentation only, never semantics. */
export interface View<S, A extends string = string> {
  /** Renders one element of an array variable (or the whole variable), e.g. an SPTE as `{W,A,D}`. */
  readonly format?: Readonly<Record<string, (value: any) => string>>
  /** Chart columns in order; actors not listed are added after them. */
  readonly columns?: readonly string[]
  /** Variables shown in a column of their own rather than the acting thread's, e.g. the TDX module's S-EPT. */
  readonly observers?: readonly { readonly column: string; readonly vars: readonly string[] }[]
  /** Variables left out of charts (a thread's own bookkeeping). Text traces still show them. */
  readonly hideInChart?: readonly string[]
  /** A short phrase per step for charts, e.g. `read leaf g0 = {W,A,D}`; the action name is used without it. */
  readonly narrate?: { readonly [K in A]?: (s: S, p: any, next: S) => string }
  /** The observer column an action calls into (a SEAMCALL into the TDX module), drawn even when nothing there changes. */
  readonly calls?: { readonly [K in A]?: string }
}

/** A spec instantiated at one parameter assignment. */
export interface Model<S, A extends string = string> {
  readonly vars: RecordDomain<S>
  readonly init: () => readonly S[]
  readonly actions: readonly Action<S, any, any, A>[]
  readonly invariants: readonly Invariant<S>[]
  readonly properties?: readonly TransitionProperty<S, NoInfer<A>>[]
  /**
   * States where having no enabled action is a proper end (every program
   * finished), not a deadlock. Without it every such state is a deadlock.
   */
  readonly isFinal?: (s: S) => boolean
  readonly view?: View<S, NoInfer<A>>
  /**
   * Index sets whose members are interchangeable (Murphi's scalarsets): every
   * property and action treats member i as it treats member j. `--symmetry`
   * then stores one state per orbit.
   */
  readonly symmetry?: readonly Symmetry[]
  /** Temporal properties (`--liveness`): eventually, leads-to, always-eventually, over states. */
  readonly liveness?: readonly Liveness<S>[]
  /** The fairness the liveness properties assume (TLA+'s WF and SF), per action, per actor or per instance. */
  readonly fairness?: readonly Fairness<NoInfer<A>>[]
  /**
   * Actors that model the environment (a zapper, a dirty logger): a lasso whose
   * loop needs one of them to act forever is reported with that said.
   */
  readonly environment?: readonly string[]
}

/**
 * A temporal property of behaviours, checked with `--liveness` under the
 * model's fairness: `eventually` (TLA+'s <>P, from the initial states),
 * `leadsTo` (P ~> Q: whenever P holds, Q holds then or later) and
 * `alwaysEventually` ([]<>P: P holds infinitely often).
 */
export type Liveness<S> =
  | { readonly kind: 'eventually' | 'alwaysEventually'; readonly name: string; readonly description: string; readonly rationale?: string; readonly p: (s: S) => boolean }
  | { readonly kind: 'leadsTo'; readonly name: string; readonly description: string; readonly rationale?: string; readonly p: (s: S) => boolean; readonly q: (s: S) => boolean }

type About = { readonly description: string; readonly rationale?: string }
/** <>P: every behaviour reaches a state where `p` holds. */
export const eventually = <S>(name: string, about: About, p: (s: S) => boolean): Liveness<S> => ({ kind: 'eventually', name, ...about, p })
/** P ~> Q: from every state where `p` holds, every behaviour reaches one where `q` holds (the same state counts). */
export const leadsTo = <S>(name: string, about: About, p: (s: S) => boolean, q: (s: S) => boolean): Liveness<S> => ({ kind: 'leadsTo', name, ...about, p, q })
/** []<>P: `p` holds infinitely often on every behaviour. */
export const alwaysEventually = <S>(name: string, about: About, p: (s: S) => boolean): Liveness<S> => ({ kind: 'alwaysEventually', name, ...about, p })

/**
 * A fairness assumption: weak (WF: an action enabled continuously from some
 * point on is eventually taken) or strong (SF: one enabled infinitely often
 * is taken infinitely often). `actions` lists the actions it covers (default:
 * all); `per` says how they are grouped into separate assumptions: one per
 * actor (each thread is scheduled fairly: TLA+'s WF_vars(Next_i)), one per
 * action instance, or one for all of them together.
 */
export interface Fairness<A extends string = string> {
  readonly kind: 'weak' | 'strong'
  readonly actions?: readonly A[]
  readonly per?: 'actor' | 'instance' | 'all'
}

/**
 * A symmetric index set: members 0..size-1. Permuting them permutes, together,
 * the elements of every listed array (element offset+i belongs to member i)
 * and every listed scalar whose value names a member (offset+i names member
 * i; other values, such as a "none", are left alone). Paths name variables as
 * traces do (`thread`, `lock.owner`); `[*]` stands for every index
 * (`thread[*].peer`).
 */
export interface Symmetry {
  /** For messages, e.g. `vCPUs`. */
  readonly name: string
  readonly size: number
  readonly arrays: readonly (string | { readonly path: string; readonly offset?: number })[]
  readonly values?: readonly (string | { readonly path: string; readonly offset?: number })[]
}

/** Ties a model's action names to its properties and view, so a misspelt name is a type error. */
export const model = <S, A extends string>(m: Model<S, A>): Model<S, A> => m

/** One row of a spec's verdict matrix: a configuration and the verdict documented for it. */
export interface MatrixRow<P = ParamValues> {
  /** Stable id; names the folder of its traces. */
  readonly id: string
  readonly variant?: string
  /** Parameters on top of the variant. */
  readonly set?: Partial<P>
  /** 'verified', or exactly the properties the search finds violated, in the order found. */
  readonly expect: 'verified' | readonly string[]
  /** Why this verdict, in the domain's words. */
  readonly why: string
  /** Minutes rather than seconds: run by the full test tier only, and no traces written. */
  readonly large?: boolean
  /**
   * Past the test budget (the 4-vCPU bounds): run by `npm start` (the matrix
   * command) and the benchmarks, never by the test tiers; no traces written.
   */
  readonly heavy?: boolean
  /** How the row is searched, when not plainly: the reductions and threads it needs, or the liveness check. */
  readonly search?: MatrixSearch
}

/** A matrix row's search options, as the command line's flags of the same names. */
export interface MatrixSearch {
  readonly symmetry?: boolean
  readonly por?: boolean
  /** Check the spec's liveness properties too (one thread, whole graph, no reduction). */
  readonly liveness?: boolean
  /** Worker threads; 'all' is every core. Counts are those of one thread. */
  readonly workers?: number | 'all'
}

export interface Matrix<P = ParamValues> {
  readonly title: string
  readonly rows: readonly MatrixRow<P>[]
  /** A short rendering of a row's bounds for tables, e.g. `V=2 G=1 +prefetch`. */
  bounds?(p: P): string
}

/** What a matrix row found, as the documents a spec generates see it. */
export interface MatrixOutcome<P = ParamValues> {
  readonly row: MatrixRow<P>
  readonly params: P
  readonly bounds: string
  readonly verdict: string
  /**
   * Violated properties in the order found, with the length of each one's
   * shortest trace and the files it was written to (relative to the folder
   * holding the traces folder; none for large rows).
   */
  readonly violations: readonly { readonly property: string; readonly steps: number; readonly files: readonly string[] }[]
  /** Whether the search went to the end (a violated row searched with `continue`). */
  readonly exhaustive: boolean
  readonly distinctStates: number
}

export interface GeneratedFile { readonly path: string; readonly content: string }

export interface Spec<S = any, P extends ParamDecls = ParamDecls> {
  readonly name: string
  readonly description: string
  readonly params: P
  readonly variants?: Readonly<Record<string, Variant<ParamsOf<P>>>>
  /** Variant used when none is named. */
  readonly defaultVariant?: string
  build(p: ParamsOf<P>): Model<S, any>
  /** The verdict matrix `sptecheck matrix` runs for this spec. */
  readonly matrix?: Matrix<ParamsOf<P>>
  /** Pages generated from the matrix's outcomes (`sptecheck docs`), paths relative to the docs folder. */
  documents?(outcomes: readonly MatrixOutcome<ParamsOf<P>>[]): readonly GeneratedFile[]
}

/** Identity helper that infers a spec's parameter types from its declarations. */
export const defineSpec = <S, P extends ParamDecls>(spec: Spec<S, P>): Spec<S, P> => spec

/** Identity helper that ties an action's name, parameter and selection types together. */
export const actionsOf = <S>() =>
  <const N extends string, P extends Record<string, Value>, W>(a: Action<S, P, W, N>): Action<S, P, W, N> => a

/** The names of a list of actions, as a union type. */
export type ActionName<L extends readonly { readonly name: string }[]> = L[number]['name']

/** The state type of a record of variable domains. */
export type StateOf<V extends { readonly [k: string]: Domain }> = { -readonly [K in keyof V]: Infer<V[K]> }

export const range = (from: number, toExclusive: number): number[] =>
  Array.from({ length: Math.max(0, toExclusive - from) }, (_, i) => from + i)

/**
 * The state explorer's model, without the page: a path from an initial
 * state, a cursor on it, the enabled action instances at the cursor, and
 * every invariant and property evaluated there. Steps are the transition
 * system's own (load + successors), so the explorer cannot disagree with the
 * checker. Like a browser's history: going back keeps the steps ahead until
 * another action is chosen.
 */
import type { Bindings } from '../../model/spec.js'
import type { Trace } from '../../explorer/result.js'
import type { PropertyRef, TransitionSystem } from '../../semantics/system.js'

interface Visit<S> { readonly instance: number; readonly words: Uint32Array; readonly state: S }

export interface Choice<S> {
  readonly instance: number
  readonly label: string
  readonly actor: string
  readonly state: S
  /** What taking it would violate: the step's transition properties, and invariants that hold here but not after it. */
  readonly violates: readonly PropertyRef[]
}

export interface PropertyStatus {
  readonly ref: PropertyRef
  /** `not checked`: a transition property that does not constrain the step that led here (or no step yet). */
  readonly status: 'holds' | 'violated' | 'not checked'
}

/** A step as traces and ITF files name it. */
export interface NamedStep { readonly action: string; readonly params: Bindings }

export class ExploreSession<S> {
  private path: Visit<S>[] = []
  private at = 0
  private initIndex = 0
  private readonly inits: readonly { readonly state: S; readonly words: Uint32Array }[]

  constructor(readonly sys: TransitionSystem<S>) {
    this.inits = sys.initial()
    this.restart(0)
  }

  get initialStates(): number { return this.inits.length }
  get init(): number { return this.initIndex }
  get cursor(): number { return this.at }
  /** Steps on the path, those ahead of the cursor included. */
  get steps(): number { return this.path.length - 1 }
  /** The instance of each step, for an address that restores the path. */
  get instances(): number[] { return this.path.slice(1).map(v => v.instance) }

  restart(init: number): void {
    const i = this.inits[init]
    if (i === undefined) throw new RangeError(`no initial state ${init}`)
    this.initIndex = init
    this.path = [{ instance: -1, words: i.words, state: this.sys.decode(i.words) }]
    this.at = 0
  }

  goTo(k: number): void { this.at = Math.max(0, Math.min(this.steps, k)) }

  trace(): Trace<S> {
    return this.path.map(v => {
      const inst = this.sys.instances[v.instance]
      return { action: inst?.action.name ?? 'Init', params: inst?.params ?? {}, instance: v.instance, state: v.state }
    })
  }

  /** Every enabled instance at the cursor, in table order (the order the checker tries them). */
  choices(): Choice<S>[] {
    const here = this.path[this.at]!
    const next: { instance: number; words: Uint32Array }[] = []
    this.sys.load(here.words, 0)
    this.sys.successors(i => { next.push({ instance: i, words: this.sys.buf.slice() }); return false })
    return next.map(({ instance, words }) => {
      const state = this.sys.decode(words)
      const inst = this.sys.instances[instance]!
      return { instance, label: inst.label, actor: inst.actor ?? 'spec', state, violates: this.violations(instance, here.state, state) }
    })
  }

  /** Takes instance `i` at the cursor: the path ahead is kept when it goes that way, else replaced. */
  choose(i: number): void {
    const ahead = this.path[this.at + 1]
    if (ahead?.instance === i) { this.at++; return }
    const here = this.path[this.at]!
    this.sys.load(here.words, 0)
    if (this.sys.successor(i) === undefined) throw new RangeError(`${this.sys.instances[i]?.label ?? i} is not enabled at step ${this.at}`)
    const words = this.sys.buf.slice()
    this.path = [...this.path.slice(0, this.at + 1), { instance: i, words, state: this.sys.decode(words) }]
    this.at++
  }

  /**
   * Replaces the path with `steps` from initial state `init` and puts the
   * cursor at its end; returns why not when a step is unknown or not enabled
   * (the path then ends before it).
   */
  follow(steps: readonly NamedStep[], init = 0): string | undefined {
    this.restart(init)
    for (const [k, st] of steps.entries()) {
      const i = this.sys.instances.findIndex(x => x.action.name === st.action && sameParams(x.params, st.params))
      if (i < 0) return `step ${k + 1}: ${st.action} with these parameters is not an action instance of this configuration`
      try {
        this.choose(i)
      } catch (e) {
        if (e instanceof RangeError) return `step ${k + 1}: ${this.sys.instances[i]!.label} is not enabled there`
        throw e
      }
    }
    return undefined
  }

  /** Every invariant at the cursor's state, and every transition property on the step that reached it. */
  properties(k = this.at): PropertyStatus[] {
    const here = this.path[k]!
    const prev = this.path[k - 1]
    const invariants = this.sys.invariants.map((_, n): PropertyStatus => ({
      ref: this.sys.propertyRef('invariant', n), status: this.sys.holdsInvariant(n, here.state) ? 'holds' : 'violated',
    }))
    const applies = prev === undefined ? [] : this.sys.propsOf[here.instance]!
    const props = this.sys.properties.map((_, p): PropertyStatus => ({
      ref: this.sys.propertyRef('property', p),
      status: !applies.includes(p) ? 'not checked' : this.sys.holdsStep(p, here.instance, prev!.state, here.state) ? 'holds' : 'violated',
    }))
    return [...invariants, ...props]
  }

  /** The first step on the path (the initial state counts as step 0) where something is violated, and what. */
  firstViolation(): { readonly at: number; readonly ref: PropertyRef } | undefined {
    for (let k = 0; k <= this.steps; k++) {
      const bad = this.properties(k).find(p => p.status === 'violated')
      if (bad !== undefined) return { at: k, ref: bad.ref }
    }
    return undefined
  }

  isFinal(): boolean { return this.sys.isFinal(this.path[this.at]!.state) }

  private violations(i: number, s: S, next: S): PropertyRef[] {
    return [
      ...this.sys.propsOf[i]!.filter(p => !this.sys.holdsStep(p, i, s, next)).map(p => this.sys.propertyRef('property', p)),
      // An invariant already false here is not something this step would break.
      ...this.sys.invariants.flatMap((_, n) => (this.sys.holdsInvariant(n, next) || !this.sys.holdsInvariant(n, s) ? [] : [this.sys.propertyRef('invariant', n)])),
    ]
  }
}

const sameParams = (a: Bindings, b: Bindings): boolean =>
  Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([k, v]) => b[k] === v)

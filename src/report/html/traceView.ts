/**
 * A behaviour as the data an HTML page draws: lanes, steps, and every state
 * as display units (an SPTE as `{W,A,D}`). Built by the functions the text
 * chart uses (chartRows, units), in Node for trace pages and in the browser
 * by the state explorer, so both pages show a step the same way. Plain JSON:
 * a trace page carries it inline.
 */
import type { Trace } from '../../explorer/result.js'
import type { Value } from '../../model/spec.js'
import type { TransitionSystem } from '../../semantics/system.js'
import { chartRows, type ChartPart } from '../chart.js'
import { units } from '../changes.js'

export interface StepView {
  readonly action: string
  /** `Name(k=v, ...)`; `Init` for the initial state. */
  readonly label: string
  readonly actor?: string
  /** The code the action models (a kernel function). */
  readonly source?: string
  /** The action's one-sentence description. */
  readonly about?: string
  /** Whether the spec's view narrates this action (else the chart's first part just repeats the label). */
  readonly narrated: boolean
  /** Lane -> what the step did there. */
  readonly lanes: Readonly<Record<string, readonly ChartPart[]>>
  /** The state after the step, one value per entry of TraceView.units. */
  readonly values: readonly string[]
}

/** The property a behaviour breaks, and at which step. */
export interface Broken {
  readonly name: string
  readonly kind: 'invariant' | 'property' | 'liveness' | 'deadlock'
  readonly description: string
  readonly rationale?: string
  /** The step that breaks it: the transition, or the first state where the invariant fails. */
  readonly at: number
}

export interface TraceView {
  readonly spec: string
  readonly variant: string | null
  readonly params: Readonly<Record<string, Value>>
  readonly lanes: readonly string[]
  /** The display units of a state, in declaration order. */
  readonly units: readonly { readonly variable: string; readonly path: string }[]
  readonly steps: readonly StepView[]
  readonly broken?: Broken
  /**
   * For a lasso (liveness): the index of the state where the loop starts; the
   * steps after it repeat forever (ITF's `loop`).
   */
  readonly loop?: number
  /** For a lasso: the step that closes the loop (undefined: the last state stutters forever). */
  readonly closing?: string
  /** For a lasso: what its loop relies on (who acts, who waits, the fairness that allows it). */
  readonly notes?: readonly string[]
}

export interface TraceViewOptions {
  /** What the behaviour breaks; at its last step unless `at` says otherwise. */
  readonly broken?: Omit<Broken, 'at' | 'rationale'> & { readonly at?: number }
  readonly loop?: number
  readonly closing?: string
  readonly notes?: readonly string[]
  /** Lanes to draw, in order, whether or not a step acts there (the explorer keeps its lanes still). */
  readonly lanes?: readonly string[]
}

/** Every lane a behaviour of this system can use: the view's columns that some action acts in, its observers, then every other actor. */
export function allLanes<S>(sys: TransitionSystem<S>): string[] {
  const view = sys.model.view ?? {}
  const actors = new Set(sys.instances.map(i => i.actor ?? 'spec'))
  const declared = [...(view.columns ?? []).filter(c => actors.has(c)), ...(view.observers ?? []).map(o => o.column)]
  return [...declared, ...[...actors].filter(a => !declared.includes(a)).sort()]
}

/** The rationale a spec gives for a property, looked up by name. */
export function rationaleOf<S>(sys: TransitionSystem<S>, name: string): string | undefined {
  return [...sys.invariants, ...sys.properties, ...(sys.model.liveness ?? [])].find(p => p.name === name)?.rationale
}

export function traceView<S>(sys: TransitionSystem<S>, trace: Trace<S>, opts: TraceViewOptions = {}): TraceView {
  const { columns, rows } = chartRows(sys, trace)
  const narrate = sys.model.view?.narrate ?? {}
  const shape = units(sys, trace[0]!.state).map(u => ({ variable: u.variable, path: u.path }))
  const steps = trace.map((st, k): StepView => {
    const inst = k === 0 ? undefined : sys.instances[st.instance]
    const row = k === 0 ? undefined : rows[k - 1]
    return {
      action: st.action,
      label: inst?.label ?? st.action,
      ...(inst?.actor !== undefined ? { actor: inst.actor } : row ? { actor: row.actor } : {}),
      ...(inst?.action.source !== undefined ? { source: inst.action.source } : {}),
      ...(inst?.action.description !== undefined ? { about: inst.action.description } : {}),
      narrated: k > 0 && (narrate as Record<string, unknown>)[st.action] !== undefined,
      lanes: row ? Object.fromEntries(row.parts) : {},
      values: units(sys, st.state).map(u => u.value),
    }
  })
  const broken = opts.broken === undefined ? undefined : {
    ...opts.broken,
    ...(opts.broken.kind === 'deadlock' ? {} : optional('rationale', rationaleOf(sys, opts.broken.name))),
    at: opts.broken.at ?? trace.length - 1,
  }
  return {
    spec: sys.info.spec,
    variant: sys.info.variant ?? null,
    params: sys.info.params,
    lanes: opts.lanes ?? columns,
    units: shape,
    steps,
    ...(broken ? { broken } : {}),
    ...(opts.loop !== undefined ? { loop: opts.loop } : {}),
    ...optional('closing', opts.closing),
    ...(opts.notes?.length ? { notes: opts.notes } : {}),
  }
}

const optional = <K extends string, V>(k: K, v: V | undefined): { [P in K]?: V } =>
  (v === undefined ? {} : { [k]: v }) as { [P in K]?: V }

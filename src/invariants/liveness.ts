/**
 * Liveness under fairness, over the whole reachable graph (recorded during an
 * exhaustive search): for each temporal property, a fair behaviour that
 * violates it, as a lasso (a prefix and a loop), or none.
 *
 * Each property comes down to a region B of "bad" states and where a bad
 * stretch can start: <>P: B = not P, from an initial state; P ~> Q: B = not
 * Q, from a state with P and not Q; []<>P: B = not P, from anywhere. It is
 * violated exactly when, from a start, the behaviour can stay in B forever
 * fairly: by looping in a strongly connected part of B, or by stuttering in a
 * state of B (TLA+ behaviours may stutter; fairness forbids it only where an
 * action it covers is enabled; a state with nothing enabled stutters for
 * ever).
 *
 * A loop (a strongly connected component C) is fair for a weak fairness group
 * T if C takes an edge of T or has a state where T is disabled; for a strong
 * one, if C takes an edge of T or T is disabled in all of C. A strong group
 * that fails is handled as Emerson and Lei do: drop the states of C where T
 * is enabled and look again in what is left. The loop of the lasso then goes
 * through one witness per group (an edge taken, or a state where it is
 * disabled), so the lasso is fair as printed, and `replay` re-checks it.
 */
import type { BehaviourGraph } from '../explorer/graph.js'
import type { StoreReader } from '../explorer/store.js'
import type { Liveness } from '../model/spec.js'
import type { TransitionSystem } from '../semantics/system.js'

/** One fairness assumption after grouping: the instances it covers. */
export interface FairnessGroup {
  readonly kind: 'weak' | 'strong'
  readonly label: string
  readonly members: Uint8Array
}

/** A lasso by store ids: states[0] is initial; after the last state the behaviour goes back to states[loop] (by `closing`, or by stuttering). */
export interface Lasso {
  readonly states: readonly number[]
  /** instances[k] leads from states[k] to states[k+1]. */
  readonly instances: readonly number[]
  readonly loop: number
  /** The instance that closes the loop (last state -> states[loop]); undefined: the last state stutters for ever. */
  readonly closing: number | undefined
}

export interface LivenessOutcome {
  readonly property: Liveness<unknown>
  readonly lasso?: Lasso
  /** What the loop relies on, for a reader: who acts in it, who waits for ever and why that is allowed. */
  readonly notes: readonly string[]
}

/** The model's fairness declarations as groups of instances. */
export function fairnessGroups<S>(sys: TransitionSystem<S>): FairnessGroup[] {
  const out: FairnessGroup[] = []
  for (const f of sys.model.fairness ?? []) {
    const covered = sys.instances.map(i => f.actions === undefined || (f.actions as readonly string[]).includes(i.action.name))
    const per = f.per ?? 'all'
    const keyOf = (k: number) => per === 'instance' ? sys.instances[k]!.label : per === 'actor' ? sys.instances[k]!.actor ?? '(no actor)' : 'all'
    const keys = [...new Set(sys.instances.flatMap((_, k) => (covered[k] ? [keyOf(k)] : [])))]
    const what = f.actions === undefined ? 'every action' : f.actions.join(', ')
    for (const key of keys) {
      const members = Uint8Array.from(sys.instances.map((_, k) => (covered[k] && keyOf(k) === key ? 1 : 0)))
      out.push({ kind: f.kind, members, label: `${f.kind === 'weak' ? 'WF' : 'SF'}(${per === 'all' ? what : `${key}: ${what}`})` })
    }
  }
  return out
}

export function checkLiveness<S>(
  sys: TransitionSystem<S>, graph: BehaviourGraph<S>, store: StoreReader, stateOf: (id: number) => S, initials: readonly number[],
): LivenessOutcome[] {
  const n = graph.size
  const groups = fairnessGroups(sys)
  const props = (sys.model.liveness ?? []) as readonly Liveness<S>[]
  // Predicates per state, each state decoded once.
  const pBits = props.map(() => new Uint8Array(n))
  const qBits = props.map(() => new Uint8Array(n))
  for (let id = 0; id < n; id++) {
    const s = stateOf(id)
    props.forEach((p, k) => {
      pBits[k]![id] = p.p(s) ? 1 : 0
      if (p.kind === 'leadsTo') qBits[k]![id] = p.q(s) ? 1 : 0
    })
  }
  // enabledIn[g][id]: group g has an instance enabled in state id (it has an edge labelled with one).
  const enabledIn = groups.map(g => {
    const e = new Uint8Array(n)
    for (let id = 0; id < n; id++) for (let x = graph.first(id); x < graph.end(id); x++) if (g.members[graph.label(x)]) { e[id] = 1; break }
    return e
  })
  return props.map((prop, k) => {
    const bad = new Uint8Array(n)
    for (let id = 0; id < n; id++) bad[id] = prop.kind === 'leadsTo' ? 1 - qBits[k]![id]! : 1 - pBits[k]![id]!
    const starts: number[] = []
    if (prop.kind === 'eventually') for (const id of initials) { if (bad[id]) starts.push(id) }
    else for (let id = 0; id < n; id++) if (bad[id] && (prop.kind !== 'leadsTo' || pBits[k]![id])) starts.push(id)
    const lasso = findFairLoop(graph, groups, enabledIn, bad, starts, store)
    return { property: prop as Liveness<unknown>, ...(lasso ? { lasso } : {}), notes: lasso ? explain(sys, graph, groups, enabledIn, lasso) : [] }
  })
}

/** BFS inside `region` from `from` (a list); returns the predecessor edge of every state reached (-1 for a start), or -2. */
function reachWithin(graph: BehaviourGraph<unknown>, region: Uint8Array, from: readonly number[]): { pred: Int32Array; order: number[] } {
  const pred = new Int32Array(region.length).fill(-2)
  const order: number[] = []
  for (const s of from) if (pred[s] === -2) { pred[s] = -1; order.push(s) }
  for (let h = 0; h < order.length; h++) {
    const u = order[h]!
    for (let e = graph.first(u); e < graph.end(u); e++) {
      const v = graph.target(e)
      if (region[v] && pred[v] === -2) { pred[v] = e; order.push(v) }
    }
  }
  return { pred, order }
}

/** Edges back to a start: the states and instances from a start to `to`, following `pred`. */
function pathFromPred(graph: BehaviourGraph<unknown>, pred: Int32Array, source: Int32Array, to: number): { states: number[]; instances: number[] } {
  const states = [to]
  const instances: number[] = []
  for (let v = to; pred[v]! >= 0;) {
    const e = pred[v]!
    instances.push(graph.label(e))
    v = source[e]!
    states.push(v)
  }
  return { states: states.reverse(), instances: instances.reverse() }
}

function findFairLoop(graph: BehaviourGraph<unknown>, groups: readonly FairnessGroup[], enabledIn: readonly Uint8Array[], bad: Uint8Array, starts: readonly number[], store: StoreReader): Lasso | undefined {
  if (starts.length === 0) return undefined
  const n = bad.length
  // The source of every edge, for walking predecessor edges back.
  const source = new Int32Array(graph.edgeCount)
  for (let id = 0; id < n; id++) for (let e = graph.first(id); e < graph.end(id); e++) source[e] = id
  const { pred, order } = reachWithin(graph, bad, starts)
  const reached = new Uint8Array(n)
  for (const s of order) reached[s] = 1

  // 1. Stuttering for ever is fair where no fairness group is enabled; the nearest such state wins.
  for (const s of order) {
    if (groups.every((_, g) => !enabledIn[g]![s])) return assemble(graph, store, pred, source, s, { states: [s], instances: [] }, undefined)
  }
  // 2. A fair strongly connected part of the reached bad region.
  const witness = fairComponent(graph, source, groups, enabledIn, reached, order)
  if (witness === undefined) return undefined
  const { entry, loop, closing } = witness
  return assemble(graph, store, pred, source, entry, loop, closing)
}

/** The lasso: shortest path from an initial state to the start of the bad stretch, the stretch to the loop, the loop. */
function assemble(graph: BehaviourGraph<unknown>, store: StoreReader, pred: Int32Array, source: Int32Array, entry: number,
  loop: { states: number[]; instances: number[] }, closing: number | undefined): Lasso {
  const stretch = pathFromPred(graph, pred, source, entry)
  const head = store.pathTo(stretch.states[0]!)
  const headInstances = head.slice(1).map(id => store.viaOf(id))
  const states = [...head, ...stretch.states.slice(1), ...loop.states.slice(1)]
  const instances = [...headInstances, ...stretch.instances, ...loop.instances]
  return { states, instances, loop: head.length - 1 + stretch.states.length - 1, closing }
}

interface LoopWitness {
  readonly entry: number
  /** From entry round to the last state before entry again: states[0] = entry. */
  readonly loop: { states: number[]; instances: number[] }
  readonly closing: number
}

function fairComponent(graph: BehaviourGraph<unknown>, source: Int32Array, groups: readonly FairnessGroup[], enabledIn: readonly Uint8Array[], region: Uint8Array, order: readonly number[]): LoopWitness | undefined {
  for (const comp of components(graph, region, order)) {
    const w = fairIn(graph, source, groups, enabledIn, comp, region)
    if (w !== undefined) return w
  }
  return undefined
}

/** Strongly connected components (Tarjan, iterative) of the region, in the order their first state was reached. */
function components(graph: BehaviourGraph<unknown>, region: Uint8Array, order: readonly number[]): number[][] {
  const n = region.length
  const index = new Int32Array(n).fill(-1)
  const low = new Int32Array(n)
  const onStack = new Uint8Array(n)
  const stack: number[] = []
  const out: number[][] = []
  let next = 0
  for (const root of order) {
    if (!region[root] || index[root] !== -1) continue
    const work: [number, number][] = [[root, graph.first(root)]]
    index[root] = low[root] = next++
    stack.push(root); onStack[root] = 1
    while (work.length > 0) {
      const top = work[work.length - 1]!
      const [u, e] = top
      if (e < graph.end(u)) {
        top[1]++
        const v = graph.target(e)
        if (!region[v]) continue
        if (index[v] === -1) {
          index[v] = low[v] = next++
          stack.push(v); onStack[v] = 1
          work.push([v, graph.first(v)])
        } else if (onStack[v]) low[u] = Math.min(low[u]!, index[v]!)
        continue
      }
      work.pop()
      if (work.length > 0) { const p = work[work.length - 1]![0]; low[p] = Math.min(low[p]!, low[u]!) }
      if (low[u] === index[u]) {
        const comp: number[] = []
        for (let w = -1; w !== u;) { w = stack.pop()!; onStack[w] = 0; comp.push(w) }
        out.push(comp)
      }
    }
  }
  // Order components by the earliest-reached state in them, so the lasso stays short.
  const rank = new Int32Array(n).fill(n)
  order.forEach((s, k) => { rank[s] = k })
  return out.map(c => c.sort((a, b) => rank[a]! - rank[b]!)).sort((a, b) => rank[a[0]!]! - rank[b[0]!]!)
}

function fairIn(graph: BehaviourGraph<unknown>, source: Int32Array, groups: readonly FairnessGroup[], enabledIn: readonly Uint8Array[], comp: readonly number[], region: Uint8Array): LoopWitness | undefined {
  const inC = new Uint8Array(region.length)
  for (const s of comp) inC[s] = 1
  const hasEdge = comp.some(u => { for (let e = graph.first(u); e < graph.end(u); e++) if (inC[graph.target(e)]) return true; return false })
  if (!hasEdge) return undefined // a single state without a self-loop is no loop
  const needEdges: number[] = []
  const needStates: number[] = []
  const failingStrong: number[] = []
  for (let g = 0; g < groups.length; g++) {
    const members = groups[g]!.members
    let taken = -1
    for (const u of comp) { for (let e = graph.first(u); e < graph.end(u) && taken < 0; e++) if (inC[graph.target(e)] && members[graph.label(e)]) taken = e; if (taken >= 0) break }
    if (taken >= 0) { needEdges.push(taken); continue }
    const disabledAt = comp.find(u => !enabledIn[g]![u])
    if (groups[g]!.kind === 'weak') {
      if (disabledAt === undefined) return undefined // enabled throughout and never taken: no loop in here is fair
      needStates.push(disabledAt)
    } else if (comp.some(u => enabledIn[g]![u])) failingStrong.push(g)
  }
  if (failingStrong.length > 0) {
    // Strong fairness: the loop must avoid every state where an untaken strong group is enabled.
    const sub = new Uint8Array(region.length)
    for (const u of comp) if (failingStrong.every(g => !enabledIn[g]![u])) sub[u] = 1
    for (const c of components(graph, sub, comp.filter(u => sub[u]))) {
      const w = fairIn(graph, source, groups, enabledIn, c, sub)
      if (w !== undefined) return w
    }
    return undefined
  }
  return loopThrough(graph, source, inC, comp[0]!, needEdges, needStates)
}

/** A closed walk inside the component from `entry` that takes every needed edge and visits every needed state. */
function loopThrough(graph: BehaviourGraph<unknown>, source: Int32Array, inC: Uint8Array, entry: number, needEdges: readonly number[], needStates: readonly number[]): LoopWitness {
  const states = [entry]
  const instances: number[] = []
  let at = entry
  const walkTo = (goal: number) => {
    if (goal === at) return
    const pred = new Map<number, number>([[at, -1]])
    const queue = [at]
    for (let h = 0; h < queue.length && !pred.has(goal); h++) {
      const u = queue[h]!
      for (let e = graph.first(u); e < graph.end(u); e++) {
        const v = graph.target(e)
        if (inC[v] && !pred.has(v)) { pred.set(v, e); queue.push(v) }
      }
    }
    const path: number[] = []
    for (let v = goal; pred.get(v)! >= 0;) { const e = pred.get(v)!; path.push(e); v = source[e]! }
    for (const e of path.reverse()) { instances.push(graph.label(e)); states.push(graph.target(e)) }
    at = goal
  }
  const take = (e: number) => { instances.push(graph.label(e)); states.push(graph.target(e)); at = graph.target(e) }
  for (const e of needEdges) { walkTo(source[e]!); take(e) }
  for (const s of needStates) walkTo(s)
  if (instances.length === 0) {
    // A loop needs a step: leave the entry by any edge inside the component.
    for (let e = graph.first(entry); e < graph.end(entry); e++) if (inC[graph.target(e)]) { take(e); break }
  }
  // Back to the entry: the last step of the way back closes the loop.
  if (at === entry) {
    states.pop()
    return { entry, loop: { states, instances: instances.slice(0, -1) }, closing: instances[instances.length - 1]! }
  }
  walkTo(entry)
  states.pop()
  const closing = instances.pop()!
  return { entry, loop: { states, instances }, closing }
}

/** Who acts in the loop, who waits in it for ever, and why fairness allows that. */
function explain<S>(sys: TransitionSystem<S>, graph: BehaviourGraph<S>, groups: readonly FairnessGroup[], enabledIn: readonly Uint8Array[], lasso: Lasso): string[] {
  const loopStates = lasso.states.slice(lasso.loop)
  const loopInstances = [...lasso.instances.slice(lasso.loop), ...(lasso.closing === undefined ? [] : [lasso.closing])]
  const actorOf = (i: number) => sys.instances[i]!.actor ?? sys.instances[i]!.action.name
  const acting = [...new Set(loopInstances.map(actorOf))]
  const enabledActors = new Set<string>()
  for (const s of loopStates) for (let e = graph.first(s); e < graph.end(s); e++) enabledActors.add(actorOf(graph.label(e)))
  const waiting = [...enabledActors].filter(a => !acting.includes(a))
  const notes: string[] = []
  if (lasso.closing === undefined) {
    const on = [...enabledActors]
    notes.push(on.length === 0
      ? 'The behaviour ends in a state where no action is enabled, and stutters there for ever.'
      : `The behaviour stops in a state where only ${on.join(', ')} could act, and no fairness assumption covers them: an unfair scheduler may never run them.`)
  } else {
    notes.push(`The loop is taken by ${acting.join(', ')}.`)
  }
  const environment = sys.model.environment ?? []
  const endless = acting.filter(a => environment.includes(a))
  if (endless.length > 0) notes.push(`The loop needs ${endless.join(', ')} to act for ever: an endless environment thread, which the kernel does not guarantee against.`)
  for (const a of waiting) {
    const covering = groups.filter((g, k) => sys.instances.some((inst, i) => g.members[i] && (inst.actor ?? inst.action.name) === a) && loopStates.some(s => enabledIn[k]![s]))
    notes.push(covering.length === 0
      ? `${a} is enabled in the loop but never runs: no fairness assumption covers it.`
      : `${a} is enabled in the loop but never runs: ${covering.map(g => g.label).join(', ')} ${covering.every(g => g.kind === 'weak') ? 'is satisfied because it is disabled somewhere in the loop (weak fairness asks only for continuously enabled actions)' : 'does not force it'}.`)
  }
  return notes
}

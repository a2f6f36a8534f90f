/**
 * The reachable state graph, recorded by an observer of the search for the
 * liveness check: every edge (from, action instance, to) by store id, in
 * compressed rows. The search expands states in id order and reports a
 * state's edges together, so rows are appended as they come. An instance is
 * enabled in a state exactly when the state has an edge labelled with it, so
 * the graph also answers what fairness needs.
 */
import type { Observer } from './bfs.js'

export class BehaviourGraph<S> implements Observer<S> {
  /** offsets[id] .. offsets[id+1]-1 index the edges of state id. */
  private offsets: Int32Array = new Int32Array(1 << 12)
  private targets: Int32Array = new Int32Array(1 << 14)
  private labels: Int32Array = new Int32Array(1 << 14)
  private edges = 0
  /** The state whose edges are being appended. */
  private current = -1
  private states = 0

  onEdge(from: number, instance: number, to: number): void {
    if (from !== this.current) this.startRows(from)
    if (this.edges === this.targets.length) {
      this.targets = grow(this.targets)
      this.labels = grow(this.labels)
    }
    this.targets[this.edges] = to
    this.labels[this.edges] = instance
    this.edges++
  }

  /** Ends the graph at `states` states (a state given no edge has an empty row). */
  close(states: number): void {
    this.startRows(states)
    this.states = states
  }

  get size(): number { return this.states }
  get edgeCount(): number { return this.edges }
  get bytes(): number { return this.offsets.byteLength + this.targets.byteLength + this.labels.byteLength }

  first(id: number): number { return this.offsets[id]! }
  end(id: number): number { return this.offsets[id + 1]! }
  target(e: number): number { return this.targets[e]! }
  label(e: number): number { return this.labels[e]! }

  /** Rows current+1 .. id start here (those before id stay empty). */
  private startRows(id: number): void {
    while (this.offsets.length <= id + 1) this.offsets = grow(this.offsets)
    for (let k = this.current + 1; k <= id; k++) this.offsets[k] = this.edges
    this.current = id
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2)
  b.set(a)
  return b
}

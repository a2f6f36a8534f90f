/**
 * The reachable state graph as Graphviz dot, actions as edge labels: an
 * observer of the search. Meant for small graphs; past `maxStates` it stops
 * the search (incomplete) rather than grow without bound.
 */
import type { Observer } from '../explorer/bfs.js'
import type { TransitionSystem } from '../semantics/system.js'
import { leaves, showValue } from './leaves.js'

export const DOT_MAX_STATES = 10_000

export class DotGraph<S> implements Observer<S> {
  private readonly nodes: string[] = []
  private readonly edges: string[] = []

  constructor(private readonly sys: TransitionSystem<S>, private readonly maxStates = DOT_MAX_STATES) {}

  onState(id: number, _depth: number, s: S): string | void {
    if (id >= this.maxStates) return `--dump-dot is for graphs of up to ${this.maxStates.toLocaleString('en')} states; use --max-states to cap the search`
    const label = leaves(this.sys.codec, s).map(([p, v]) => `${p}=${showValue(v)}`).join('\\n')
    this.nodes.push(`  s${id} [label="${label.replace(/"/g, '\\"')}"${id === 0 ? ', penwidth=2' : ''}];`)
  }

  onEdge(from: number, instance: number, to: number): void {
    this.edges.push(`  s${from} -> s${to} [label="${this.sys.instances[instance]!.label}"];`)
  }

  render(name: string): string {
    return `digraph "${name}" {\n  node [shape=box, fontname="monospace", fontsize=9];\n${this.nodes.join('\n')}\n${this.edges.join('\n')}\n}\n`
  }
}

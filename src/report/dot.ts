/**
 * The reachable state graph as Graphviz dot, actions as edge labels. Meant for
 * small bounds: it keeps a key per state in memory.
 */
import { makeCodec, type Codec } from '../model/codec.js'
import type { Model } from '../model/spec.js'
import type { Instance } from '../explorer/instances.js'
import { showInstance } from '../explorer/instances.js'
import { leaves, showValue } from './leaves.js'

export class DotGraph<S> {
  private readonly codec: Codec<S>
  private readonly ids = new Map<string, number>()
  private readonly nodes: string[] = []
  private readonly edges: string[] = []
  private readonly buf: Uint32Array

  constructor(model: Model<S>, private readonly maxStates = 10_000) {
    this.codec = makeCodec(model.vars)
    this.buf = new Uint32Array(this.codec.words)
  }

  private key(s: S): string {
    this.codec.encode(s, this.buf, 0)
    return this.buf.join(',')
  }

  onState = (s: S, id: number): void => {
    if (id >= this.maxStates) throw new RangeError(`--dump-dot is for small graphs: more than ${this.maxStates} states`)
    this.ids.set(this.key(s), id)
    const label = leaves(this.codec, s).map(([p, v]) => `${p}=${showValue(v)}`).join('\\n')
    this.nodes.push(`  s${id} [label="${label.replace(/"/g, '\\"')}"${id === 0 ? ', penwidth=2' : ''}];`)
  }

  edge(table: readonly Instance<S>[]) {
    return (from: number, inst: number, to: S, toId: number): void => {
      const target = toId >= 0 ? toId : this.ids.get(this.key(to))
      const i = table[inst]!
      this.edges.push(`  s${from} -> s${target} [label="${showInstance(i.action.name, i.params)}"];`)
    }
  }

  render(name: string): string {
    return `digraph "${name}" {\n  node [shape=box, fontname="monospace", fontsize=9];\n${this.nodes.join('\n')}\n${this.edges.join('\n')}\n}\n`
  }
}

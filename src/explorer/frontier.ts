/**
 * The BFS queue: encoded states in fixed-size Uint32Array chunks, first in
 * first out. Consumed chunks are dropped, so memory follows the frontier, not
 * the whole state space. Ids are implicit: the k-th state pushed is state k.
 */
export class Frontier {
  private readonly chunks: Uint32Array[] = []
  private readonly perChunk: number
  private headChunk = 0
  private headPos = 0
  private tailPos: number
  pushed = 0
  popped = 0
  /** Most bytes the live chunks ever held. */
  peakBytes = 0

  constructor(readonly width: number, statesPerChunk = 1 << 16) {
    this.perChunk = statesPerChunk
    this.tailPos = statesPerChunk // forces a chunk on the first push
  }

  get size(): number { return this.pushed - this.popped }

  /** Copies `width` words from `src[off..]` to the tail. */
  push(src: Uint32Array, off: number): void {
    if (this.tailPos === this.perChunk) {
      this.chunks.push(new Uint32Array(this.perChunk * this.width))
      this.tailPos = 0
      this.peakBytes = Math.max(this.peakBytes, this.bytes)
    }
    const c = this.chunks[this.chunks.length - 1]!
    const base = this.tailPos * this.width
    for (let i = 0; i < this.width; i++) c[base + i] = src[off + i]!
    this.tailPos++
    this.pushed++
  }

  /** The head state's chunk and offset, valid until the next pop; then drops it from the queue. */
  pop(): { chunk: Uint32Array; off: number } {
    if (this.popped === this.pushed) throw new Error('pop on an empty frontier')
    if (this.headPos === this.perChunk) {
      this.chunks[this.headChunk] = EMPTY // let the GC have it
      this.headChunk++
      this.headPos = 0
    }
    this.cursor.chunk = this.chunks[this.headChunk]!
    this.cursor.off = this.headPos * this.width
    this.headPos++
    this.popped++
    return this.cursor
  }

  private readonly cursor: { chunk: Uint32Array; off: number } = { chunk: EMPTY, off: 0 }

  /** Bytes held by live chunks. */
  get bytes(): number {
    return (this.chunks.length - this.headChunk) * this.perChunk * this.width * 4
  }
}

const EMPTY = new Uint32Array(0)

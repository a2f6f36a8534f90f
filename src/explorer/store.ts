/**
 * The state store: every distinct state gets an id (0, 1, 2, ... in the order
 * found), and per id its key, its parent id and the action instance that
 * reached it. The key is the state's encoding itself when it fits in
 * `exactWords` words (the store is exact: two distinct states never share a
 * key), else a 64-bit fingerprint (a collision is possible, and the summary
 * says how likely).
 *
 * Keys live in dense chunks indexed by id; an open-addressing table of ids
 * (linear probing, rebuilt from the keys when it grows) finds a key's id.
 * A table slot is 32 bits: id+1 in the low log2(slots) bits, and in the bits
 * left over a tag from the key's hash, so that a probe touches a key (a cache
 * miss) only when the tag matches.
 * So the store answers both ways: key -> id (is this state new?) and
 * id -> key (is this replayed state the one recorded?). Chunks never move,
 * and the table is rebuilt from the chunks, so growing never holds two copies
 * of the data.
 */
import { fingerprint, hash4 } from './fingerprint.js'
import { MemoryLimit, mib } from './memory.js'

/** What `add` returns when the store is at its state limit and the state is new. */
export const FULL = -0x80000000

/** Allocation failed: the search ends `incomplete`, saying how much memory the store held. */
export class OutOfMemory extends Error {
  constructor(readonly bytesInUse: number, why: string) {
    super(`out of memory: ${why} (the state store holds ${mib(bytesInUse)}, the process ${mib(process.memoryUsage.rss())} resident)`)
    this.name = 'OutOfMemory'
  }
}

/** What reading a finished search's store needs: traces, liveness, statistics. */
export interface StoreReader {
  readonly exact: boolean
  readonly keyWords: number
  readonly size: number
  readonly bytes: number
  parentOf(id: number): number
  viaOf(id: number): number
  matches(id: number, words: Uint32Array, off: number): boolean
  pathTo(id: number, maxLength?: number): number[]
  chunkOf(id: number): Uint32Array
  offsetOf(id: number): number
  collisionProbability(): number
}

export interface StoreOptions {
  /** States of up to this many 32-bit words are stored whole (exact); larger ones as 64-bit fingerprints. */
  readonly exactWords?: number
  /** Number of action instances (sizes the per-state instance id). */
  readonly instances: number
  /** Refuse new states beyond this many (`add` returns FULL). */
  readonly limit?: number
  /** Asked before every large allocation. */
  readonly memory?: MemoryLimit
}

const CHUNK_LOG = 16
const CHUNK = 1 << CHUNK_LOG
const IN_CHUNK = CHUNK - 1
export const NO_PARENT = -1

export class StateStore implements StoreReader {
  /** Whether keys are whole states. */
  readonly exact: boolean
  /** Words per key: the state's words when exact, else 2 (hi, lo of the fingerprint). */
  readonly keyWords: number
  size = 0
  private readonly keys: Uint32Array[] = []
  private readonly parents: Int32Array[] = []
  private readonly vias: (Uint16Array | Uint32Array)[] = []
  private readonly wideVia: boolean
  private readonly roots: number[] = []
  private index: Int32Array
  private mask: number
  /** The bits of a slot that hold id+1 (the low log2(slots) bits); the rest hold the tag. */
  private idMask: number
  private growAt: number
  private readonly key: Uint32Array
  private readonly limit: number
  private readonly memory: MemoryLimit

  constructor(readonly stateWords: number, opts: StoreOptions) {
    this.exact = stateWords <= (opts.exactWords ?? 4)
    this.keyWords = this.exact ? stateWords : 2
    this.wideVia = opts.instances >= 0xffff
    this.limit = opts.limit ?? Infinity
    this.memory = opts.memory ?? new MemoryLimit()
    this.key = new Uint32Array(this.keyWords)
    this.index = new Int32Array(1 << 16)
    this.mask = (1 << 16) - 1
    this.idMask = (1 << 16) - 1
    this.growAt = Math.floor((this.mask + 1) * 0.7)
  }

  /**
   * Adds the state encoded at words[off..] if it is new and returns its id;
   * returns ~id (negative) if it was stored before, and FULL if it is new but
   * the store is at its limit. `via` is the action instance, or for an
   * initial state (parent NO_PARENT) its index in `init()`.
   */
  add(words: Uint32Array, off: number, parent: number, via: number): number {
    // Keys are at most four words (exact) or two (a fingerprint): kept in locals, no loop.
    const kw = this.keyWords
    let k0: number, k1: number, k2: number, k3: number
    if (this.exact) {
      k0 = words[off]!; k1 = kw > 1 ? words[off + 1]! : 0; k2 = kw > 2 ? words[off + 2]! : 0; k3 = kw > 3 ? words[off + 3]! : 0
    } else {
      fingerprint(words, off, this.stateWords, this.key)
      k0 = this.key[0]!; k1 = this.key[1]!; k2 = 0; k3 = 0
    }
    const h = hash4(k0, k1, k2, k3)
    const index = this.index
    const mask = this.mask
    const idMask = this.idMask
    const tag = h & ~idMask
    const keys = this.keys
    let i = h & mask
    for (;;) {
      const e = index[i]!
      if (e === 0) break
      if ((e & ~idMask) === tag) {
        const id = (e & idMask) - 1
        const chunk = keys[id >>> CHUNK_LOG]!
        const b = (id & IN_CHUNK) * kw
        if (chunk[b] === k0 && (kw < 2 || chunk[b + 1] === k1) && (kw < 3 || chunk[b + 2] === k2) && (kw < 4 || chunk[b + 3] === k3)) return ~id
      }
      i = (i + 1) & mask
    }
    if (this.size >= this.limit) return FULL
    const id = this.size
    try {
      if ((id & IN_CHUNK) === 0) this.newChunk()
    } catch (e) {
      if (e instanceof RangeError) throw new OutOfMemory(this.bytes, e.message)
      throw e
    }
    const c = id >>> CHUNK_LOG
    const b = (id & IN_CHUNK) * kw
    const chunk = keys[c]!
    chunk[b] = k0
    if (kw > 1) chunk[b + 1] = k1
    if (kw > 2) chunk[b + 2] = k2
    if (kw > 3) chunk[b + 3] = k3
    this.parents[c]![id & IN_CHUNK] = parent
    this.vias[c]![id & IN_CHUNK] = parent === NO_PARENT ? 0 : via
    if (parent === NO_PARENT) this.roots[id] = via
    index[i] = tag | (id + 1)
    this.size = id + 1
    if (this.size > this.growAt) {
      try {
        this.grow()
      } catch (e) {
        if (e instanceof RangeError) throw new OutOfMemory(this.bytes, e.message)
        throw e
      }
    }
    return id
  }

  parentOf(id: number): number { return this.parents[id >>> CHUNK_LOG]![id & IN_CHUNK]! }

  /** The action instance that first reached `id` (for an initial state: its index in `init()`). */
  viaOf(id: number): number {
    return this.parentOf(id) === NO_PARENT ? this.roots[id]! : this.vias[id >>> CHUNK_LOG]![id & IN_CHUNK]!
  }

  /** The id of a state encoded at words[off..], or -1 if it is not stored. */
  idOf(words: Uint32Array, off: number): number {
    const key = new Uint32Array(this.keyWords)
    if (this.exact) for (let k = 0; k < this.keyWords; k++) key[k] = words[off + k]!
    else fingerprint(words, off, this.stateWords, key)
    const h = hash4(key[0]!, key[1] ?? 0, key[2] ?? 0, key[3] ?? 0)
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const e = this.index[i]!
      if (e === 0) return -1
      if ((e & ~this.idMask) === (h & ~this.idMask) && this.keyIs((e & this.idMask) - 1, key)) return (e & this.idMask) - 1
    }
  }

  /** Whether the state encoded at words[off..] is the one stored as `id` (its key matches). */
  matches(id: number, words: Uint32Array, off: number): boolean {
    if (id < 0 || id >= this.size) return false
    const key = new Uint32Array(this.keyWords)
    if (this.exact) for (let k = 0; k < this.keyWords; k++) key[k] = words[off + k]!
    else fingerprint(words, off, this.stateWords, key)
    return this.keyIs(id, key)
  }

  /** The ids from an initial state to `id`, following parents; the chain must climb one level per step. */
  pathTo(id: number, maxLength: number = this.size): number[] {
    const ids = [id]
    for (let cur = id; this.parentOf(cur) !== NO_PARENT;) {
      cur = this.parentOf(cur)
      ids.push(cur)
      if (ids.length > maxLength + 1) throw new Error(`the parent chain of state ${id} is longer than ${maxLength} (a corrupt store)`)
    }
    return ids.reverse()
  }

  /** When exact: the chunk holding state `id` and its offset there (the queue reads states from the store). */
  chunkOf(id: number): Uint32Array { return this.keys[id >>> CHUNK_LOG]! }
  offsetOf(id: number): number { return (id & IN_CHUNK) * this.keyWords }

  get bytes(): number {
    const perChunk = CHUNK * (this.keyWords * 4 + 4 + (this.wideVia ? 4 : 2))
    return this.keys.length * perChunk + this.index.byteLength
  }

  /** Probability that some two distinct states share a key (0 when exact). */
  collisionProbability(): number {
    return this.exact ? 0 : (this.size * (this.size - 1)) / 2 / 2 ** 64
  }

  private keyIs(id: number, key: Uint32Array): boolean {
    const chunk = this.keys[id >>> CHUNK_LOG]!
    const kw = this.keyWords
    const base = (id & IN_CHUNK) * kw
    for (let k = 0; k < kw; k++) if (chunk[base + k] !== key[k]) return false
    return true
  }

  private newChunk(): void {
    const why = this.memory.refuses(CHUNK * (this.keyWords * 4 + 8))
    if (why !== undefined) throw new OutOfMemory(this.bytes, why)
    this.keys.push(new Uint32Array(CHUNK * this.keyWords))
    this.parents.push(new Int32Array(CHUNK))
    this.vias.push(this.wideVia ? new Uint32Array(CHUNK) : new Uint16Array(CHUNK))
  }

  /** Doubles the id table and re-inserts every id from its key (the old table is dropped first). */
  private grow(): void {
    const slots = (this.mask + 1) * 2
    // Ids must fit beside a tag of at least a few bits (three at 2^29 slots).
    if (slots > 2 ** 29) throw new OutOfMemory(this.bytes, 'more than 375 million states (the store\'s id table is full)')
    // The old table is dropped before the new one is built, so only the new one's size needs room.
    const why = this.memory.refuses(slots * 4 - this.index.byteLength)
    if (why !== undefined) throw new OutOfMemory(this.bytes, why)
    this.index = new Int32Array(0)
    const index = new Int32Array(slots)
    const mask = slots - 1
    const kw = this.keyWords
    for (let id = 0; id < this.size; id++) {
      const chunk = this.keys[id >>> CHUNK_LOG]!
      const b = (id & IN_CHUNK) * kw
      const h = hash4(chunk[b]!, kw > 1 ? chunk[b + 1]! : 0, kw > 2 ? chunk[b + 2]! : 0, kw > 3 ? chunk[b + 3]! : 0)
      let i = h & mask
      while (index[i] !== 0) i = (i + 1) & mask
      index[i] = (h & ~mask) | (id + 1)
    }
    this.index = index
    this.mask = mask
    this.idMask = mask
    this.growAt = Math.floor(slots * 0.7)
  }
}

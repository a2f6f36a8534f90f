/**
 * The state store shared by the threads of a parallel search: the same
 * layout as StateStore (keys by id, parents, instance ids, an id table with
 * tags), in growable SharedArrayBuffers, so that every worker thread adds
 * states to one table.
 *
 * Adding a state: probe the id table; in an empty slot, reserve it with a
 * compare-exchange (0 -> RESERVED), take the next id from a shared counter,
 * write the key, parent and instance, then publish the slot (tag | id+1). A
 * thread that meets a reserved slot waits for it to be published before it
 * compares keys. Plain writes before the publishing Atomics.store are seen by
 * every thread that Atomics.load-s the published slot, so a key is complete
 * when it is compared. Ids are given in the order states are found; within a
 * BFS level that order depends on the threads' timing, so two runs number
 * states differently, but they find the same states, and the same number.
 *
 * The id table cannot grow while threads add to it: the coordinator rebuilds
 * it between BFS levels, or mid-level after pausing every worker, when its
 * load passes a threshold (`needsRoom`).
 */
import { fingerprint, hash4 } from './fingerprint.js'
import { FULL, NO_PARENT } from './store.js'

/** A reserved slot: the state is being written; its id is not known yet. */
const RESERVED = -1
const C_IDS = 0
const C_LIMIT = 1

export interface SharedBuffers {
  readonly keys: SharedArrayBuffer
  readonly parents: SharedArrayBuffer
  readonly vias: SharedArrayBuffer
  readonly index: SharedArrayBuffer
  /** [0] ids given, [1] the state limit (or -1). */
  readonly counters: SharedArrayBuffer
  readonly stateWords: number
  readonly keyWords: number
  readonly exact: boolean
}

const MAX_BYTES = 2 ** 32 - 1

/**
 * The buffers, growable up to what `room` allows (growable buffers reserve
 * their whole address range at once, which an address-space limit counts).
 */
export function sharedBuffers(stateWords: number, exactWords: number, indexSlots: number, limit: number | undefined, room?: number): SharedBuffers {
  const exact = stateWords <= exactWords
  const keyWords = exact ? stateWords : 2
  // Keys, parents and instance ids share the room in proportion to their bytes per state.
  const perState = keyWords * 4 + 8
  const states = Math.max(65536, Math.floor(((room ?? Infinity) - indexSlots * 4) / perState))
  const grow = (bytes: number, max: number) => new SharedArrayBuffer(bytes, { maxByteLength: Math.min(MAX_BYTES, max) })
  const counters = new SharedArrayBuffer(8)
  new Int32Array(counters)[C_LIMIT] = limit ?? -1
  return {
    keys: grow(keyWords * 4 * 65536, keyWords * 4 * Math.min(2 ** 28, states)),
    parents: grow(4 * 65536, 4 * Math.min(2 ** 28, states)),
    vias: grow(4 * 65536, 4 * Math.min(2 ** 28, states)),
    index: new SharedArrayBuffer(4 * indexSlots),
    counters, stateWords, keyWords, exact,
  }
}

export class SharedStateStore {
  readonly exact: boolean
  readonly keyWords: number
  readonly stateWords: number
  private keys: Uint32Array
  private parents: Int32Array
  private vias: Int32Array
  private index: Int32Array
  private mask: number
  private readonly counters: Int32Array
  private readonly key = new Uint32Array(2)

  constructor(readonly buffers: SharedBuffers) {
    this.exact = buffers.exact
    this.keyWords = buffers.keyWords
    this.stateWords = buffers.stateWords
    this.keys = new Uint32Array(buffers.keys)
    this.parents = new Int32Array(buffers.parents)
    this.vias = new Int32Array(buffers.vias)
    this.counters = new Int32Array(buffers.counters)
    this.index = new Int32Array(buffers.index)
    this.mask = this.index.length - 1
  }

  /** A new id table (after the coordinator rebuilt it). */
  useIndex(index: SharedArrayBuffer): void {
    this.index = new Int32Array(index)
    this.mask = this.index.length - 1
  }

  get size(): number { return Atomics.load(this.counters, C_IDS) }
  get indexSlots(): number { return this.index.length }
  /** Whether the id table should be rebuilt larger before many more states are added. */
  needsRoom(threshold = 0.75): boolean { return this.size > this.index.length * threshold }

  /** As StateStore.add: the new id, ~id if the state was stored before, FULL at the limit. */
  add(words: Uint32Array, off: number, parent: number, via: number): number {
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
    const tag = h & ~mask
    for (let i = h & mask; ; i = (i + 1) & mask) {
      let e = Atomics.load(index, i)
      if (e === 0) {
        if (Atomics.compareExchange(index, i, 0, RESERVED) === 0) {
          const limit = this.counters[C_LIMIT]!
          const id = Atomics.add(this.counters, C_IDS, 1)
          if (limit >= 0 && id >= limit) {
            Atomics.sub(this.counters, C_IDS, 1)
            Atomics.store(index, i, 0)
            return FULL
          }
          this.ensure(id)
          const b = id * kw
          const keys = this.keys
          keys[b] = k0
          if (kw > 1) keys[b + 1] = k1
          if (kw > 2) keys[b + 2] = k2
          if (kw > 3) keys[b + 3] = k3
          this.parents[id] = parent
          this.vias[id] = via
          Atomics.store(index, i, tag | (id + 1))
          return id
        }
        e = Atomics.load(index, i)
      }
      while (e === RESERVED) e = Atomics.load(index, i)
      if ((e & ~mask) === tag) {
        const id = (e & mask) - 1
        const b = id * kw
        const keys = this.keys
        if (keys[b] === k0 && (kw < 2 || keys[b + 1] === k1) && (kw < 3 || keys[b + 2] === k2) && (kw < 4 || keys[b + 3] === k3)) return ~id
      }
    }
  }

  parentOf(id: number): number { return this.parents[id]! }
  viaOf(id: number): number { return this.vias[id]! }

  matches(id: number, words: Uint32Array, off: number): boolean {
    if (id < 0 || id >= this.size) return false
    const key = new Uint32Array(this.keyWords)
    if (this.exact) for (let k = 0; k < this.keyWords; k++) key[k] = words[off + k]!
    else fingerprint(words, off, this.stateWords, key)
    for (let k = 0; k < this.keyWords; k++) if (this.keys[id * this.keyWords + k] !== key[k]) return false
    return true
  }

  pathTo(id: number, maxLength: number = this.size): number[] {
    const ids = [id]
    for (let cur = id; this.parents[cur] !== NO_PARENT;) {
      cur = this.parents[cur]!
      ids.push(cur)
      if (ids.length > maxLength + 1) throw new Error(`the parent chain of state ${id} is longer than ${maxLength} (a corrupt store)`)
    }
    return ids.reverse()
  }

  chunkOf(_id: number): Uint32Array { return this.keys }
  offsetOf(id: number): number { return id * this.keyWords }

  get bytes(): number {
    return this.buffers.keys.byteLength + this.buffers.parents.byteLength + this.buffers.vias.byteLength + this.index.byteLength
  }

  collisionProbability(): number {
    const n = this.size
    return this.exact ? 0 : (n * (n - 1)) / 2 / 2 ** 64
  }

  /** A larger id table with every id re-inserted (single-threaded: every worker is paused). */
  rebuiltIndex(slots: number): SharedArrayBuffer {
    const buf = new SharedArrayBuffer(slots * 4)
    const index = new Int32Array(buf)
    const mask = slots - 1
    const kw = this.keyWords
    const n = this.size
    for (let id = 0; id < n; id++) {
      const b = id * kw
      const h = hash4(this.keys[b]!, kw > 1 ? this.keys[b + 1]! : 0, kw > 2 ? this.keys[b + 2]! : 0, kw > 3 ? this.keys[b + 3]! : 0)
      let i = h & mask
      while (index[i] !== 0) i = (i + 1) & mask
      index[i] = (h & ~mask) | (id + 1)
    }
    return buf
  }

  /** Room for id: the buffers grow (by doubling) before the id is written. Any thread may grow them. */
  private ensure(id: number): void {
    const need = (id + 1) * this.keyWords * 4
    if (need <= this.buffers.keys.byteLength) return
    const growTo = (sab: SharedArrayBuffer, bytes: number) => {
      const target = Math.min(sab.maxByteLength, Math.max(bytes, sab.byteLength * 2))
      if (bytes > sab.maxByteLength) throw new RangeError(`the shared state store is full (${Math.floor(sab.maxByteLength / (bytes / (id + 1))).toLocaleString('en')} states fit in the memory there was)`)
      try { if (target > sab.byteLength) sab.grow(target) } catch (e) { if (sab.byteLength < bytes) throw e }
    }
    growTo(this.buffers.keys, need)
    growTo(this.buffers.parents, (id + 1) * 4)
    growTo(this.buffers.vias, (id + 1) * 4)
  }
}

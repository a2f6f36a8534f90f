/**
 * The BFS queue. When the store keeps states whole, the queue is only a range
 * of ids (ids are given in the order states are found, which is BFS order):
 * nothing is copied. With fingerprints, the states themselves wait in a
 * Frontier.
 */
import { Frontier } from './frontier.js'
import type { StateStore } from './store.js'

export interface StateQueue {
  readonly size: number
  /** Enqueues the state just stored under the next id. */
  push(words: Uint32Array, off: number): void
  /** The head state's words and offset, valid until the next pop. */
  pop(): { chunk: Uint32Array; off: number }
  /** Most bytes the queue held at once. */
  readonly peakBytes: number
}

class StoreQueue implements StateQueue {
  private head = 0
  private tail = 0
  private readonly cursor: { chunk: Uint32Array; off: number } = { chunk: new Uint32Array(0), off: 0 }
  readonly peakBytes = 0

  constructor(private readonly store: StateStore) {}

  get size(): number { return this.tail - this.head }
  push(): void { this.tail++ }
  pop(): { chunk: Uint32Array; off: number } {
    const id = this.head++
    this.cursor.chunk = this.store.chunkOf(id)
    this.cursor.off = this.store.offsetOf(id)
    return this.cursor
  }
}

export const queueFor = (store: StateStore, words: number): StateQueue =>
  store.exact ? new StoreQueue(store) : new Frontier(words)

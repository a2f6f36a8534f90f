/**
 * Executors compute successors. Both read the same encoded state and run the
 * spec's `when`/`then`; they differ only in what `then` writes into:
 *
 *  - `immer`: `produce(s, draft => then(draft, ...))` on a deep-frozen state.
 *    This is the reference semantics (a write to the unprimed state throws).
 *  - `fast`: a reusable mutable copy, restored from the encoding before each
 *    `then` (codec.decodeInto re-attaches every container it owns, so a spec
 *    that replaces a sub-record cannot leak it into the next successor).
 *    No allocation per successor beyond what the spec itself allocates.
 *
 * A test runs every shipped spec through both and compares the state graphs.
 */
import { freeze, produce } from 'immer'
import type { Codec, Skeleton } from '../model/codec.js'
import type { Instance } from './instances.js'

export type ExecutorKind = 'fast' | 'immer'

export interface Executor<S> {
  /** Makes the state at words[off..] current and returns it (read-only). */
  load(words: Uint32Array, off: number): S
  /** The successor of the current state by `inst`, or undefined when disabled. Valid until the next call. */
  successor(inst: Instance<S>): S | undefined
}

const disabled = (w: unknown): boolean => w === undefined || w === false

export function makeExecutor<S>(kind: ExecutorKind, codec: Codec<S>): Executor<S> {
  return kind === 'fast' ? new FastExecutor(codec) : new ImmerExecutor(codec)
}

class FastExecutor<S> implements Executor<S> {
  private readonly cur: Skeleton<S>
  private readonly scratch: Skeleton<S>
  private words: Uint32Array = new Uint32Array(0)
  private off = 0

  constructor(private readonly codec: Codec<S>) {
    this.cur = codec.newSkeleton()
    this.scratch = codec.newSkeleton()
  }

  load(words: Uint32Array, off: number): S {
    this.words = words
    this.off = off
    return this.codec.decodeInto(words, off, this.cur)
  }

  successor(inst: Instance<S>): S | undefined {
    const s = this.cur.root
    const w = inst.action.when(s, inst.params)
    if (disabled(w)) return undefined
    const next = this.codec.decodeInto(this.words, this.off, this.scratch)
    inst.action.then(next, w, inst.params, s)
    return next
  }
}

class ImmerExecutor<S> implements Executor<S> {
  private cur: S = undefined as S

  constructor(private readonly codec: Codec<S>) {}

  load(words: Uint32Array, off: number): S {
    this.cur = freeze(this.codec.decodeFresh(words, off), true)
    return this.cur
  }

  successor(inst: Instance<S>): S | undefined {
    const s = this.cur
    const w = inst.action.when(s, inst.params)
    if (disabled(w)) return undefined
    return produce(s, (draft: S) => { inst.action.then(draft, w, inst.params, s) }) as S
  }
}

/** Applies one instance to a state with the reference semantics; undefined when disabled. */
export function applyReference<S>(inst: Instance<S>, s: S): S | undefined {
  const frozen = freeze(s, true)
  const w = inst.action.when(frozen, inst.params)
  if (disabled(w)) return undefined
  return produce(frozen, (draft: S) => { inst.action.then(draft, w, inst.params, frozen) }) as S
}

/**
 * Executors compute an action instance's successor of the current state.
 *
 * - `immer`: the reference semantics. `then` runs in immer's `produce` on a
 *   frozen state; `s` is read-only.
 * - `fast`: `then` runs on a reusable mutable copy of the current state (a
 *   skeleton restored from the encoding before every successor, so a spec
 *   that replaces a sub-record cannot leak it into the next successor). No
 *   allocation per successor beyond the spec's own.
 *
 * The current state `s` that `when` and `then` read is decoded once per
 * expanded state. The reference executor (and `fast` when `frozen` is set,
 * as lint does) decodes it into deeply frozen objects, so any write to it
 * throws. The fast executor otherwise decodes it into a reusable skeleton
 * (allocating and freezing a state per expansion cost a fifth of the search
 * time), and the system re-encodes it after the expansion: a write that
 * changed it is found there, and the reference executor names the action.
 *
 * A test runs every shipped spec through both and compares the state graphs.
 */
import { freeze, produce } from 'immer'
import type { Codec, Skeleton } from './codec.js'
import type { Instance } from './instances.js'

export type ExecutorKind = 'fast' | 'immer'

export interface Executor<S> {
  /** Makes the state at words[off..] current and returns it, frozen. */
  load(words: Uint32Array, off: number): S
  /** The successor of the current state by `inst`, or undefined when disabled. Valid until the next call. */
  successor(inst: Instance<S>): S | undefined
  /** The skeleton successors are written into, if any (encode skips field counts on its containers; the system audits it). */
  readonly skeleton: Skeleton<S> | undefined
}

export const disabled = (w: unknown): boolean => w === undefined || w === false

export function makeExecutor<S>(kind: ExecutorKind, codec: Codec<S>, frozen = false): Executor<S> {
  return kind === 'fast' ? new FastExecutor(codec, frozen) : new ImmerExecutor(codec)
}

class FastExecutor<S> implements Executor<S> {
  readonly skeleton: Skeleton<S>
  private readonly current: Skeleton<S>
  private cur: S = undefined as S
  private words: Uint32Array = new Uint32Array(0)
  private off = 0

  constructor(private readonly codec: Codec<S>, private readonly frozen: boolean) {
    this.skeleton = codec.newSkeleton()
    this.current = codec.newSkeleton()
  }

  load(words: Uint32Array, off: number): S {
    this.words = words
    this.off = off
    this.cur = this.frozen ? this.codec.decodeFrozen(words, off) : this.codec.decodeInto(words, off, this.current)
    return this.cur
  }

  successor(inst: Instance<S>): S | undefined {
    const s = this.cur
    const w = inst.action.when(s, inst.params)
    if (disabled(w)) return undefined
    const next = this.codec.decodeInto(this.words, this.off, this.skeleton)
    inst.action.then(next, w, inst.params, s)
    return next
  }
}

class ImmerExecutor<S> implements Executor<S> {
  readonly skeleton = undefined
  private cur: S = undefined as S

  constructor(private readonly codec: Codec<S>) {}

  load(words: Uint32Array, off: number): S {
    this.cur = this.codec.decodeFrozen(words, off)
    return this.cur
  }

  successor(inst: Instance<S>): S | undefined {
    return applyReference(inst, this.cur)
  }
}

/** Applies one instance to a state with the reference semantics; undefined when disabled. */
export function applyReference<S>(inst: Instance<S>, s: S): S | undefined {
  const frozen = freeze(s, true)
  const w = inst.action.when(frozen, inst.params)
  if (disabled(w)) return undefined
  return produce(frozen, (draft: S) => { inst.action.then(draft, w, inst.params, frozen) }) as S
}

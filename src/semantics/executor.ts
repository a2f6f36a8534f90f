/**
 * Executors compute an action instance's successor of the current state.
 *
 * - `immer`: the reference semantics. `then` runs in immer's `produce` on a
 *   frozen state; `s` is read-only.
 * - `fast`: `then` runs on a reusable mutable copy of the current state (a
 *   skeleton). The successor is encoded by difference: starting from the
 *   current state's words, only the scalars `then` changed are encoded and
 *   checked against their domains, and only those are put back before the
 *   next successor. A spec that replaces a container gets a fresh skeleton
 *   (decoded whole), so its object cannot leak into the next successor. No
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
import { newDiff, type Codec, type Diff, type Skeleton } from './codec.js'
import type { Instance } from './instances.js'

export type ExecutorKind = 'fast' | 'immer'

export interface Executor<S> {
  /** Makes the state at words[off..] current and returns it, frozen. */
  load(words: Uint32Array, off: number): S
  /** The successor of the current state by `inst`, whose guard returned `w` (enabled). Valid until the next call. */
  fire(inst: Instance<S>, w: unknown): S
  /** Encodes the successor just computed into out[0..]; returns as Codec.encode does. */
  encodeNext(next: S, out: Uint32Array): number
  /** The skeleton successors are written into, if any (encode skips field counts on its containers; the system audits it). */
  readonly skeleton: Skeleton<S> | undefined
  /** The skeleton the current state is decoded into, if it is reused rather than frozen. */
  readonly currentSkeleton: Skeleton<S> | undefined
}

export const disabled = (w: unknown): boolean => w === undefined || w === false

export function makeExecutor<S>(kind: ExecutorKind, codec: Codec<S>, frozen = false): Executor<S> {
  return kind === 'fast' ? new FastExecutor(codec, frozen) : new ImmerExecutor(codec)
}

class FastExecutor<S> implements Executor<S> {
  readonly skeleton: Skeleton<S>
  private readonly current: Skeleton<S>
  get currentSkeleton(): Skeleton<S> | undefined { return this.frozen ? undefined : this.current }
  private readonly diff: Diff
  private cur: S = undefined as S
  private words: Uint32Array = new Uint32Array(0)
  private off = 0
  /** What the skeleton holds: the current state, or a successor's changes listed in `diff`, or anything. */
  private scratch: 'clean' | 'diff' | 'dirty' = 'dirty'

  constructor(private readonly codec: Codec<S>, private readonly frozen: boolean) {
    this.skeleton = codec.newSkeleton()
    this.current = codec.newSkeleton()
    this.diff = newDiff(codec.slots.length)
  }

  load(words: Uint32Array, off: number): S {
    this.words = words
    this.off = off
    if (this.frozen) {
      this.cur = this.codec.decodeFrozen(words, off)
      this.scratch = 'dirty'
    } else {
      this.cur = this.codec.decodeInto2(words, off, this.current, this.skeleton)
      this.scratch = 'clean'
    }
    return this.cur
  }

  fire(inst: Instance<S>, w: unknown): S {
    const s = this.cur
    if (this.scratch === 'diff' && !this.diff.foreign) this.codec.restore(this.skeleton, s, this.diff)
    else if (this.scratch !== 'clean') this.codec.decodeInto(this.words, this.off, this.skeleton)
    // Until encodeNext lists what this update changed, anything may have.
    this.scratch = 'dirty'
    const next = this.skeleton.root
    inst.action.then(next, w, inst.params, s)
    return next
  }

  encodeNext(next: S, out: Uint32Array): number {
    const r = this.codec.encodeDiff(next, this.cur, this.words, this.off, out, this.skeleton, this.diff)
    this.scratch = r === -1 ? (this.diff.count === 0 && !this.diff.foreign ? 'clean' : 'diff') : 'dirty'
    return r
  }
}

class ImmerExecutor<S> implements Executor<S> {
  readonly skeleton = undefined
  readonly currentSkeleton = undefined
  private cur: S = undefined as S

  constructor(private readonly codec: Codec<S>) {}

  load(words: Uint32Array, off: number): S {
    this.cur = this.codec.decodeFrozen(words, off)
    return this.cur
  }

  fire(inst: Instance<S>, w: unknown): S {
    const s = this.cur
    return produce(s, (draft: S) => { inst.action.then(draft, w as never, inst.params, s) }) as S
  }

  encodeNext(next: S, out: Uint32Array): number {
    return this.codec.encode(next, out, 0)
  }
}

/** Applies one instance to a state with the reference semantics; undefined when disabled. */
export function applyReference<S>(inst: Instance<S>, s: S): S | undefined {
  const frozen = freeze(s, true)
  const w = inst.action.when(frozen, inst.params)
  if (disabled(w)) return undefined
  return produce(frozen, (draft: S) => { inst.action.then(draft, w, inst.params, frozen) }) as S
}

/**
 * The seen set: 64-bit fingerprints in an open-addressing table over one
 * Uint32Array (two lanes per slot), linear probing, grown at 70% load.
 * A V8 Set stops at 2^24 entries; this one is bounded only by memory.
 *
 * When a state's encoding fits in 63 bits the fingerprint *is* the encoding
 * (with the top bit set to mark the slot used), so the set is exact; otherwise
 * two independent 32-bit hashes are combined and a collision is possible, with
 * the probability `collisionProbability` reports.
 */
export class FingerprintSet {
  private table: Uint32Array
  private mask: number
  /**
   * Direct-mapped cache of recently seen fingerprints (256 KiB, stays in L2).
   * Most duplicates in a BFS close a diamond between sibling states expanded
   * moments apart; answering those here saves a cache miss in the big table.
   * It only ever holds fingerprints that are in the table, so a hit is exact.
   */
  private readonly recent = new Uint32Array(2 << 15)
  size = 0

  constructor(readonly exact: boolean, initialLog2 = 18) {
    this.table = new Uint32Array(2 << initialLog2)
    this.mask = (1 << initialLog2) - 1
  }

  /** Adds the fingerprint (hi, lo); returns true if it was new. (hi, lo) must not be (0, 0). */
  add(hi: number, lo: number): boolean {
    const m = mix(hi, lo)
    const r = this.recent
    const c = 2 * (m >>> 17)
    if (r[c] === hi && r[c + 1] === lo) return false
    r[c] = hi
    r[c + 1] = lo
    const t = this.table
    let i = m & this.mask
    for (;;) {
      const h = t[2 * i]!
      const l = t[2 * i + 1]!
      if (h === 0 && l === 0) break
      if (h === hi && l === lo) return false
      i = (i + 1) & this.mask
    }
    t[2 * i] = hi
    t[2 * i + 1] = lo
    if (++this.size * 10 > (this.mask + 1) * 7) this.grow()
    return true
  }

  /** Slots allocated, for the bytes-per-state figure. */
  get bytes(): number { return this.table.byteLength }

  /** Probability that some two distinct states share a fingerprint (0 when exact). */
  collisionProbability(): number {
    return this.exact ? 0 : (this.size * (this.size - 1)) / 2 / 2 ** 64
  }

  private grow(): void {
    const old = this.table
    const slots = (this.mask + 1) * 2
    if (slots * 2 > 2 ** 31) throw new RangeError('seen set full: more than 2^30 states')
    this.table = new Uint32Array(slots * 2)
    this.mask = slots - 1
    const t = this.table
    for (let j = 0; j < old.length; j += 2) {
      const hi = old[j]!
      const lo = old[j + 1]!
      if (hi === 0 && lo === 0) continue
      let i = mix(hi, lo) & this.mask
      while (t[2 * i] !== 0 || t[2 * i + 1] !== 0) i = (i + 1) & this.mask
      t[2 * i] = hi
      t[2 * i + 1] = lo
    }
  }
}

/** Slot index from a fingerprint (a murmur3 finaliser over both lanes). */
function mix(hi: number, lo: number): number {
  let h = Math.imul(hi ^ 0x9e3779b9, 0x85ebca6b) ^ lo
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

/**
 * Fingerprint of `n` words at `w[off..]` into `out[0..1]` (hi, lo), never (0, 0).
 * Exact when the payload fits in 63 bits.
 */
export function fingerprint(w: Uint32Array, off: number, n: number, exact: boolean, out: Uint32Array): void {
  if (exact) {
    out[0] = n === 2 ? (w[off + 1]! | 0x80000000) : 0x80000000
    out[1] = w[off]!
    return
  }
  let a = 0x2545f491 ^ n
  let b = 0x6c078965
  for (let i = 0; i < n; i++) {
    const x = w[off + i]!
    a = Math.imul(a ^ Math.imul(x, 0xcc9e2d51), 0x1b873593)
    a = (a << 13) | (a >>> 19)
    b = Math.imul(b + x, 0x9e3779b1) ^ (b >>> 15)
    b = (b << 11) | (b >>> 21)
  }
  a = fmix(a ^ n)
  b = fmix(b ^ Math.imul(n, 0x27d4eb2f))
  out[0] = a
  out[1] = b === 0 && a === 0 ? 1 : b
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

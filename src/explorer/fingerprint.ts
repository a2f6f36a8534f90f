/**
 * Hashing of encoded states: a 64-bit fingerprint for the store's key when a
 * state is too large to keep whole, and a 32-bit table index from a key.
 */

/**
 * 64-bit fingerprint of `n` words at `w[off..]` into `out[0..1]` (hi, lo):
 * two independent 32-bit hashes (murmur3-style mixing), so a collision needs
 * both to agree.
 */
export function fingerprint(w: Uint32Array, off: number, n: number, out: Uint32Array): void {
  let a = 0x2545f491 ^ n
  let b = 0x6c078965
  for (let i = 0; i < n; i++) {
    const x = w[off + i]!
    a = Math.imul(a ^ Math.imul(x, 0xcc9e2d51), 0x1b873593)
    a = (a << 13) | (a >>> 19)
    b = Math.imul(b + x, 0x9e3779b1) ^ (b >>> 15)
    b = (b << 11) | (b >>> 21)
  }
  out[0] = fmix(a ^ n)
  out[1] = fmix(b ^ Math.imul(n, 0x27d4eb2f))
}

/** A table index from a key of up to four words (missing words are 0), murmur3-style mixing. */
export function hash4(k0: number, k1: number, k2: number, k3: number): number {
  let h = Math.imul(k0 ^ 0x9e3779b9, 0x85ebca6b) ^ k1
  h = Math.imul(h ^ (h >>> 15), 0xc2b2ae35) ^ k2
  h = Math.imul(h ^ (h >>> 13), 0x85ebca6b) ^ k3
  return fmix(h)
}

function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  return (h ^ (h >>> 16)) >>> 0
}

import { availableParallelism } from 'node:os'
import { MemoryLimit } from '../explorer/memory.js'

/**
 * Every core, unless an address-space limit (ulimit -v) could not hold the
 * extra isolates: each worker thread reserves most of a gigabyte of address
 * space, and failing to get it kills the process outright.
 */
export function defaultWorkers(): number {
  const cores = availableParallelism()
  const room = new MemoryLimit().room()
  return room === undefined ? cores : Math.max(1, Math.min(cores, Math.floor(room / (2 * 2 ** 30))))
}

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

/**
 * A worker thread's script, compiled: beside this file when it runs from
 * dist/, and from dist/ when it runs from the TypeScript source (under
 * vitest), since a worker thread cannot load TypeScript. `npm ci` builds dist/.
 */
export function workerScript(name: 'searchWorker' | 'simulateWorker'): URL {
  return import.meta.url.endsWith('.ts') ? new URL(`../../dist/src/cli/${name}.js`, import.meta.url) : new URL(`./${name}.js`, import.meta.url)
}

/**
 * The script of a parallel search's worker thread: load the spec as the
 * command line did (by name, or the bundle of a spec file), compile it with
 * the same parameters, and expand states until the coordinator stops it.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { pathToFileURL } from 'node:url'
import type { Spec } from '../model/spec.js'
import { compile } from '../semantics/system.js'
import { workerLoop, type FromWorker, type WorkerInit } from '../explorer/parallel.js'
import { builtinSpecs } from './load.js'

const init = workerData as WorkerInit & { worker: number }
const parent = parentPort!
const port = { postMessage: (m: FromWorker) => parent.postMessage(m), receive: () => receiveMessageOnPort(parent)?.message }
try {
  const spec = init.spec.module !== undefined
    ? (ns => ns['default'] ?? ns['spec'])((await import(pathToFileURL(init.spec.module).href)) as Record<string, Spec>)!
    : (await builtinSpecs()).find(s => s.name === init.spec.name)!
  const sys = compile(spec, init.spec.params as never, {
    ...(init.spec.variant ? { variant: init.spec.variant } : {}), ...(init.spec.symmetry ? { symmetry: true } : {}), ...(init.spec.por ? { por: true } : {}),
  })
  workerLoop(sys, init, port)
} catch (e) {
  port.postMessage({ type: 'error', message: `a worker thread could not start: ${(e as Error).message}`, at: -1 })
}

/**
 * The script of a parallel search's worker thread: compile the spec as the
 * command line did, and expand states until the coordinator stops it.
 */
import { parentPort, receiveMessageOnPort, workerData } from 'node:worker_threads'
import { workerLoop, type FromWorker, type WorkerInit } from '../explorer/parallel.js'
import { workerSystem } from './workerSystem.js'

const init = workerData as WorkerInit & { worker: number }
const parent = parentPort!
const port = { postMessage: (m: FromWorker) => parent.postMessage(m), receive: () => receiveMessageOnPort(parent)?.message }
try {
  workerLoop(await workerSystem(init.spec), init, port)
} catch (e) {
  port.postMessage({ type: 'error', message: `a worker thread could not start: ${(e as Error).message}`, at: -1 })
}

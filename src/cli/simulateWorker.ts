/** The script of a simulation's worker thread: compile the spec as the command line did, and do this thread's runs. */
import { parentPort, workerData } from 'node:worker_threads'
import { simulateWorkerLoop, type SimWorkerInit } from '../explorer/parallelSimulate.js'
import type { SpecRef } from './runCheck.js'
import { workerSystem } from './workerSystem.js'

const init = workerData as SimWorkerInit
try {
  parentPort!.postMessage({ type: 'result', result: simulateWorkerLoop(await workerSystem(init.spec as SpecRef), init) })
} catch (e) {
  parentPort!.postMessage({ type: 'error', message: `a simulation thread failed: ${(e as Error).message}` })
}

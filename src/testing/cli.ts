import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export const root = fileURLToPath(new URL('../..', import.meta.url))
export const bin = `${root}bin/sptecheck.js`

export interface Ran { status: number; stdout: string; stderr: string }

/** Runs the built CLI as a user would; returns its status and output. */
export function cli(...args: string[]): Ran {
  return cliIn(root, ...args)
}

/** The same, from another working folder. */
export function cliIn(cwd: string, ...args: string[]): Ran {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8' })
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr }
}

/** Runs the CLI and sends it `signal` once `ready` matches its stderr (or after `afterMs`). */
export async function cliSignalled(args: string[], signal: NodeJS.Signals, when: { ready?: RegExp; afterMs?: number }): Promise<Ran> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root })
  let stdout = ''
  let stderr = ''
  let sent = false
  const send = () => { if (!sent) { sent = true; child.kill(signal) } }
  child.stdout.on('data', d => { stdout += String(d) })
  child.stderr.on('data', d => { stderr += String(d); if (when.ready?.test(stderr)) setTimeout(send, when.afterMs ?? 0) })
  if (when.ready === undefined) setTimeout(send, when.afterMs ?? 1000)
  const status = await new Promise<number>(resolve => child.on('close', (code, sig) => resolve(code ?? (sig ? 128 : -1))))
  return { status, stdout, stderr }
}

/** One line on stderr, no stack trace. */
export const oneLine = (stderr: string): boolean => stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(stderr)

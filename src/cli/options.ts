/**
 * What `check`, `lint`, `matrix` and friends share: resolving the spec and its
 * parameters from the command line, limits, and output paths checked before
 * any search starts (a path that cannot be written is a usage error up front,
 * not a crash after an hour of search).
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { resolveCommandLine, type Resolved } from '../model/params.js'
import type { Spec } from '../model/spec.js'
import { natFlag, type Parsed } from './args.js'
import { orUsage, UsageError } from './usageError.js'

/** --variant and --set, resolved against the spec. */
export const resolvedParams = (spec: Spec, p: Parsed): Resolved =>
  orUsage(resolveCommandLine(spec, p.values['variant']?.[0], p.values['set'] ?? []))

/** A positive integer flag (a limit of 0 would make the search meaningless). */
export function positiveFlag(p: Parsed, name: string): number | undefined {
  const n = orUsage(natFlag(p, name))
  if (n === 0) throw new UsageError(`--${name} must be at least 1`)
  return n
}

export function limits(p: Parsed): { maxStates?: number; maxDepth?: number; maxSeconds?: number; maxMemory?: number } {
  const maxStates = positiveFlag(p, 'max-states')
  const maxDepth = orUsage(natFlag(p, 'max-depth'))
  const maxSeconds = positiveFlag(p, 'max-seconds')
  const maxMemoryMiB = p.values['max-memory'] === undefined ? undefined : positiveFlag(p, 'max-memory')
  return {
    ...(maxStates !== undefined ? { maxStates } : {}),
    ...(maxDepth !== undefined ? { maxDepth } : {}),
    ...(maxSeconds !== undefined ? { maxSeconds } : {}),
    ...(maxMemoryMiB !== undefined ? { maxMemory: maxMemoryMiB * 2 ** 20 } : {}),
  }
}

/** Refuses an output file that cannot be written: a folder, a missing folder, no write permission. */
export function writableFile(flag: string, file: string): string {
  const path = resolve(file)
  if (existsSync(path) && statSync(path).isDirectory()) throw new UsageError(`--${flag} ${file} is a folder; give a file name`)
  const dir = dirname(path)
  if (!existsSync(dir)) throw new UsageError(`--${flag} ${file}: the folder ${dir} does not exist`)
  if (!statSync(dir).isDirectory()) throw new UsageError(`--${flag} ${file}: ${dir} is not a folder`)
  const can = (p: string) => E.tryCatch(() => accessSync(p, constants.W_OK), () => false)
  if (E.isLeft(can(dir))) throw new UsageError(`--${flag} ${file}: cannot write in ${dir}`)
  if (existsSync(path) && E.isLeft(can(path))) throw new UsageError(`--${flag} ${file}: the file exists and cannot be overwritten`)
  return path
}

/** Refuses an output folder that cannot be written (it is created if its parent exists). */
export function writableDir(flag: string, dir: string): string {
  const path = resolve(dir)
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new UsageError(`--${flag} ${dir} is a file; give a folder`)
    if (E.isLeft(E.tryCatch(() => accessSync(path, constants.W_OK), () => false))) throw new UsageError(`--${flag} ${dir}: cannot write in it`)
    return path
  }
  writableFile(flag, dir)
  return path
}

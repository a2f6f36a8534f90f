/**
 * Running out of memory must end a search as `incomplete`, with its
 * statistics, never as a crash. V8 dies outright when its own heap or
 * compiler cannot allocate, so the store asks here before each large
 * allocation and stops the search while there is still room to report.
 *
 * Limits honoured: the address-space limit (`ulimit -v`, read from
 * /proc/self/limits and compared with VmSize), a cgroup memory limit
 * (process.constrainedMemory, compared with the resident size), and an
 * explicit budget (`--max-memory`). Where /proc is missing, only the last
 * two apply.
 */
import { readFileSync } from 'node:fs'

/** Room left for V8's own heap and compiler after the store's last allocation. */
const HEADROOM = 96 * 2 ** 20

const readProc = (file: string): string | undefined => {
  try { return readFileSync(file, 'utf8') } catch { return undefined }
}

function addressSpaceLimit(): number | undefined {
  const m = /^Max address space\s+(\S+)/m.exec(readProc('/proc/self/limits') ?? '')
  return m === null || m[1] === 'unlimited' ? undefined : Number(m[1])
}

const vmSize = (): number | undefined => {
  const m = /^VmSize:\s+(\d+) kB/m.exec(readProc('/proc/self/status') ?? '')
  return m === null ? undefined : Number(m[1]) * 1024
}

export class MemoryLimit {
  private readonly addressSpace = addressSpaceLimit()
  private readonly cgroup: number | undefined

  constructor(readonly budget?: number) {
    const c = (process as { constrainedMemory?: () => number | undefined }).constrainedMemory?.()
    this.cgroup = c !== undefined && c > 0 && c < 2 ** 52 ? c : undefined
  }

  /** Bytes that may still be reserved (address space or memory), or undefined when no limit is known. */
  room(): number | undefined {
    const rooms: number[] = []
    if (this.addressSpace !== undefined) { const vm = vmSize(); if (vm !== undefined) rooms.push(this.addressSpace - vm - HEADROOM) }
    const rss = process.memoryUsage.rss()
    if (this.cgroup !== undefined) rooms.push(this.cgroup - rss - HEADROOM)
    if (this.budget !== undefined) rooms.push(this.budget - rss)
    return rooms.length === 0 ? undefined : Math.max(0, Math.min(...rooms))
  }

  /** Why `bytes` more cannot be allocated, or undefined if they can. */
  refuses(bytes: number): string | undefined {
    const need = bytes + HEADROOM
    if (this.addressSpace !== undefined) {
      const vm = vmSize()
      if (vm !== undefined && vm + need > this.addressSpace) return `the address-space limit (ulimit -v) of ${mib(this.addressSpace)} would be passed`
    }
    const rss = process.memoryUsage.rss()
    if (this.cgroup !== undefined && rss + need > this.cgroup) return `the memory limit of ${mib(this.cgroup)} (cgroup) would be passed`
    if (this.budget !== undefined && rss + bytes > this.budget) return `the memory budget of ${mib(this.budget)} (--max-memory) would be passed`
    return undefined
  }
}

export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`

/**
 * Ctrl-C and SIGTERM: the first asks every running search to stop at its next
 * slice (verdict `incomplete`, with statistics, exit 3), and a matrix not to
 * start another row; a second one ends the process at once.
 */
type Listener = (reason: string) => void

const listeners = new Set<Listener>()
let requested: string | undefined

/** Why a stop was requested, if it was. */
export const stopRequested = (): string | undefined => requested

/** Calls `l` when a stop is requested (at once if it already was); returns the unsubscribe. */
export function onStop(l: Listener): () => void {
  if (requested !== undefined) l(requested)
  listeners.add(l)
  return () => listeners.delete(l)
}

export function installSignalHandlers(): void {
  const handle = (reason: string, code: number) => () => {
    if (requested !== undefined) process.exit(code)
    requested = reason
    for (const l of listeners) l(reason)
  }
  process.on('SIGINT', handle('interrupted by Ctrl-C', 130))
  process.on('SIGTERM', handle('terminated by SIGTERM', 143))
}

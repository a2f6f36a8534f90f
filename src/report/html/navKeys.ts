/** The pages' keyboard: j/k or the arrows to step, Home/End (g/G) for the first and last step. */
export interface Nav {
  readonly next: () => void
  readonly prev: () => void
  readonly first: () => void
  readonly last: () => void
  /** Any other key; return true when handled. */
  readonly other?: (e: KeyboardEvent) => boolean
}

export function navKeys(nav: Nav): void {
  document.addEventListener('keydown', e => {
    if (e.ctrlKey || e.metaKey || e.altKey) return
    const t = e.target as HTMLElement | null
    if (t && (t.tagName === 'INPUT' && (t as HTMLInputElement).type === 'text' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return
    const go: Record<string, (() => void) | undefined> = {
      ArrowDown: nav.next, j: nav.next, n: nav.next, ArrowRight: nav.next,
      ArrowUp: nav.prev, k: nav.prev, p: nav.prev, ArrowLeft: nav.prev,
      Home: nav.first, g: nav.first, End: nav.last, G: nav.last,
    }
    const f = go[e.key]
    if (f !== undefined) { f(); e.preventDefault(); return }
    if (nav.other?.(e)) e.preventDefault()
  })
}

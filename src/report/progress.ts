/**
 * Progress on stderr while a search runs: a live line on a terminal, plain
 * lines otherwise (CI logs), never on stdout.
 */
import type { Stats } from '../explorer/result.js'

export class Progress {
  private last = Date.now()
  private lastStates = 0
  private live = false

  constructor(private readonly out: NodeJS.WriteStream = process.stderr, private readonly everyMs = out.isTTY ? 3000 : 10_000) {}

  tick(s: Stats): void {
    const now = Date.now()
    if (now - this.last < this.everyMs) return
    const rate = ((s.distinctStates - this.lastStates) * 1000) / (now - this.last)
    this.last = now
    this.lastStates = s.distinctStates
    const line = `${(s.elapsedMs / 1000).toFixed(0)}s: ${s.distinctStates.toLocaleString('en')} distinct, ` +
      `${s.transitions.toLocaleString('en')} transitions, depth ${s.depth}, queue ${s.queue.toLocaleString('en')}, ` +
      `${Math.round(rate).toLocaleString('en')} states/s`
    if (this.out.isTTY) { this.out.write(`\r\x1b[K${line}`); this.live = true } else this.out.write(`${line}\n`)
  }

  done(): void { if (this.live) this.out.write('\r\x1b[K') }
}

/**
 * Progress on stderr while a search runs: a live line on a terminal, plain
 * lines otherwise (CI logs), never on stdout. The line fits in 79 columns so
 * that a live line never wraps on a standard terminal.
 */
import type { Stats } from '../explorer/result.js'

const compact = (n: number): string =>
  n < 1e4 ? String(n) : n < 1e6 ? `${(n / 1e3).toFixed(n < 1e5 ? 1 : 0)}k` : n < 1e9 ? `${(n / 1e6).toFixed(n < 1e8 ? 2 : 1)}M` : `${(n / 1e9).toFixed(2)}G`

export class Progress {
  private last = Date.now()
  private lastStates = 0
  private live = false

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly everyMs = out.isTTY ? 3000 : 10_000,
    /** Names what is running, e.g. a matrix row. */
    private readonly label = '',
  ) {}

  tick(s: Stats): void {
    const now = Date.now()
    if (now - this.last < this.everyMs) return
    const rate = ((s.distinctStates - this.lastStates) * 1000) / (now - this.last)
    this.last = now
    this.lastStates = s.distinctStates
    const line = `${this.label ? `${this.label}: ` : ''}${(s.elapsedMs / 1000).toFixed(0)}s ${compact(s.distinctStates)} states ` +
      `${compact(s.transitions)} trans, depth ${s.depth}, queue ${compact(s.queue)}, ${compact(Math.round(rate))}/s, ` +
      `${(s.memoryBytes / 2 ** 20).toFixed(0)} MiB`
    if (this.out.isTTY) { this.out.write(`\r\x1b[K${line.slice(0, 79)}`); this.live = true } else this.out.write(`${line}\n`)
  }

  done(): void { if (this.live) this.out.write('\r\x1b[K') }
}

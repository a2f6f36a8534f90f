#!/usr/bin/env node
// The CLI is compiled by `npm ci` (the `prepare` script); this shim only finds it.
import { existsSync } from 'node:fs'
const entry = new URL('../dist/src/cli/main.js', import.meta.url)
if (!existsSync(entry)) {
  process.stderr.write('sptecheck: not built yet; run `npm ci` (or `npm run build`) in the repository first\n')
  process.exit(64)
}
await import(entry.href)

import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** vitest globalSetup: compile dist/ so CLI tests exercise the sources under test. */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url))
  execFileSync(process.execPath, [`${root}node_modules/typescript/bin/tsc`, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' })
}

import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    // Specs in this repository import the vocabulary as users do: from 'sptecheck'.
    alias: { sptecheck: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    include: ['src/**/*.test.ts', 'spec/**/*.test.ts'],
    // CLI tests run the compiled command as a user would; build it from the current sources first.
    globalSetup: ['./src/testing/buildOnce.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})

import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'spec/**/*.test.ts'],
    // CLI tests run the compiled command as a user would; build it from the current sources first.
    globalSetup: ['./src/testing/buildOnce.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})

import path from 'node:path'
import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'
import { TIMEOUTS } from './timeouts'

const root = path.resolve(import.meta.dirname, '../..')

// Browser and server tests against the production build. Each test file
// starts its own server (and browser, where needed), so files may run side
// by side; two workers keep a small machine responsive.
export default defineConfig({
  root,
  // Tests import app modules, which reach each other by '~/'.
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: true,
    maxWorkers: 2,
    minWorkers: 1,
    // Every limit comes from timeouts.ts, scaled by E2E_TIME_SCALE.
    testTimeout: TIMEOUTS.test,
    hookTimeout: TIMEOUTS.hook,
    teardownTimeout: TIMEOUTS.teardown,
    expect: { poll: { timeout: TIMEOUTS.poll } },
  },
})

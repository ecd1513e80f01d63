import tsconfigPaths from 'vite-tsconfig-paths'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Every test file opens its own database file, so files run in parallel safely.
    fileParallelism: true,
    testTimeout: 20_000,
    // Stylesheets imported with `?raw` are inlined into exported documents: keep their text in tests too.
    css: { include: [/\.css\?raw$/] },
  },
})

/**
 * `npm start`: builds the app if there is no build or the sources are newer
 * than it, then starts the production server (which migrates and seeds the
 * database before it listens).
 */
import { spawnSync } from 'node:child_process'
import { buildState, projectRoot } from '~/server/build-state'

if (buildState() !== 'current') {
  console.log('Building the app…')
  const result = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('Build failed')
    process.exit(result.status ?? 1)
  }
}

process.env.NODE_ENV ??= 'production'
const { startServer } = await import('./main')
await startServer()

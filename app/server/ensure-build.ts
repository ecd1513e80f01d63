/**
 * Before `npm start`: builds the app if there is no build or the sources are newer than it. `npm start` then
 * runs the compiled server (build/server/bin/main.js) with Node alone, which migrates and seeds the database
 * before it listens.
 */
import { spawnSync } from 'node:child_process'
import { projectRoot } from '../../db/project-root'
import { buildState } from '~/server/build-state'

if (buildState() !== 'current') {
  console.log('Building the app…')
  const result = spawnSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('Build failed')
    process.exit(result.status ?? 1)
  }
}

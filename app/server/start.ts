/**
 * `npm start`: builds the app if there is no build or the sources are newer
 * than it, then starts the production server (which migrates and seeds the
 * database before it listens).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const builtServer = path.join(root, 'build/server/index.js')

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

function buildIsCurrent(): boolean {
  if (!existsSync(builtServer)) return false
  const builtAt = statSync(builtServer).mtimeMs
  const sources = ['app', 'competences', 'public', 'db/schema.ts', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']
  return sources.every((s) => newestMtime(path.join(root, s)) <= builtAt)
}

if (!buildIsCurrent()) {
  console.log('Building the app…')
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) {
    console.error('Build failed')
    process.exit(result.status ?? 1)
  }
}

process.env.NODE_ENV ??= 'production'
const { startServer } = await import('./main')
await startServer()

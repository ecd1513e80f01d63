/** Whether the production build is there and newer than everything it is built from. */
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import { projectRoot } from '../../db/project-root'

/** What a build is made from: newer than the build, any of them means the build is stale. */
const SOURCES = ['app', 'competences', 'public', 'db', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

/** What a build is: the app's server bundle and the compiled server that loads it (written last). */
const BUILT = ['build/server/index.js', 'build/server/bin/main.js']

export function buildState(root = projectRoot): 'missing' | 'stale' | 'current' {
  const built = BUILT.map((b) => path.join(root, b))
  if (!built.every((b) => existsSync(b))) return 'missing'
  const builtAt = Math.min(...built.map((b) => statSync(b).mtimeMs))
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= builtAt) ? 'current' : 'stale'
}

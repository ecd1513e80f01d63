/** Whether the production build is there and newer than everything it is built from. */
import { existsSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'

export const projectRoot = path.resolve(import.meta.dirname, '../..')

/** What a build is made from: newer than the build, any of them means the build is stale. */
const SOURCES = ['app', 'competences', 'public', 'db/schema.ts', 'vite.config.ts', 'tsconfig.json', 'package-lock.json']

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0
  const stat = statSync(entry)
  if (!stat.isDirectory()) return stat.mtimeMs
  let newest = stat.mtimeMs
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)))
  return newest
}

export function buildState(root = projectRoot): 'missing' | 'stale' | 'current' {
  const builtServer = path.join(root, 'build/server/index.js')
  if (!existsSync(builtServer)) return 'missing'
  const builtAt = statSync(builtServer).mtimeMs
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= builtAt) ? 'current' : 'stale'
}

import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The project's root: the nearest folder above `from` holding Attain's package.json. Code runs from its source
 * folder (tsx, vitest), from the app bundle in build/server/ or from the compiled server in build/server/bin/, so a
 * path fixed relative to one module's folder would be right in one of them only; files the server reads or
 * starts (migrations, worker scripts, the build) are found from here instead.
 */
export function findProjectRoot(from: string): string {
  for (let dir = from; ;) {
    const manifest = path.join(dir, 'package.json')
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'attain')
      return dir
    const parent = path.dirname(dir)
    if (parent === dir) throw new Error(`No Attain package.json above ${from}`)
    dir = parent
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname)

import path from 'node:path'
import { listDir, statOrNull, unlinkIfPresent } from '~/files/fs.server'
import { isStorePrefix, isStoredName, storeRoot, tmpDir } from '~/files/store-path'

/** The sweep: what leaves the content-addressed store, and when. */

export interface SweepResult {
  /** SHA-256s of the stored files deleted. */
  removed: string[]
  /** Stored files left in place. */
  kept: number
  /** Abandoned temporary files deleted. */
  removedTemp: number
}

/**
 * Deletes stored files that nothing references and that are older than
 * `graceMs` (the grace covers an upload whose database row is not written
 * yet), and temporary files older than `graceMs` (left by an interrupted
 * upload). `referenced` holds every SHA-256 still in use.
 */
export async function sweepOrphanFiles(
  dataDir: string,
  referenced: ReadonlySet<string>,
  { graceMs, now }: { graceMs: number; now: Date | number },
): Promise<SweepResult> {
  const cutoff = (typeof now === 'number' ? now : now.getTime()) - graceMs
  const root = storeRoot(dataDir)
  const result: SweepResult = { removed: [], kept: 0, removedTemp: 0 }

  for (const name of await listDir(tmpDir(dataDir))) {
    const full = path.join(tmpDir(dataDir), name)
    const stat = await statOrNull(full)
    if (stat?.isFile() && stat.mtimeMs < cutoff && (await unlinkIfPresent(full))) result.removedTemp++
  }

  for (const prefix of await listDir(root)) {
    if (!isStorePrefix(prefix)) continue
    const dir = path.join(root, prefix)
    for (const name of await listDir(dir)) {
      if (!isStoredName(prefix, name)) continue
      const full = path.join(dir, name)
      const stat = await statOrNull(full)
      if (!stat?.isFile()) continue
      if (referenced.has(name) || stat.mtimeMs >= cutoff) {
        result.kept++
        continue
      }
      if (await unlinkIfPresent(full)) result.removed.push(name)
    }
  }
  return result
}

import path from 'node:path'
import { listDir, statOrNull, unlinkIfPresent } from '~/files/fs.server'
import type { Db } from '../../db/client'
import { isStorePrefix, isStoredName, storeRoot, tmpDir } from '~/files/store-path'
import { missingFiles } from '~/files/store.server'
import { dropOrphanConversions } from '~/models/conversions.server'
import { forgetStoredFiles, referencedFiles, storedFilesOutside } from '~/models/files.server'

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

export interface SweepReport {
  removed: number
  removedTemp: number
  kept: number
  /** Files rows point at that are not in the store: reported, never silently ignored. */
  missing: string[]
}

/**
 * Removes stored files no attachment references (a form that failed after
 * its files were stored, an item deleted) once they are older than the grace
 * period, and reports rows whose file is missing.
 */
export async function sweepFiles(
  db: Db,
  dataDir: string,
  { graceMs = 24 * 3_600_000, now = new Date() } = {},
): Promise<SweepReport> {
  // Conversions of files no longer stored go first, so their PDFs are no longer referenced.
  dropOrphanConversions(db, new Date(now.getTime() - graceMs))
  const referenced = referencedFiles(db)
  const result = await sweepOrphanFiles(dataDir, referenced, { graceMs, now })
  forgetStoredFiles(db, result.removed)
  // Rows for files nobody references any more and whose content is gone.
  forgetStoredFiles(db, await missingFiles(dataDir, storedFilesOutside(db, referenced)))
  return {
    removed: result.removed.length,
    removedTemp: result.removedTemp,
    kept: result.kept,
    missing: await missingFiles(dataDir, [...referenced]),
  }
}

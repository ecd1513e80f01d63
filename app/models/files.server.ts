import { inArray, isNotNull, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceAttachments, storedFiles, submissions } from '../../db/schema'
import { missingFiles, sweepOrphanFiles } from '~/files/store.server'

/**
 * Every stored file something still points at: a live attachment, an
 * attachment frozen in a submission's snapshot (kept after the live item
 * drops it), or a submission's generated PDF.
 */
export function referencedFiles(db: Db): Set<string> {
  const live = db
    .selectDistinct({ sha256: evidenceAttachments.fileSha256 })
    .from(evidenceAttachments)
    .all()
    .map((r) => r.sha256)
  const submitted = db
    .all<{ sha256: string | null }>(
      sql`SELECT DISTINCT json_extract(attachment.value, '$.sha256') AS sha256
          FROM ${submissions}, json_each(${submissions.snapshot}, '$.items') AS item, json_each(item.value, '$.attachments') AS attachment`,
    )
    .map((r) => r.sha256)
  const pdfs = db
    .select({ sha256: submissions.pdfSha256 })
    .from(submissions)
    .where(isNotNull(submissions.pdfSha256))
    .all()
    .map((r) => r.sha256)
  return new Set([...live, ...submitted, ...pdfs].filter((sha): sha is string => typeof sha === 'string'))
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
  const referenced = referencedFiles(db)
  const result = await sweepOrphanFiles(dataDir, referenced, { graceMs, now })
  if (result.removed.length > 0) {
    db.delete(storedFiles).where(inArray(storedFiles.sha256, result.removed)).run()
  }
  // Rows for files nobody references any more and whose content is gone.
  const unreferenced = db
    .select({ sha256: storedFiles.sha256 })
    .from(storedFiles)
    .where(referenced.size > 0 ? notInArray(storedFiles.sha256, [...referenced]) : sql`1 = 1`)
    .all()
    .map((r) => r.sha256)
  const goneRows = await missingFiles(dataDir, unreferenced)
  if (goneRows.length > 0) db.delete(storedFiles).where(inArray(storedFiles.sha256, goneRows)).run()
  return {
    removed: result.removed.length,
    removedTemp: result.removedTemp,
    kept: result.kept,
    missing: await missingFiles(dataDir, [...referenced]),
  }
}

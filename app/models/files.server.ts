import { inArray, notInArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { evidenceAttachments, storedFiles, submissions } from '../../db/schema'

/**
 * Where rows point at stored files: a live attachment, an attachment frozen in a submission's snapshot (kept
 * after the live item drops it), a submission's generated PDF, a converted PDF, and the converted PDF frozen
 * in a snapshot. Each names the table and column it reads, so an older database (a backup taken before a
 * migration) is read for the references it can hold.
 */
const REFERENCES = [
  {
    table: 'evidence_attachments',
    column: 'file_sha256',
    query: sql`SELECT DISTINCT ${evidenceAttachments.fileSha256} AS sha256 FROM ${evidenceAttachments}`,
  },
  {
    table: 'submissions',
    column: 'snapshot',
    query: sql`SELECT DISTINCT json_extract(attachment.value, '$.sha256') AS sha256
          FROM ${submissions}, json_each(${submissions.snapshot}, '$.items') AS item, json_each(item.value, '$.attachments') AS attachment
          WHERE json_valid(${submissions.snapshot})`,
  },
  {
    table: 'submissions',
    column: 'pdf_sha256',
    query: sql`SELECT ${submissions.pdfSha256} AS sha256 FROM ${submissions} WHERE ${submissions.pdfSha256} IS NOT NULL`,
  },
  {
    table: 'file_conversions',
    column: 'pdf_sha256',
    query: sql`SELECT pdf_sha256 AS sha256 FROM file_conversions WHERE pdf_sha256 IS NOT NULL`,
  },
  {
    table: 'submissions',
    column: 'snapshot',
    query: sql`SELECT DISTINCT json_extract(attachment.value, '$.converted.sha256') AS sha256
          FROM ${submissions}, json_each(${submissions.snapshot}, '$.items') AS item, json_each(item.value, '$.attachments') AS attachment
          WHERE json_valid(${submissions.snapshot})`,
  },
]

/** The stored files' own rows: a file the store holds for any reason has one. */
const STORED_ROWS = {
  table: 'stored_files',
  column: 'sha256',
  query: sql`SELECT ${storedFiles.sha256} AS sha256 FROM ${storedFiles}`,
}

/**
 * Every stored file something still points at (see `REFERENCES`): what the sweep keeps. With `storedRows`,
 * also every file the `stored_files` table lists: what a backup must hold.
 */
export function referencedFiles(db: Db, { storedRows = false }: { storedRows?: boolean } = {}): Set<string> {
  const present = new Set(
    db
      .all<{ at: string }>(
        sql`SELECT m.name || '.' || c.name AS at FROM sqlite_master AS m, pragma_table_info(m.name) AS c WHERE m.type = 'table'`,
      )
      .map((r) => r.at),
  )
  const found = new Set<string>()
  for (const reference of storedRows ? [...REFERENCES, STORED_ROWS] : REFERENCES) {
    if (!present.has(`${reference.table}.${reference.column}`)) continue
    for (const { sha256 } of db.all<{ sha256: unknown }>(reference.query)) {
      if (typeof sha256 === 'string') found.add(sha256)
    }
  }
  return found
}

/** The stored files' rows not in `referenced`: files nothing points at any more. */
export function storedFilesOutside(db: Db, referenced: ReadonlySet<string>): string[] {
  return db
    .select({ sha256: storedFiles.sha256 })
    .from(storedFiles)
    .where(referenced.size > 0 ? notInArray(storedFiles.sha256, [...referenced]) : sql`1 = 1`)
    .all()
    .map((r) => r.sha256)
}

/** Deletes the rows of these stored files (their content has left the store). */
export function forgetStoredFiles(db: Db, sha256s: readonly string[]): void {
  if (sha256s.length > 0)
    db.delete(storedFiles)
      .where(inArray(storedFiles.sha256, [...sha256s]))
      .run()
}

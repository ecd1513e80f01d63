import { and, asc, eq, inArray, lte, notInArray, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { fileConversions, storedFiles } from '../../db/schema'

export type ConversionStatus = (typeof fileConversions.$inferSelect)['status']
export type Conversion = typeof fileConversions.$inferSelect

/**
 * Puts a stored document on the conversion queue, once: a file already
 * queued, converting, converted or failed is left as it is.
 */
export function enqueueConversion(db: Db, sourceSha256: string, now: Date): boolean {
  const result = db
    .insert(fileConversions)
    .values({ sourceSha256, status: 'queued', runAfter: now.toISOString(), createdAt: now.toISOString() })
    .onConflictDoNothing()
    .run()
  return result.changes > 0
}

/** Queues every stored file of these media types that has no conversion yet; returns how many were queued. */
export function enqueueUnconverted(db: Db, mediaTypes: readonly string[], now: Date): number {
  const rows = db
    .select({ sha256: storedFiles.sha256 })
    .from(storedFiles)
    .leftJoin(fileConversions, eq(fileConversions.sourceSha256, storedFiles.sha256))
    .where(and(inArray(storedFiles.mediaType, [...mediaTypes]), sql`${fileConversions.sourceSha256} IS NULL`))
    .all()
  let queued = 0
  db.transaction((tx) => {
    for (const row of rows) if (enqueueConversion(tx as unknown as Db, row.sha256, now)) queued++
  })
  return queued
}

/** Conversions of these files, by source SHA-256. */
export function conversionsOf(db: Db, sha256s: readonly string[]): Map<string, Conversion> {
  if (sha256s.length === 0) return new Map()
  const rows = db
    .select()
    .from(fileConversions)
    .where(inArray(fileConversions.sourceSha256, [...new Set(sha256s)]))
    .all()
  return new Map(rows.map((r) => [r.sourceSha256, r]))
}

/** How many jobs are waiting to start before this one (for "n ahead" while it waits). */
export function queuePosition(db: Db, conversion: Pick<Conversion, 'createdAt' | 'sourceSha256'>): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(fileConversions)
    .where(
      and(
        inArray(fileConversions.status, ['queued', 'converting']),
        or(
          sql`${fileConversions.createdAt} < ${conversion.createdAt}`,
          and(
            eq(fileConversions.createdAt, conversion.createdAt),
            sql`${fileConversions.sourceSha256} < ${conversion.sourceSha256}`,
          ),
        ),
      ),
    )
    .get()
  return row?.n ?? 0
}

export interface ClaimedJob {
  sourceSha256: string
  mediaType: string
  attempts: number
}

/**
 * Claims the next job for this worker: the oldest queued one whose time has
 * come, or one left converting by a worker that has died or whose claim has
 * lapsed. Returns null when there is nothing to do. `isAlive` says whether a
 * process id still runs (injected so the decision stays testable).
 */
export function claimNextConversion(
  db: Db,
  {
    workerPid,
    now,
    leaseMs,
    isAlive,
  }: { workerPid: number; now: Date; leaseMs: number; isAlive: (pid: number) => boolean },
): ClaimedJob | null {
  const nowIso = now.toISOString()
  return db.transaction(
    (tx) => {
      const candidates = tx
        .select({
          sourceSha256: fileConversions.sourceSha256,
          status: fileConversions.status,
          attempts: fileConversions.attempts,
          workerPid: fileConversions.workerPid,
          leaseUntil: fileConversions.leaseUntil,
          mediaType: storedFiles.mediaType,
        })
        .from(fileConversions)
        .innerJoin(storedFiles, eq(storedFiles.sha256, fileConversions.sourceSha256))
        .where(
          or(
            and(eq(fileConversions.status, 'queued'), lte(fileConversions.runAfter, nowIso)),
            eq(fileConversions.status, 'converting'),
          ),
        )
        .orderBy(asc(fileConversions.createdAt), asc(fileConversions.sourceSha256))
        .all()
      const job = candidates.find(
        (c) =>
          c.status === 'queued' ||
          // Taken over: its worker is gone (a crash, a restart) or its claim has lapsed.
          (c.workerPid !== workerPid &&
            (c.workerPid === null || !isAlive(c.workerPid) || (c.leaseUntil ?? '') < nowIso)),
      )
      if (!job) return null
      // A job taken over from a dead worker does not count the interrupted attempt against the document.
      const attempts = job.status === 'converting' ? job.attempts : job.attempts + 1
      tx.update(fileConversions)
        .set({
          status: 'converting',
          attempts,
          workerPid,
          leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
          startedAt: nowIso,
          error: null,
        })
        .where(eq(fileConversions.sourceSha256, job.sourceSha256))
        .run()
      return { sourceSha256: job.sourceSha256, mediaType: job.mediaType, attempts }
    },
    { behavior: 'immediate' },
  )
}

/**
 * A finished conversion: the PDF is in the store; its exact page count
 * becomes the document's page count.
 */
export function recordConversionReady(
  db: Db,
  sourceSha256: string,
  { pdfSha256, pageCount, now }: { pdfSha256: string; pageCount: number; now: Date },
): void {
  db.transaction((tx) => {
    tx.update(fileConversions)
      .set({
        status: 'ready',
        pdfSha256,
        pageCount,
        finishedAt: now.toISOString(),
        workerPid: null,
        leaseUntil: null,
        error: null,
      })
      .where(eq(fileConversions.sourceSha256, sourceSha256))
      .run()
    tx.update(storedFiles).set({ pageCount, pagesExact: true }).where(eq(storedFiles.sha256, sourceSha256)).run()
  })
}

/** A failed attempt: queued again after `retryAt`, or failed for good when `retryAt` is null. */
export function recordConversionFailure(
  db: Db,
  sourceSha256: string,
  { reason, retryAt, now }: { reason: string; retryAt: Date | null; now: Date },
): void {
  db.update(fileConversions)
    .set(
      retryAt
        ? { status: 'queued', runAfter: retryAt.toISOString(), error: reason, workerPid: null, leaseUntil: null }
        : { status: 'failed', error: reason, finishedAt: now.toISOString(), workerPid: null, leaseUntil: null },
    )
    .where(eq(fileConversions.sourceSha256, sourceSha256))
    .run()
}

/** "Try again" on a failed conversion: back on the queue with a fresh set of attempts. Returns false unless it had failed. */
export function retryConversion(db: Db, sourceSha256: string, now: Date): boolean {
  const result = db
    .update(fileConversions)
    .set({
      status: 'queued',
      attempts: 0,
      runAfter: now.toISOString(),
      error: null,
      finishedAt: null,
      createdAt: now.toISOString(),
    })
    .where(and(eq(fileConversions.sourceSha256, sourceSha256), eq(fileConversions.status, 'failed')))
    .run()
  return result.changes > 0
}

export interface ConversionCounts {
  queued: number
  converting: number
  ready: number
  failed: number
}

export function conversionCounts(db: Db): ConversionCounts {
  const counts: ConversionCounts = { queued: 0, converting: 0, ready: 0, failed: 0 }
  for (const row of db
    .select({ status: fileConversions.status, n: sql<number>`count(*)` })
    .from(fileConversions)
    .groupBy(fileConversions.status)
    .all()) {
    counts[row.status] = row.n
  }
  return counts
}

/** Converted PDFs of the given source files, by source SHA-256 (ready conversions only). */
export function convertedPdfs(db: Db, sha256s: readonly string[]): Map<string, { sha256: string; pageCount: number }> {
  const result = new Map<string, { sha256: string; pageCount: number }>()
  for (const [source, c] of conversionsOf(db, sha256s)) {
    if (c.status === 'ready' && c.pdfSha256 && c.pageCount !== null)
      result.set(source, { sha256: c.pdfSha256, pageCount: c.pageCount })
  }
  return result
}

/** Jobs whose source file is no longer stored (a form that failed after its file was stored, swept since). */
export function dropOrphanConversions(db: Db, before: Date): number {
  const known = db.select({ sha256: storedFiles.sha256 }).from(storedFiles)
  return db
    .delete(fileConversions)
    .where(
      and(notInArray(fileConversions.sourceSha256, known), sql`${fileConversions.createdAt} < ${before.toISOString()}`),
    )
    .run().changes
}

/** Every failed conversion back on the queue with a fresh set of attempts; returns how many. */
export function retryFailedConversions(db: Db, now: Date): number {
  return db
    .update(fileConversions)
    .set({ status: 'queued', attempts: 0, runAfter: now.toISOString(), error: null, finishedAt: null })
    .where(eq(fileConversions.status, 'failed'))
    .run().changes
}

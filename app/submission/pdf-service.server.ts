import fsp from 'node:fs/promises'
import type { AppLoadContext } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import type { Db } from '../../db/client'
import { filePath, openStoredFile, readStoredFile, storeBytes, storedFileExists } from '~/files/store.server'
import { renderSummaryPdf } from '~/submission/pdf.server'
import { renderInWorker } from '~/submission/render-pool.server'
import { summaryPdfFilename } from '~/submission/pdf-text'
import { recordSubmissionPdf, type Submission } from '~/models/submission.server'

/**
 * The submission's summary PDF in the file store: the one made before if it
 * is still there, else made now, stored and recorded. Two first requests at
 * once may both make it; the output is the same bytes for the same
 * snapshot, so they store and record the same file.
 */
export async function ensureSubmissionPdf(
  db: Db,
  dataDir: string,
  submission: Pick<Submission, 'id' | 'snapshot' | 'snapshotSha256' | 'pdfSha256' | 'pdfPages'>,
  { inThisThread = false }: { inThisThread?: boolean } = {},
): Promise<{ sha256: string; pages: number }> {
  if (submission.pdfSha256 && submission.pdfPages !== null && (await storedFileExists(dataDir, submission.pdfSha256))) {
    return { sha256: submission.pdfSha256, pages: submission.pdfPages }
  }
  // Rendered in the worker thread, so other requests go on being answered meanwhile; in this one only where
  // nothing else waits (seeding before the server listens).
  const { bytes, pages } = inThisThread
    ? await renderSummaryPdf(submission.snapshot, submission.snapshotSha256, (sha256) =>
        readStoredFile(dataDir, sha256),
      )
    : await renderInWorker({ snapshot: submission.snapshot, hash: submission.snapshotSha256, dataDir })
  const sha256 = await storeBytes(dataDir, bytes)
  recordSubmissionPdf(db, submission.id, sha256, pages)
  return { sha256, pages }
}

/**
 * The summary PDF as a download (or shown in the browser with `inline`),
 * made first if need be. The caller has checked the reader may see the
 * submission.
 */
export async function submissionPdfResponse(
  context: AppLoadContext,
  submission: Submission,
  { inline = false }: { inline?: boolean } = {},
): Promise<Response> {
  const { dataDir } = context.env
  const { sha256 } = await ensureSubmissionPdf(context.db, dataDir, submission)
  const { size } = await fsp.stat(filePath(dataDir, sha256))
  const stream = openStoredFile(dataDir, sha256)
  if (!stream) throw new Response('The PDF could not be read from the file store. Try again.', { status: 503 })
  const filename = summaryPdfFilename(submission.snapshot.trainee.name, submission.snapshot.number)
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'",
    },
  })
}

import type { AppLoadContext } from '@remix-run/node'
import { streamSubmissionZip, submissionFolderName } from '~/submission/export-zip.server'
import { renderSummaryDocument } from '~/submission/summary-document.server'
import { ensureSubmissionPdf } from '~/submission/pdf-service.server'
import { getSnapshotJson, type Submission } from '~/models/submission.server'

/**
 * A submission's download (.zip) as a streamed response. The caller has
 * checked that the reader may see the submission.
 */
export async function submissionZipResponse(context: AppLoadContext, submission: Submission): Promise<Response> {
  const pdf = await ensureSubmissionPdf(context.db, context.env.dataDir, submission)
  const html = renderSummaryDocument(submission.snapshot, submission.snapshotSha256, pdf.pages)
  const body = await streamSubmissionZip(
    {
      snapshot: submission.snapshot,
      snapshotJson: getSnapshotJson(context.db, submission.id),
      snapshotSha256: submission.snapshotSha256,
      pdf,
      html,
      dataDir: context.env.dataDir,
    },
    new Date(submission.createdAt),
  )
  return new Response(body, {
    headers: {
      'Content-Type': 'application/zip',
      // The folder name is ASCII by construction (see slugify), so it needs no encoding.
      'Content-Disposition': `attachment; filename="${submissionFolderName(submission.snapshot)}.zip"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}

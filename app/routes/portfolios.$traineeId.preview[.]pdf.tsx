import type { LoaderFunctionArgs } from '@remix-run/node'
import { preparePreview } from '~/submission/preview.server'
import { requirePreviewReader } from '~/submission/preview-access.server'
import { summaryPdfFilename } from '~/submission/pdf-text'

/**
 * The preview PDF: what submitting would make now, marked "Draft — not
 * submitted" on every page. For the trainee and their linked mentors. Waits
 * for the render if the portfolio changed since the last one (the render runs
 * in the worker thread; nothing else waits).
 */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const trainee = requirePreviewReader(request, context, params)
  const { bytes, snapshot } = await preparePreview(context.db, context.env.dataDir, trainee.id, context.now())
  const filename = summaryPdfFilename(snapshot.trainee.name, snapshot.number).replace(/\.pdf$/, '-draft.pdf')
  const inline = new URL(request.url).searchParams.get('inline') === '1'
  return new Response(new Blob([bytes as Uint8Array<ArrayBuffer>]), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; filename="${filename}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy':
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'",
    },
  })
}

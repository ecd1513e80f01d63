import type { LoaderFunctionArgs } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { requireEvidence } from '~/evidence/access.server'
import { extensionFor, isAcceptedMediaType } from '~/files/sniff'
import { openStoredFile } from '~/files/store.server'
import { getAttachment } from '~/models/evidence.server'
import { requireUser } from '~/utils/session.server'

/** `name.pdf` made safe for a header: ASCII fallback plus the UTF-8 original (RFC 6266 / 5987). */
function dispositionFilename(name: string, mediaType: string): string {
  const extension = isAcceptedMediaType(mediaType) ? extensionFor(mediaType) : 'bin'
  // eslint-disable-next-line no-control-regex -- control characters are stripped from the download name
  const base = name.replace(/[\u0000-\u001f\u007f"\\/]/g, '').trim() || `attachment.${extension}`
  const ascii = base.replace(/[^\x20-\x7e]/g, '_')
  return `filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(base)}`
}

/** Attached files, only ever through this authorized route. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { user } = requireUser(request, context)
  const { id, traineeId } = requireEvidence(context, user, params.id, 'view')
  const attachmentId = Number(params.attachmentId)
  if (!/^\d{1,12}$/.test(params.attachmentId ?? '')) throw new Response('Not found', { status: 404 })
  const attachment = getAttachment(context.db, traineeId, id, attachmentId)
  if (!attachment) throw new Response('Not found', { status: 404 })
  const stream = openStoredFile(context.env.dataDir, attachment.sha256)
  if (!stream) throw new Response('This file is missing from the store. It has been reported.', { status: 410 })
  const previewable = attachment.mediaType === 'application/pdf' || attachment.mediaType.startsWith('image/')
  const inline = previewable && new URL(request.url).searchParams.get('inline') === '1'
  return new Response(createReadableStreamFromReadable(stream), {
    headers: {
      'Content-Type': attachment.mediaType,
      'Content-Length': String(attachment.size),
      'Content-Disposition': `${inline ? 'inline' : 'attachment'}; ${dispositionFilename(attachment.originalName, attachment.mediaType)}`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      'Content-Security-Policy':
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'",
    },
  })
}

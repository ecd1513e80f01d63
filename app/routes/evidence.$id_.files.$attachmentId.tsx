import type { LoaderFunctionArgs } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { requireEvidence } from '~/evidence/access.server'
import { extensionFor, isAcceptedMediaType } from '~/files/sniff'
import { openStoredFile } from '~/files/store.server'
import { isConvertible } from '~/conversion/convertible'
import { convertedPdfs } from '~/models/conversions.server'
import { getAttachment } from '~/models/evidence.server'
import { requireUser } from '~/utils/session.server'
import { requireIdParam } from '~/utils/params'
import { notFound } from '~/utils/responses'

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
  const attachmentId = requireIdParam(params.attachmentId)
  const attachment = getAttachment(context.db, traineeId, id, attachmentId)
  if (!attachment) throw notFound()
  const wantsInline = new URL(request.url).searchParams.get('inline') === '1'
  // A Word, Excel or PowerPoint file is previewed as the PDF converted from it, once there is one.
  const converted =
    wantsInline && isConvertible(attachment.mediaType)
      ? convertedPdfs(context.db, [attachment.sha256]).get(attachment.sha256)
      : undefined
  if (converted) {
    const pdf = openStoredFile(context.env.dataDir, converted.sha256)
    if (!pdf) throw new Response('The converted PDF is missing from the store. It has been reported.', { status: 410 })
    const name = attachment.originalName.replace(/\.[^.]*$/, '') + '.pdf'
    return new Response(createReadableStreamFromReadable(pdf), {
      headers: {
        'Content-Type': 'application/pdf',
        'Content-Disposition': `inline; ${dispositionFilename(name, 'application/pdf')}`,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, no-store',
        'Content-Security-Policy':
          "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'",
      },
    })
  }
  const stream = openStoredFile(context.env.dataDir, attachment.sha256)
  if (!stream) throw new Response('This file is missing from the store. It has been reported.', { status: 410 })
  const previewable = attachment.mediaType === 'application/pdf' || attachment.mediaType.startsWith('image/')
  const inline = previewable && wantsInline
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

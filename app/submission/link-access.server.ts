import type { AppLoadContext } from '@remix-run/node'
import { findUsableLink, recordLinkOpening } from '~/models/assessor-link.server'
import { getSubmission, type Submission } from '~/models/submission.server'
import type { LinkOpening } from '~/submission/assessor-links'

/**
 * Every answer under /s/:token: the token is in the address, so keep it out
 * of caches and search engines and never send the address on to another site
 * (`same-origin`, not `no-referrer`, which would make the page's own forms post
 * with `Origin: null` and be refused as cross-site).
 */
export const LINK_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'private, no-store',
  'Referrer-Policy': 'same-origin',
  'X-Robots-Tag': 'noindex, nofollow',
}

const GONE = 'This link does not open anything. It may have expired or been revoked: ask the trainee for a new one.'

/**
 * The submission an assessor link opens. Unknown, revoked and expired links
 * all answer the same 404, so the answer says nothing about which.
 */
export function requireLinkedSubmission(
  context: AppLoadContext,
  token: string | undefined,
): { linkId: number; submission: Submission } {
  const link = findUsableLink(context.db, token ?? '', context.now())
  const submission = link ? getSubmission(context.db, link.submissionId) : undefined
  if (!link || !submission) throw new Response(GONE, { status: 404, headers: LINK_HEADERS })
  return { linkId: link.linkId, submission }
}

/** As `requireLinkedSubmission`, and records the opening: when, from where, and what was opened. */
export function openLinkedSubmission(
  context: AppLoadContext,
  request: Request,
  token: string | undefined,
  what: LinkOpening,
): Submission {
  const { linkId, submission } = requireLinkedSubmission(context, token)
  recordLinkOpening(
    context.db,
    linkId,
    { ipAddress: context.clientIp, userAgent: request.headers.get('User-Agent') ?? '', what },
    context.now(),
  )
  return submission
}

/** A download through a link carries the link's headers too. */
export function withLinkHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(LINK_HEADERS)) response.headers.set(name, value)
  return response
}

import { createHash } from 'node:crypto'
import type { EntryContext } from '@remix-run/node'
import { getSessionToken } from '~/utils/session.server'
import { hashToken } from '~/utils/tokens.server'

/**
 * Conditional GETs for pages that opt in with `export const handle = REVALIDATED` (`~/utils/revalidated`).
 *
 * A page's weak ETag is a digest of everything its HTML is made from: the
 * build, the session that asks (so one person's tag never matches for
 * another, nor for the same person signed in anew), the address, the day,
 * and the data of every loader on the page, the root's included (name,
 * unread count). It is taken after the loaders ran and before React renders:
 * a browser holding the page gets `304 Not Modified` and nothing is rendered
 * or sent. Because the tag is taken over the data itself, a page can never
 * be answered 304 after anything it shows changed, whatever changed it (a
 * write in this process or another, the preview's page count arriving, a
 * conversion's progress); the loaders stay cheap where it matters because
 * their heavy parts are cached by data version (the coverage report) or
 * framework version (the framework pages).
 *
 * Those pages say `Cache-Control: private, no-cache`: only the person's own
 * browser may keep them, and it must ask each time before showing them again.
 */
export const REVALIDATED_CACHE_CONTROL = 'private, no-cache'

class Unhashable extends Error {}

/** JSON of loader data, refusing values JSON would flatten to `{}` (a Map, a promise), so two datas never share a tag. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map || v instanceof Set || typeof v === 'bigint' || typeof v === 'function') throw new Unhashable()
    if (v && typeof v === 'object' && typeof (v as { then?: unknown }).then === 'function') throw new Unhashable()
    return v
  })
}

export interface TagInput {
  build: string
  session: string
  url: string
  day: string
  data: unknown
}

/** The weak ETag of a page made from these inputs, or null when its data cannot be digested faithfully. */
export function pageTag(input: TagInput): string | null {
  let data: string
  try {
    data = stableJson(input.data)
  } catch (error) {
    if (error instanceof Unhashable) return null
    throw error
  }
  const hash = createHash('sha256')
  for (const part of [input.build, input.session, input.url, input.day, data]) hash.update(part).update('\0')
  return `W/"${hash.digest('base64url')}"`
}

/** Whether an `If-None-Match` header names this tag (weak comparison). `*` is never taken as a match. */
export function ifNoneMatchHas(header: string | null, tag: string): boolean {
  if (!header) return false
  const opaque = tag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}

/**
 * The ETag of a document about to be rendered, or null when the page does not
 * opt in or must not be revalidated: not a GET, not a 200, an error, an action's
 * answer, a response that sets a cookie, or one its route says no browser may store.
 */
export function documentTag(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
  now = new Date(),
): string | null {
  if (request.method !== 'GET' || status !== 200) return null
  const handler = context.staticHandlerContext
  if (handler.errors || handler.actionData || headers.has('Set-Cookie')) return null
  // A page that must not be kept even by the person's own browser (a submitted portfolio) has nothing to revalidate.
  if (/no-store/i.test(headers.get('Cache-Control') ?? '')) return null
  const optedIn = handler.matches.some((m) => {
    const handle = context.routeModules[m.route.id]?.handle as { revalidated?: boolean } | undefined
    return handle?.revalidated === true
  })
  if (!optedIn) return null
  const token = getSessionToken(request)
  const url = new URL(request.url)
  return pageTag({
    build: context.manifest.version,
    session: token ? hashToken(token) : '',
    url: `${url.pathname}${url.search}`,
    day: now.toISOString().slice(0, 10),
    data: handler.loaderData,
  })
}

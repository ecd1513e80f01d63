import { createHash } from 'node:crypto'
import { serialize } from 'node:v8'
import type { EntryContext } from '@remix-run/node'
import { isDeeplyFrozen } from '~/utils/loader-cache.server'
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

/**
 * Loader data as bytes, by V8's structured serialization: native (about twice as fast as JSON with a checking
 * replacer), and faithful to what JSON would flatten to `{}` (a Map, a Set). Null for data it cannot take whole
 * (a promise of deferred data, a function), which could hide a change. Equal data built differently (an integer
 * held as a double) may give other bytes: that only costs a render, never a wrong page.
 */
function serialized(value: unknown): Buffer | null {
  try {
    return serialize(value)
  } catch {
    return null
  }
}

export interface TagInput {
  build: string
  session: string
  url: string
  day: string
  /** Each route's loader data, by route id. */
  data: Record<string, unknown>
}

/** Digests of loader data that cannot change (~/utils/loader-cache.server), each taken once. */
const digests = new WeakMap<object, Buffer | null>()

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype

/**
 * A digest of one loader's data. Data that cannot change is digested once. A plain object holding some of it (a
 * loader's kept part with a fresh part beside it) is digested key by key, so the kept part costs a lookup. Each way
 * of digesting starts with a byte of its own, so two different values cannot meet by being digested differently.
 */
function digestOf(value: unknown): Buffer | null {
  if (isDeeplyFrozen(value)) {
    let digest = digests.get(value)
    if (digest === undefined) digests.set(value, (digest = wholeDigest(value)))
    return digest
  }
  if (isPlainObject(value) && Object.values(value).some(isDeeplyFrozen)) {
    const hash = createHash('sha256').update('K')
    for (const [key, each] of Object.entries(value)) {
      const digest = digestOf(each)
      if (!digest) return null
      const name = Buffer.from(key)
      hash.update(String(name.length)).update(':').update(name).update(digest)
    }
    return hash.digest()
  }
  return wholeDigest(value)
}

function wholeDigest(value: unknown): Buffer | null {
  const bytes = serialized(value)
  return bytes && createHash('sha256').update('S').update(bytes).digest()
}

/** The weak ETag of a page made from these inputs, or null when its data cannot be digested faithfully. */
export function pageTag(input: TagInput): string | null {
  const hash = createHash('sha256')
  for (const part of [input.build, input.session, input.url, input.day]) hash.update(part).update('\0')
  for (const [routeId, value] of Object.entries(input.data)) {
    const digest = digestOf(value)
    if (!digest) return null
    hash.update(routeId).update('\0').update(digest)
  }
  return `W/"${hash.digest('base64url')}"`
}

/** Whether an `Accept-Encoding` header takes gzip: named (or `*`) with a quality above 0, and not refused by name. */
export function acceptsGzip(header: string | null): boolean {
  if (!header) return false
  let star = false
  for (const entry of header.split(',')) {
    const [coding = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase())
    const q = params.find((param) => param.startsWith('q='))
    const accepted = q === undefined || Number(q.slice(2)) > 0
    if (coding === 'gzip' || coding === 'x-gzip') return accepted
    if (coding === '*') star = accepted
  }
  return star
}

/** Whether an `If-None-Match` header names this tag (weak comparison). `*` is never taken as a match. */
export function ifNoneMatchHas(header: string | null, tag: string): boolean {
  if (!header) return false
  const opaque = tag.replace(/^W\//, '')
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === opaque)
}

export interface DocumentTag {
  tag: string
  /** False when the route says no browser may store the page (`no-store`): then no ETag is sent, nothing is 304. */
  browserMayKeep: boolean
}

/**
 * The tag of a document about to be rendered, or null when the page does not opt in or its HTML is not a function
 * of its tag: not a GET, not a 200, an error, an action's answer, or a response that sets a cookie. The tag also
 * names the page kept rendered on the server (~/utils/rendered-pages.server), which a no-store page may use too:
 * that copy never leaves the server except to the same session.
 */
export function documentTag(
  request: Request,
  status: number,
  headers: Headers,
  context: EntryContext,
  now = new Date(),
): DocumentTag | null {
  if (request.method !== 'GET' || status !== 200) return null
  const handler = context.staticHandlerContext
  if (handler.errors || handler.actionData || headers.has('Set-Cookie')) return null
  const optedIn = handler.matches.some((m) => {
    const handle = context.routeModules[m.route.id]?.handle as { revalidated?: boolean } | undefined
    return handle?.revalidated === true
  })
  if (!optedIn) return null
  const token = getSessionToken(request)
  const url = new URL(request.url)
  const tag = pageTag({
    build: context.manifest.version,
    session: token ? hashToken(token) : '',
    url: `${url.origin}${url.pathname}${url.search}`,
    day: now.toISOString().slice(0, 10),
    data: handler.loaderData,
  })
  // A page that must not be kept even by the person's own browser (a submitted portfolio) has nothing to revalidate.
  return tag === null ? null : { tag, browserMayKeep: !/no-store/i.test(headers.get('Cache-Control') ?? '') }
}

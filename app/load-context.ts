import type { Db } from '../db/client'
import type { Env } from '~/utils/env.server'
import type { RenderedPages } from '~/utils/rendered-pages.server'

declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The one shared database connection, opened and migrated before the server listens. */
    db: Db
    env: Env
    /** A fresh random value per request, allowed by the Content-Security-Policy for inline scripts. */
    cspNonce: string
    /** The client's address as the server sees it (behind a local proxy, the forwarded one). */
    clientIp: string
    /** The clock; tests replace it. */
    now: () => Date
    /** Pages this process has rendered, by tag, to send again rather than render again; absent, none are kept. */
    renderedPages?: RenderedPages
    /** Told who the signed-in user is, once known, for the request log. */
    onUser?: (userId: number) => void
    /** Told when the page is sent as rendered before, for the request log. */
    onPageKept?: () => void
  }
}

export {}

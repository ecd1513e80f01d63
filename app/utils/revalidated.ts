import type { ShouldRevalidateFunction } from '@remix-run/react'

/**
 * A page's `handle` that opts it into conditional GETs (see
 * `~/utils/http-cache.server`): tagged from its data, and answered 304 when the
 * browser already holds the page as it stands. Kept apart from the server
 * module because `handle` ships to the browser.
 */
export const REVALIDATED = { revalidated: true } as const

/**
 * A `shouldRevalidate` that skips the loader when a page only rewrites its own query string (a filter typed into
 * the page) and no form was sent: such a change needs no new data. Anything else revalidates as Remix would.
 */
export const sameDataOnOwnQuery: ShouldRevalidateFunction = ({
  currentUrl,
  nextUrl,
  formMethod,
  defaultShouldRevalidate,
}) => (!formMethod && currentUrl.pathname === nextUrl.pathname ? false : defaultShouldRevalidate)

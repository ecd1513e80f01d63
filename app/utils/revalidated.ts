/**
 * A page's `handle` that opts it into conditional GETs (see
 * `~/utils/http-cache.server`): tagged from its data, and answered 304 when the
 * browser already holds the page as it stands. Kept apart from the server
 * module because `handle` ships to the browser.
 */
export const REVALIDATED = { revalidated: true } as const

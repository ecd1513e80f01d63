import { Link, useLocation, useSearchParams } from '@remix-run/react'
import { pageSearch, type PageInfo } from '~/utils/pagination'

/** "Showing 51–100 of 500 items", or the count alone when everything fits on one page. */
export function showingText(page: PageInfo, noun: [string, string]): string {
  const word = page.total === 1 ? noun[0] : noun[1]
  const total = page.total.toLocaleString('en-GB')
  if (page.pages <= 1) return `${total} ${word}`
  return `Showing ${page.start.toLocaleString('en-GB')}–${page.end.toLocaleString('en-GB')} of ${total} ${word}`
}

/**
 * Links to the first, previous and next pages of a list, keeping its filters
 * and search (everything in the query string but the cursor). Nothing when
 * the list fits on one page. `fragment` names the list's heading where the
 * list is one section of a longer page.
 */
export function Pagination({ page, label, fragment }: { page: PageInfo; label: string; fragment?: string }) {
  const [params] = useSearchParams()
  const { pathname } = useLocation()
  if (page.pages <= 1) return null
  // The list's own heading, where the list is one section of a page.
  const hash = fragment ? `#${fragment}` : ''
  return (
    <nav aria-label={label} className="pagination">
      <ul>
        <li>{page.prev ? <Link to={`${pathname}${pageSearch(params)}${hash}`}>First page</Link> : null}</li>
        <li>
          {page.prev ? (
            <Link to={`${pathname}${pageSearch(params, { before: page.prev })}${hash}`} rel="prev">
              ‹ Previous
            </Link>
          ) : null}
        </li>
        <li>
          <span aria-current="page">
            Page {page.page} of {page.pages}
          </span>
        </li>
        <li>
          {page.next ? (
            <Link to={`${pathname}${pageSearch(params, { after: page.next })}${hash}`} rel="next">
              Next ›
            </Link>
          ) : null}
        </li>
      </ul>
    </nav>
  )
}

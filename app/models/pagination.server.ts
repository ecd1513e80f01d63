import { sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import { cursorText, pageInfo, PAGE_SIZE, type Cursor, type PageInfo, type PageRequest } from '~/utils/pagination'

export type Direction = 'asc' | 'desc'

/** How one list reads a page: its order and its two queries, each narrowed by an extra condition. */
export interface KeysetList<Row> {
  /** The sort column (ties broken by `id`), or none where the list is ordered by id alone. */
  key?: SQLWrapper
  id: SQLWrapper
  /** The list's order, as shown: `desc` is newest first. */
  order: Direction
  /** The row's cursor: its sort key as text and its id. */
  cursorOf: (row: Row) => Cursor
  /** Up to `limit` rows meeting `where` (and the list's own filters), in `direction` of (key, id). */
  rows: (where: SQL | undefined, direction: Direction, limit: number) => Row[]
  /** How many rows meet `where` and the list's own filters. */
  count: (where: SQL | undefined) => number
}

/** Rows strictly beyond the cursor in `direction`: `(key, id) < (…)` going down, `>` going up. */
function beyond<Row>(list: KeysetList<Row>, cursor: Cursor, direction: Direction): SQL {
  const op = sql.raw(direction === 'desc' ? '<' : '>')
  return list.key
    ? sql`(${list.key}, ${list.id}) ${op} (${cursor.key}, ${cursor.id})`
    : sql`${list.id} ${op} ${cursor.id}`
}

const reverse = (d: Direction): Direction => (d === 'desc' ? 'asc' : 'desc')

/**
 * One page of a list by keyset: the rows after (or before) a cursor, in a
 * constant number of queries (the page, the total, the rows ahead of it). A
 * cursor past either end — its row and its neighbours deleted since — falls
 * back to the first page.
 */
export function keysetPage<Row>(
  list: KeysetList<Row>,
  request: PageRequest,
  size = PAGE_SIZE,
): { rows: Row[]; page: PageInfo } {
  const total = list.count(undefined)
  let rows: Row[] = []
  if (request.after) {
    rows = list.rows(beyond(list, request.after, list.order), list.order, size + 1)
  } else if (request.before) {
    const earlier = list.rows(beyond(list, request.before, reverse(list.order)), reverse(list.order), size + 1)
    // Fewer than a page before the cursor: that is the first page, shown whole.
    if (earlier.length > size) rows = earlier.slice(0, size).reverse()
  }
  if (rows.length === 0) rows = list.rows(undefined, list.order, size + 1)
  const shown = rows.slice(0, size)
  if (shown.length === 0) return { rows: [], page: pageInfo(0, 0, total, size, {}) }
  const first = list.cursorOf(shown[0]!)
  const last = list.cursorOf(shown.at(-1)!)
  const offset = list.count(beyond(list, first, reverse(list.order)))
  return {
    rows: shown,
    page: pageInfo(offset, shown.length, total, size, {
      prev: offset > 0 ? cursorText(first) : undefined,
      next: offset + shown.length < total ? cursorText(last) : undefined,
    }),
  }
}

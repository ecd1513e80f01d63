import { z } from 'zod'

/**
 * Keyset (cursor) pagination shared by every list that grows: a page starts
 * after, or ends before, the row a cursor names by its sort key and id, so a
 * page costs the same whatever its depth, and rows added or removed meanwhile
 * shift nothing. Pure: the query layer builds the SQL, the pages show the nav.
 */
export const PAGE_SIZE = 50

/** A row's place in a list's order: its sort key (as text; '' where the list is ordered by id alone) and id. */
export interface Cursor {
  id: number
  key: string
}

/** Which page to show: the first, the one after a row, or the one before a row. */
export interface PageRequest {
  after?: Cursor
  before?: Cursor
}

/** What a page shows about where it is, for the nav and the "Showing 51–100 of 500" line. */
export interface PageInfo {
  /** Rows in the whole (filtered) list. */
  total: number
  /** 1-based position of the first row shown, and of the last; both 0 on an empty list. */
  start: number
  end: number
  /** This page's number and how many there are, counted from where this page starts. */
  page: number
  pages: number
  /** Cursors for the neighbouring pages, absent at either end. */
  next?: string
  prev?: string
}

const CURSOR = /^([1-9]\d{0,14})\.([^]{0,200})$/

/** A cursor as it travels in a query string: `<id>.<key>`. */
export function cursorText(cursor: Cursor): string {
  return `${cursor.id}.${cursor.key}`
}

/** The cursor a query-string value names, or undefined for anything else. */
export function parseCursor(text: unknown): Cursor | undefined {
  if (typeof text !== 'string') return undefined
  const match = CURSOR.exec(text)
  if (!match) return undefined
  return { id: Number(match[1]), key: match[2]! }
}

const pageParams = z.object({
  after: z.string().max(256).optional(),
  before: z.string().max(256).optional(),
})

/**
 * The page a query string asks for. A cursor that is malformed (hand-edited,
 * truncated) asks for the first page; never an error.
 */
export function pageRequestFrom(params: URLSearchParams): PageRequest {
  const parsed = pageParams.safeParse({
    after: params.get('after') ?? undefined,
    before: params.get('before') ?? undefined,
  })
  if (!parsed.success) return {}
  const after = parseCursor(parsed.data.after)
  if (after) return { after }
  const before = parseCursor(parsed.data.before)
  return before ? { before } : {}
}

/** Query parameters that only move between pages; everything else in a query string (filters, search) is kept. */
export const PAGE_PARAMS = ['after', 'before'] as const

/** The search string for another page of the same list: the same filters, a new cursor (or none, for the first page). */
export function pageSearch(current: URLSearchParams, move?: { after: string } | { before: string }): string {
  const next = new URLSearchParams(current)
  for (const name of PAGE_PARAMS) next.delete(name)
  // Messages that belong to one moment (an item was deleted) do not follow the reader to another page.
  next.delete('deleted')
  if (move && 'after' in move) next.set('after', move.after)
  if (move && 'before' in move) next.set('before', move.before)
  const text = next.toString()
  return text ? `?${text}` : ''
}

/** Page numbers and positions from where the page starts (`offset` rows before it), its length and the total. */
export function pageInfo(
  offset: number,
  shown: number,
  total: number,
  size: number,
  ends: { next?: string; prev?: string },
): PageInfo {
  const before = Math.ceil(offset / size)
  return {
    total,
    start: shown === 0 ? 0 : offset + 1,
    end: offset + shown,
    page: before + 1,
    pages: Math.max(1, before + Math.ceil((total - offset) / size)),
    ...ends,
  }
}

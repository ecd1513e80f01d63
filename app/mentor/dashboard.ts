export const SORT_KEYS = ['name', 'evidenced', 'verified', 'blockers', 'awaiting', 'activity', 'target'] as const
export type SortKey = (typeof SORT_KEYS)[number]
export type SortDirection = 'asc' | 'desc'

export interface DashboardRow {
  traineeId: number
  name: string
  percentEvidenced: number
  percentVerified: number
  blockers: number
  awaitingReview: number
  lastActivity: string | null
  targetSubmissionDate: string | null
}

/** The direction a column sorts in when first chosen: the most pressing first. */
export const DEFAULT_DIRECTION: Record<SortKey, SortDirection> = {
  name: 'asc',
  evidenced: 'asc',
  verified: 'asc',
  blockers: 'desc',
  awaiting: 'desc',
  activity: 'asc',
  target: 'asc',
}

function value(row: DashboardRow, key: SortKey): string | number | null {
  switch (key) {
    case 'name':
      return row.name.toLocaleLowerCase('en-GB')
    case 'evidenced':
      return row.percentEvidenced
    case 'verified':
      return row.percentVerified
    case 'blockers':
      return row.blockers
    case 'awaiting':
      return row.awaitingReview
    case 'activity':
      return row.lastActivity
    case 'target':
      return row.targetSubmissionDate
  }
}

/** Sorts rows by a column; empty values (no activity, no target) always go last; ties by name. */
export function sortRows(rows: readonly DashboardRow[], key: SortKey, direction: SortDirection): DashboardRow[] {
  const sign = direction === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    const va = value(a, key)
    const vb = value(b, key)
    if (va === null && vb !== null) return 1
    if (vb === null && va !== null) return -1
    if (va !== null && vb !== null && va !== vb) return (va < vb ? -1 : 1) * sign
    return a.name.localeCompare(b.name, 'en-GB') || a.traineeId - b.traineeId
  })
}

/**
 * A trainee's page count as the list shows it: the preview PDF's count as it
 * is, or the estimate from words and attachments marked as one.
 */
export function pagesLabel(pages: number, measured: boolean): string {
  const count = `${pages} ${pages === 1 ? 'page' : 'pages'}`
  return measured ? count : `about ${count} (estimated)`
}
